#include "render/scene2d.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCubeAxesActor.h>
#include <vtkLookupTable.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

#include "render/field_geometry.h"
#include "render/mesh_marks.h"
#include "render/plot_style.h"

namespace lreg::render {
namespace {

constexpr double kHeight = 0.55;      // world height of the value range (the domain is 1 x 1)
constexpr double kFloor = -0.55;      // where the basis tent stands, under the surface
constexpr double kTentHeight = 0.4;   // world height of psi = 1
constexpr double kFlatLift = 2e-3;    // marks above the heat map, so they are not hidden
constexpr double kDotRadius = 0.005;  // data dots: about 4 pixels across in the default view
constexpr Rgb kTentFill{0.80, 0.68, 0.88};

RowMatrix rowsOf(const RowMatrix& m, const std::vector<int>& rows) {
  RowMatrix out(long(rows.size()), m.cols());
  for (size_t k = 0; k < rows.size(); ++k) out.row(long(k)) = m.row(rows[k]);
  return out;
}

}  // namespace

Scene2D::Scene2D(vtkRenderer* renderer) : FieldScene(renderer) {
  surface_ = makeActor(color::kFit);
  surface_->GetProperty()->SetLighting(true);
  surface_->GetProperty()->SetAmbient(0.35);
  surface_->GetProperty()->SetDiffuse(0.7);
  surface_->GetProperty()->SetEdgeColor(0.25, 0.25, 0.25);
  surface_->GetProperty()->SetLineWidth(0.8f);
  auto* mapper = vtkPolyDataMapper::SafeDownCast(surface_->GetMapper());
  mapper->ScalarVisibilityOn();
  mapper->SetInterpolateScalarsBeforeMapping(true);  // colours follow the P1 values exactly
  mapper->SetResolveCoincidentTopologyToPolygonOffset();
  glyphs_ = makeDotActor(Rgb{0.35, 0.35, 0.35}, kDotRadius);
  bisected_ = makeActor(color::kInserted);
  bisected_->GetProperty()->SetLineWidth(3.5f);
  flipped_ = makeActor(color::kFlipped);
  flipped_->GetProperty()->SetLineWidth(3.0f);
  trails_ = makeActor(color::kMoved);
  trails_->GetProperty()->SetLineWidth(3.0f);
  trailStarts_ = makeActor(color::kMoved);
  markerStyle(trailStarts_, 5);
  support_ = makeActor(color::kBasis);
  support_->GetProperty()->SetRepresentationToWireframe();
  support_->GetProperty()->SetLineWidth(2.5f);
  tent_ = makeActor(kTentFill);  // unlit: one flat colour, as in the paper's Figure A2
  tent_->GetProperty()->SetEdgeVisibility(true);
  tent_->GetProperty()->SetEdgeColor(color::kBasis.r, color::kBasis.g, color::kBasis.b);
  tent_->GetProperty()->SetLineWidth(1.5f);
  selectedMark_ = makeActor(color::kBasis);
  markerStyle(selectedMark_, 13);
  basis_ = vtkSmartPointer<vtkPolyData>::New();

  axes_ = makeCubeAxes(renderer->GetActiveCamera());
  axes_->SetGridLineLocation(vtkCubeAxesActor::VTK_GRID_LINES_FURTHEST);

  basisLabel_ = vtkSmartPointer<vtkTextActor>::New();
  styleText(basisLabel_->GetTextProperty(), 14, color::kBasis, true);
  basisLabel_->GetPositionCoordinate()->SetCoordinateSystemToWorld();

  for (vtkProp* prop :
       {static_cast<vtkProp*>(surface_), static_cast<vtkProp*>(glyphs_),
        static_cast<vtkProp*>(bisected_), static_cast<vtkProp*>(flipped_),
        static_cast<vtkProp*>(trails_), static_cast<vtkProp*>(trailStarts_),
        static_cast<vtkProp*>(support_), static_cast<vtkProp*>(tent_),
        static_cast<vtkProp*>(marks_.inserted), static_cast<vtkProp*>(marks_.toRemove),
        static_cast<vtkProp*>(marks_.removed), static_cast<vtkProp*>(selectedMark_),
        static_cast<vtkProp*>(axes_), static_cast<vtkProp*>(basisLabel_)})
    addProp(prop);
  rebuild();
  resetView();
}

vtkPolyData* Scene2D::basisSurface() const {
  return basis_;
}

double Scene2D::worldZ(double value) const {
  if (options().heatMap) return 0;
  return kHeight * (value - zLo_) / (zHi_ - zLo_);
}

RowMatrix Scene2D::world(const RowMatrix& unit, const Vector& values) const {
  RowMatrix p(unit.rows(), 3);
  for (long i = 0; i < unit.rows(); ++i) p.row(i) << unit(i, 0), unit(i, 1), worldZ(values[i]);
  return p;
}

std::array<double, 3> Scene2D::nodeWorld(int node) const {
  const MeshField& f = *field();
  const double lift = options().heatMap ? kFlatLift : 0.0;
  return {f.mesh().nodes(node, 0), f.mesh().nodes(node, 1), worldZ(f.values()[node]) + lift};
}

void Scene2D::rebuild() {
  // The height spans the fit's values and the drawn data, so every dot sits inside the box.
  zLo_ = 0;
  zHi_ = 1;
  bool any = false;
  auto extend = [&](double v) {
    if (!std::isfinite(v)) return;
    zLo_ = any ? std::min(zLo_, v) : v;
    zHi_ = any ? std::max(zHi_, v) : v;
    any = true;
  };
  if (field()) {
    for (long i = 0; i < field()->values().size(); ++i) extend(field()->values()[i]);
  }
  const int column = options().output < targets().cols() ? options().output : 0;
  for (long r : glyphRows()) extend(targets()(r, column));
  if (!(zHi_ > zLo_)) zHi_ = zLo_ + 1;

  stats_ = FieldSceneStats();
  stats_.wireframe = options().wireframe;
  stats_.heatMap = options().heatMap;
  buildSurface();
  buildMarks();
  buildTrails();
  buildBasis();
  buildAxes();
}

void Scene2D::buildSurface() {
  const MeshField* f = field();
  surface_->SetVisibility(f != nullptr);
  if (f) {
    auto data =
        trianglePolyData(world(f->mesh().nodes, f->values()), f->mesh().simplices, nodeColors());
    setInput(surface_, data);
    auto* mapper = surface_->GetMapper();
    mapper->SetLookupTable(colors());
    mapper->SetScalarRange(colorRange()[0], colorRange()[1]);
    mapper->UseLookupTableScalarRangeOn();
    surface_->GetProperty()->SetEdgeVisibility(options().wireframe);
    surface_->GetProperty()->SetLighting(!options().heatMap);  // a map shows the colours as is
    stats_.surfaceCells = int(f->mesh().simplexCount());
    stats_.meshCells = stats_.surfaceCells;
  }
  // Dots at their measured height over the surface view; the map would be hidden by them. The
  // unit box comes with the field, so there are no dots before the first snapshot.
  const bool dots = f && !options().heatMap && !glyphRows().empty();
  glyphs_->SetVisibility(dots);
  if (!dots) return;
  const int column = options().output < targets().cols() ? options().output : 0;
  RowMatrix p(long(glyphRows().size()), 3);
  for (size_t k = 0; k < glyphRows().size(); ++k) {
    const long r = glyphRows()[k];
    p.row(long(k)) << (inputs()(r, 0) - f->lo()[0]) / (f->hi()[0] - f->lo()[0]),
        (inputs()(r, 1) - f->lo()[1]) / (f->hi()[1] - f->lo()[1]), worldZ(targets()(r, column));
  }
  setInput(glyphs_, vertexPolyData(p));
  stats_.glyphs = int(p.rows());
}

void Scene2D::buildMarks() {
  const MeshField* f = field();
  const Snapshot* s = snapshot() ? &*snapshot() : nullptr;
  auto nodeMarks = [&](vtkActor* actor, const std::vector<int>& nodes) {
    std::vector<int> valid;
    for (int i : nodes)
      if (f && i >= 0 && i < f->mesh().nodeCount()) valid.push_back(i);
    actor->SetVisibility(!valid.empty());
    if (valid.empty()) return 0;
    RowMatrix p(long(valid.size()), 3);
    for (size_t k = 0; k < valid.size(); ++k) {
      const auto w = nodeWorld(valid[k]);
      p.row(long(k)) << w[0], w[1], w[2] + (options().heatMap ? kFlatLift : 0);
    }
    setInput(actor, vertexPolyData(p));
    return int(valid.size());
  };
  stats_.inserted = nodeMarks(marks_.inserted, s ? s->inserted : std::vector<int>());
  stats_.toRemove = nodeMarks(marks_.toRemove, s ? s->toRemove : std::vector<int>());
  stats_.removed = 0;
  marks_.removed->SetVisibility(false);
  if (f && s && s->removed.rows() > 0 && s->removed.cols() == 2) {
    RowMatrix raw(s->removed.rows(), 2);
    for (long k = 0; k < raw.rows(); ++k)
      for (int a = 0; a < 2; ++a) raw(k, a) = f->raw(a, s->removed(k, a));
    RowMatrix p = world(s->removed, f->evaluate(raw));
    if (options().heatMap) p.col(2).array() += 2 * kFlatLift;
    setInput(marks_.removed, vertexPolyData(p));
    marks_.removed->SetVisibility(true);
    stats_.removed = int(p.rows());
  }
  const auto edges =
      f && s ? bisectedEdges(f->mesh(), s->inserted) : std::vector<std::array<int, 2>>();
  std::vector<std::array<int, 2>> flips;
  if (f && s)
    for (const auto& e : s->flipped)
      if (e[0] >= 0 && e[1] >= 0 && e[0] < f->mesh().nodeCount() && e[1] < f->mesh().nodeCount())
        flips.push_back(e);
  stats_.bisectedEdges = int(edges.size());
  stats_.flippedEdges = int(flips.size());
  bisected_->SetVisibility(!edges.empty());
  flipped_->SetVisibility(!flips.empty());
  if (edges.empty() && flips.empty()) return;
  RowMatrix p = world(f->mesh().nodes, f->values());
  p.col(2).array() += options().heatMap ? kFlatLift : 1e-3;
  if (!edges.empty()) setInput(bisected_, segmentPolyData(p, edges));
  if (!flips.empty()) setInput(flipped_, segmentPolyData(p, flips));
}

// Each moved node's path over the last polish steps (Snapshot::movedPaths; without them, the one
// step from movedFrom), on the current surface: a polyline that fades from amber toward the
// background at its oldest point, with a dot where each earlier step left the node.
void Scene2D::buildTrails() {
  const MeshField* f = field();
  const Snapshot* s = snapshot() ? &*snapshot() : nullptr;
  stats_.trails = 0;
  stats_.trailPoints = 0;
  const bool shown = f && s && options().trails && !s->moved.empty() &&
                     s->movedFrom.rows() == long(s->moved.size()) && s->movedFrom.cols() == 2;
  trails_->SetVisibility(shown);
  trailStarts_->SetVisibility(shown);
  if (!shown) return;
  const bool paths = s->movedPaths.size() == s->moved.size();
  std::vector<RowMatrix> unit;  // each drawn path, oldest first, unit coordinates
  std::vector<int> nodes;
  long total = 0;
  for (size_t r = 0; r < s->moved.size(); ++r) {
    const int node = s->moved[r];
    if (node < 0 || node >= f->mesh().nodeCount()) continue;
    if (paths && s->movedPaths[r].rows() >= 2 && s->movedPaths[r].cols() == 2) {
      unit.push_back(s->movedPaths[r]);
    } else {
      RowMatrix step(2, 2);
      step << s->movedFrom.row(long(r)), f->mesh().nodes.row(node);
      unit.push_back(step);
    }
    nodes.push_back(node);
    total += unit.back().rows();
  }
  RowMatrix all(total, 2);
  for (long at = 0; const RowMatrix& p : unit) {
    all.middleRows(at, p.rows()) = p;
    at += p.rows();
  }
  RowMatrix raw(total, 2);
  for (long r = 0; r < total; ++r)
    for (int a = 0; a < 2; ++a) raw(r, a) = f->raw(a, all(r, a));
  RowMatrix points = world(all, f->evaluate(raw));
  const double lift = options().heatMap ? 2 * kFlatLift : 2e-3;
  points.col(2).array() += lift;
  std::vector<std::array<int, 2>> segments;
  std::vector<Rgb> colors(static_cast<size_t>(total));
  std::vector<long> earlier;  // every point but the node's position now
  for (long at = 0, k = 0; k < long(unit.size()); at += unit[size_t(k)].rows(), ++k) {
    const long n = unit[size_t(k)].rows();
    const auto w = nodeWorld(nodes[size_t(k)]);  // the path ends where the node is drawn
    points.row(at + n - 1) << w[0], w[1], w[2] + lift;
    for (long j = 0; j < n; ++j) {
      colors[size_t(at + j)] =
          blend(color::kBackground, color::kMoved, 0.35 + 0.65 * j / (n - 1.0));
      if (j + 1 < n) {
        segments.push_back({int(at + j), int(at + j + 1)});
        earlier.push_back(at + j);
      }
    }
  }
  setColoredInput(trails_, segmentPolyData(points, segments), colors);
  RowMatrix dots(long(earlier.size()), 3);
  std::vector<Rgb> dotColors;
  for (size_t j = 0; j < earlier.size(); ++j) {
    dots.row(long(j)) = points.row(earlier[j]);
    dotColors.push_back(colors[size_t(earlier[j])]);
  }
  setColoredInput(trailStarts_, vertexPolyData(dots), dotColors);
  stats_.trails = int(unit.size());
  stats_.trailPoints = int(total);
}

void Scene2D::buildBasis() {
  const MeshField* f = field();
  const int node = selectedNode();
  basis_ = vtkSmartPointer<vtkPolyData>::New();
  const bool shown = f && node >= 0;
  for (vtkActor* a : {support_.Get(), tent_.Get(), selectedMark_.Get()}) a->SetVisibility(shown);
  basisLabel_->SetVisibility(shown);
  if (!shown) return;
  const std::vector<int> support = supportSimplices(f->mesh(), node);
  stats_.supportCells = int(support.size());
  // The support's vertices, renumbered; psi is 1 at the node and 0 at every other vertex.
  std::vector<int> vertices;
  IndexMatrix triangles(long(support.size()), 3);
  for (size_t t = 0; t < support.size(); ++t)
    for (int k = 0; k < 3; ++k) {
      const int v = f->mesh().simplices(support[t], k);
      auto it = std::find(vertices.begin(), vertices.end(), v);
      if (it == vertices.end()) it = vertices.insert(vertices.end(), v);
      triangles(long(t), k) = int(it - vertices.begin());
    }
  const RowMatrix unit = rowsOf(f->mesh().nodes, vertices);
  Vector psi = Vector::Zero(long(vertices.size()));
  RowMatrix tent(unit.rows(), 3);
  for (long k = 0; k < unit.rows(); ++k) {
    psi[k] = vertices[size_t(k)] == node ? 1.0 : 0.0;
    tent.row(k) << unit(k, 0), unit(k, 1), psi[k];
  }
  basis_ = trianglePolyData(tent, triangles, psi);

  // On the surface: the support's outline over the fit. Under it: the tent on its floor.
  Vector values(unit.rows());
  for (long k = 0; k < unit.rows(); ++k) values[k] = f->values()[vertices[size_t(k)]];
  RowMatrix onSurface = world(unit, values);
  onSurface.col(2).array() += options().heatMap ? kFlatLift : 2e-3;
  setInput(support_, trianglePolyData(onSurface, triangles));
  const auto w = nodeWorld(node);
  RowMatrix mark(1, 3);
  mark << w[0], w[1], w[2] + 3 * kFlatLift;
  setInput(selectedMark_, vertexPolyData(mark));
  tent_->SetVisibility(!options().heatMap);
  RowMatrix lifted = tent;
  lifted.col(2) = (kFloor + kTentHeight * psi.array()).matrix();
  setInput(tent_, trianglePolyData(lifted, triangles));
  const std::string label = (haveGreekFont() ? "ψ" : "psi") + std::to_string(node);
  basisLabel_->SetInput(options().heatMap ? label.c_str() : (label + " = 1").c_str());
  if (options().heatMap) {
    basisLabel_->GetPositionCoordinate()->SetValue(w[0] + 0.01, w[1] + 0.01, w[2]);
  } else {
    basisLabel_->GetPositionCoordinate()->SetValue(w[0], w[1], kFloor + kTentHeight + 0.03);
  }
}

void Scene2D::buildAxes() {
  const MeshField* f = field();
  axes_->SetVisibility(f != nullptr);
  if (!f) return;
  // A map is flat, but an axis of zero length makes VTK compute a nonsense label count.
  const double top = options().heatMap ? 1e-3 * kHeight : kHeight;
  axes_->SetBounds(0, 1, 0, 1, 0, top);
  setAxisRange(axes_, 0, f->lo()[0], f->hi()[0], 5, AxisEnds::Blank);
  setAxisRange(axes_, 1, f->lo()[1], f->hi()[1], 5, AxisEnds::Blank);
  setAxisRange(axes_, 2, zLo_, zHi_, 3);  // five crowd the short upright axis
  axes_->SetXTitle(axisTitle(inputName(0)).c_str());
  axes_->SetYTitle(axisTitle(inputName(1)).c_str());
  axes_->SetZTitle(options().heatMap ? "" : colorTitle().c_str());  // elided there
  axes_->SetZAxisVisibility(!options().heatMap);
  axes_->SetDrawXGridlines(false);
  axes_->SetDrawYGridlines(false);
  axes_->SetDrawZGridlines(false);
}

void Scene2D::resetCamera() {
  vtkCamera* camera = renderer()->GetActiveCamera();
  if (options().heatMap) {
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(0.56, 0.5, 0);  // a little right: the colour bar takes the right edge
    camera->SetPosition(0.56, 0.5, 4);
    camera->SetViewUp(0, 1, 0);
    camera->SetParallelScale(0.68);
    axes_->SetScreenSize(7);  // labels scale with the parallel view: keep them modest
  } else {
    camera->ParallelProjectionOff();
    camera->SetViewAngle(30);
    camera->SetFocalPoint(0.5, 0.5, 0.0);
    camera->SetPosition(0.5 + 2.2, 0.5 - 2.9, 2.0);
    camera->SetViewUp(0, 0, 1);
    // Fit the box with the tent's floor, then come closer: the bounding sphere is loose.
    double bounds[6] = {0, 1, 0, 1, kFloor, kHeight};
    renderer()->ResetCamera(bounds);
    camera->Dolly(1.2);
    axes_->SetScreenSize(10);
  }
  renderer()->ResetCameraClippingRange();
}

}  // namespace lreg::render
