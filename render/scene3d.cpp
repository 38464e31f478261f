#include "render/scene3d.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCubeAxesActor.h>
#include <vtkDataSetSurfaceFilter.h>
#include <vtkLookupTable.h>
#include <vtkOutlineSource.h>
#include <vtkPlane.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTableBasedClipDataSet.h>
#include <vtkTextProperty.h>
#include <vtkUnstructuredGrid.h>

#include <algorithm>
#include <set>

#include "render/field_geometry.h"
#include "render/mesh_marks.h"
#include "render/plot_style.h"

namespace lreg::render {

Scene3D::Scene3D(vtkRenderer* renderer) : FieldScene(renderer) {
  plane_ = vtkSmartPointer<vtkPlane>::New();
  clip_ = vtkSmartPointer<vtkTableBasedClipDataSet>::New();
  clip_->SetClipFunction(plane_);
  clip_->InsideOutOn();  // keep the side below the plane (negative plane function)
  vtkNew<vtkDataSetSurfaceFilter> surface;
  surface->SetInputConnection(clip_->GetOutputPort());
  solid_ = makeActor(color::kFit);
  auto* mapper = vtkPolyDataMapper::SafeDownCast(solid_->GetMapper());
  mapper->SetInputConnection(surface->GetOutputPort());
  mapper->ScalarVisibilityOn();
  mapper->SetInterpolateScalarsBeforeMapping(true);
  mapper->SetResolveCoincidentTopologyToPolygonOffset();
  solid_->GetProperty()->SetLighting(true);
  solid_->GetProperty()->SetAmbient(0.4);
  solid_->GetProperty()->SetDiffuse(0.65);
  solid_->GetProperty()->SetEdgeColor(0.2, 0.2, 0.2);
  solid_->GetProperty()->SetLineWidth(0.8f);

  vtkNew<vtkOutlineSource> box;
  box->SetBounds(0, 1, 0, 1, 0, 1);
  frame_ = makeActor(color::kFrame);
  vtkPolyDataMapper::SafeDownCast(frame_->GetMapper())->SetInputConnection(box->GetOutputPort());
  support_ = makeActor(color::kBasis);
  support_->GetProperty()->SetLineWidth(2.5f);
  selected_ = makeActor(color::kBasis);
  markerStyle(selected_, 13);

  axes_ = makeCubeAxes(renderer->GetActiveCamera());
  axes_->SetBounds(0, 1, 0, 1, 0, 1);

  for (vtkProp* prop :
       {static_cast<vtkProp*>(solid_), static_cast<vtkProp*>(frame_),
        static_cast<vtkProp*>(support_), static_cast<vtkProp*>(marks_.inserted),
        static_cast<vtkProp*>(marks_.toRemove), static_cast<vtkProp*>(marks_.removed),
        static_cast<vtkProp*>(selected_), static_cast<vtkProp*>(axes_)})
    addProp(prop);
  rebuild();
  resetView();
}

Scene3D::~Scene3D() = default;

bool Scene3D::kept(const double* unit) const {
  const int axis = std::clamp(options().clipAxis, 0, 2);
  return unit[axis] <= options().clipPosition + 1e-12;
}

std::array<double, 3> Scene3D::nodeWorld(int node) const {
  const RowMatrix& n = field()->mesh().nodes;
  return {n(node, 0), n(node, 1), n(node, 2)};
}

bool Scene3D::nodeVisible(int node) const {
  return kept(field()->mesh().nodes.row(node).data());
}

void Scene3D::rebuild() {
  stats_ = FieldSceneStats();
  stats_.wireframe = options().wireframe;
  buildSolid();
  buildMarks();
  buildSupport();
  const MeshField* f = field();
  axes_->SetVisibility(f != nullptr);
  if (f) {
    for (int a = 0; a < 3; ++a)
      setAxisRange(axes_, a, f->lo()[a], f->hi()[a], 5,
                   a < 2 ? AxisEnds::Blank : AxisEnds::Labelled);
    axes_->SetXTitle(axisTitle(inputName(0)).c_str());
    axes_->SetYTitle(axisTitle(inputName(1)).c_str());
    axes_->SetZTitle(axisTitle(inputName(2)).c_str());
  }
}

void Scene3D::buildSolid() {
  const MeshField* f = field();
  solid_->SetVisibility(f != nullptr);
  if (!f) return;
  const int axis = std::clamp(options().clipAxis, 0, 2);
  double origin[3] = {0.5, 0.5, 0.5}, normal[3] = {0, 0, 0};
  origin[axis] = options().clipPosition;
  normal[axis] = 1;
  plane_->SetOrigin(origin);
  plane_->SetNormal(normal);
  clip_->SetInputData(tetraGrid(f->mesh().nodes, f->mesh().simplices, nodeColors()));
  auto* mapper = solid_->GetMapper();
  mapper->SetLookupTable(colors());
  mapper->SetScalarRange(colorRange()[0], colorRange()[1]);
  mapper->UseLookupTableScalarRangeOn();
  mapper->Update();
  solid_->GetProperty()->SetEdgeVisibility(options().wireframe);
  stats_.meshCells = int(clip_->GetOutput()->GetNumberOfCells());
  vtkPolyData* surface = vtkPolyDataMapper::SafeDownCast(mapper)->GetInput();
  stats_.surfaceCells = surface ? int(surface->GetNumberOfCells()) : 0;
}

void Scene3D::buildMarks() {
  const MeshField* f = field();
  const Snapshot* s = snapshot() ? &*snapshot() : nullptr;
  auto marks = [&](vtkActor* actor, const RowMatrix& points) {
    std::vector<int> rows;
    for (long k = 0; k < points.rows(); ++k)
      if (kept(points.row(k).data())) rows.push_back(int(k));
    actor->SetVisibility(!rows.empty());
    if (rows.empty()) return 0;
    RowMatrix p(long(rows.size()), 3);
    for (size_t k = 0; k < rows.size(); ++k) p.row(long(k)) = points.row(rows[k]);
    setInput(actor, vertexPolyData(p));
    return int(rows.size());
  };
  auto nodes = [&](const std::vector<int>& ids) {
    RowMatrix p(0, 3);
    if (!f) return p;
    p.resize(long(ids.size()), 3);
    long n = 0;
    for (int i : ids)
      if (i >= 0 && i < f->mesh().nodeCount()) p.row(n++) = f->mesh().nodes.row(i);
    p.conservativeResize(n, 3);
    return p;
  };
  stats_.inserted = marks(marks_.inserted, nodes(s ? s->inserted : std::vector<int>()));
  stats_.toRemove = marks(marks_.toRemove, nodes(s ? s->toRemove : std::vector<int>()));
  const bool removed = f && s && s->removed.rows() > 0 && s->removed.cols() == 3;
  stats_.removed = removed ? marks(marks_.removed, s->removed) : 0;
  if (!removed) marks_.removed->SetVisibility(false);
}

void Scene3D::buildSupport() {
  const MeshField* f = field();
  const int node = selectedNode();
  const bool shown = f && node >= 0;
  support_->SetVisibility(shown);
  selected_->SetVisibility(shown);
  if (!shown) return;
  const std::vector<int> support = supportSimplices(f->mesh(), node);
  stats_.supportCells = int(support.size());
  std::set<std::array<int, 2>> edges;
  for (int t : support)
    for (int a = 0; a < 4; ++a)
      for (int b = a + 1; b < 4; ++b) {
        const int i = f->mesh().simplices(t, a), j = f->mesh().simplices(t, b);
        edges.insert({std::min(i, j), std::max(i, j)});
      }
  setInput(support_, segmentPolyData(f->mesh().nodes, {edges.begin(), edges.end()}));
  RowMatrix mark = f->mesh().nodes.row(node);
  setInput(selected_, vertexPolyData(mark));
}

void Scene3D::resetCamera() {
  vtkCamera* camera = renderer()->GetActiveCamera();
  camera->ParallelProjectionOff();
  camera->SetViewAngle(30);
  camera->SetFocalPoint(0.5, 0.5, 0.45);
  camera->SetPosition(0.5 + 2.6, 0.5 - 3.2, 0.45 + 2.2);
  camera->SetViewUp(0, 0, 1);
  // The box plus room for the axis labels around it: the labels must stay in the picture.
  double bounds[6] = {-0.15, 1.15, -0.15, 1.15, -0.15, 1.15};
  renderer()->ResetCamera(bounds);
  camera->Dolly(1.1);
  renderer()->ResetCameraClippingRange();
}

}  // namespace lreg::render
