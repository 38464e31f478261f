// The 2D and 3D views rendered offscreen: what they draw matches the snapshot, the picture
// reacts to the model, the heat-map toggle, the output selector and the clipping plane, a
// clicked node is found and shows its basis function, PNG exports write real pictures and
// vector exports are refused with a reason.
#include <QFile>
#include <QtTest>

#include <vtkCamera.h>
#include <vtkCubeAxesActor.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkScalarsToColors.h>
#include <vtkStringArray.h>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "gui_fixture.h"
#include "render/field_geometry.h"
#include "render/mesh_field.h"
#include "render/mesh_marks.h"
#include "render/scene2d.h"
#include "render/scene3d.h"
#include "render/scene_export.h"

using lreg::RowMatrix;
using lreg::Snapshot;
using lreg::Vector;
using lreg::render::ColorBy;
using lreg::render::FieldViewOptions;
using lreg::render::Scene2D;
using lreg::render::Scene3D;
using namespace gui_test;

namespace {

constexpr double kPi = 3.141592653589793;

// The scene's view options with `change` made to them.
template <class Change>
void changeOptions(lreg::render::FieldScene& scene, Change change) {
  FieldViewOptions o = scene.options();
  change(o);
  scene.setOptions(o);
}

// Two outputs on the unit box: a wave and a tilted plane (so the selector changes colours).
double wave(double u, double v, double shift) {
  return std::sin(2 * kPi * u) * std::cos(kPi * v) + shift * u * v;
}

/// A Kuhn grid of m^d nodes with outputs (wave, plane); node `centre` just inserted (it is the
/// midpoint of neighbour pairs), one node about to be removed, one removed position.
Snapshot gridSnapshot(int dim, int m, double shift = 0.0) {
  const lreg::SimplexMesh mesh = lreg::SimplexMesh::kuhnGrid(dim, m);
  Snapshot s;
  s.dim = dim;
  s.phase = lreg::Phase::Refine;
  s.nodes = mesh.nodes;
  s.simplices = mesh.simplices;
  s.coefficients.resize(mesh.nodeCount(), 2);
  for (int i = 0; i < mesh.nodeCount(); ++i) {
    const double u = mesh.nodes(i, 0), v = mesh.nodes(i, 1), w = dim == 3 ? mesh.nodes(i, 2) : 0;
    s.coefficients(i, 0) = wave(u, v, shift) + w;
    s.coefficients(i, 1) = 2 * u - v;
  }
  s.counts = Vector::Zero(mesh.simplexCount());
  const int centre = mesh.nodeCount() / 2;  // the middle node of an odd grid
  s.inserted = {centre};
  s.toRemove = {1};
  s.removed = RowMatrix::Constant(1, dim, 0.3);
  return s;
}

/// Noisy samples of output 0 of gridSnapshot(2, m) over the raw box [-1, 1] x [0, 2].
void gridData(int n, double noise, RowMatrix& X, RowMatrix& Y) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> gauss(0, 1);
  X.resize(n, 2);
  Y.resize(n, 2);
  for (int k = 0; k < n; ++k) {
    const double u = unit(rng), v = unit(rng);
    X.row(k) << -1 + 2 * u, 2 * v;
    Y.row(k) << wave(u, v, 0) + noise * gauss(rng), 2 * u - v;
  }
}

Vector box(double a, double b) {
  Vector v(2);
  v << a, b;
  return v;
}

void fill2D(Scene2D& scene, double shift = 0.0, double noise = 0.1) {
  RowMatrix X, Y;
  gridData(800, noise, X, Y);
  scene.setDomain(box(-1, 0), box(1, 2));
  scene.setNames({"a", "b"}, {"wave", "plane"});
  scene.setData(X, Y);
  scene.setSnapshot(gridSnapshot(2, 9, shift));
  scene.setTitle("2D test");
}

/// Renders and keeps the window, so pixel queries (nodePixel) see the rendered layout.
struct Shown {
  vtkSmartPointer<vtkRenderWindow> window;
  vtkRenderer* renderer;
  QImage image;
  Shown(vtkRenderer* r, const QString& name, int w = 640, int h = 480)
      : window(lreg::render::makeOffscreenWindow(w, h)), renderer(r) {
    window->AddRenderer(r);
    const QString path = outputPath(name);
    lreg::render::writePng(window, path.toStdString());
    image = QImage(path).convertToFormat(QImage::Format_RGB32);
  }
  ~Shown() {
    renderer->ReleaseGraphicsResources(window);
    window->RemoveRenderer(renderer);
    window->Finalize();
  }
};

}  // namespace

class TestFieldScenes : public QObject {
  Q_OBJECT

 private slots:
  void meshFieldValues() {
    const Snapshot s = gridSnapshot(2, 5);
    const lreg::render::MeshField f(s, box(-1, 0), box(1, 2), 0);
    // At the nodes f equals the coefficients; between two nodes it is their mean (P1).
    RowMatrix at(2, 2);
    at.row(0) << f.raw(0, s.nodes(7, 0)), f.raw(1, s.nodes(7, 1));
    at.row(1) << f.raw(0, 0.5 * (s.nodes(6, 0) + s.nodes(7, 0))), f.raw(1, s.nodes(6, 1));
    const Vector v = f.evaluate(at);
    QVERIFY(std::abs(v[0] - s.coefficients(7, 0)) < 1e-12);
    QVERIFY(std::abs(v[1] - 0.5 * (s.coefficients(6, 0) + s.coefficients(7, 0))) < 1e-12);
    // Data on the surface have no residual; shifted by 0.25 they have 0.25 everywhere touched.
    RowMatrix X, Y;
    gridData(500, 0.0, X, Y);
    const Vector onSurface = f.evaluate(X);
    QVERIFY(f.nodeResidualRms(X, onSurface).maxCoeff() < 1e-12);
    const Vector shifted = f.nodeResidualRms(X, (onSurface.array() + 0.25).matrix());
    for (long i = 0; i < shifted.size(); ++i) QVERIFY(std::abs(shifted[i] - 0.25) < 1e-9);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, lreg::render::MeshField(s, box(-1, 0), box(1, 2), 2));
  }

  void bisectedEdgesOfARefinedNode() {
    const lreg::SimplexMesh mesh = lreg::SimplexMesh::kuhnGrid(2, 3);
    // Node 4 (the centre) is the midpoint of its left/right, lower/upper and one diagonal pair.
    const auto edges = lreg::render::bisectedEdges(mesh, {4});
    QCOMPARE(int(edges.size()), 3);
    for (const auto& e : edges) {
      const auto mid = 0.5 * (mesh.nodes.row(e[0]) + mesh.nodes.row(e[1]));
      QVERIFY((mid - mesh.nodes.row(4)).norm() < 1e-12);
    }
    QVERIFY(lreg::render::bisectedEdges(mesh, {0}).empty());  // a corner bisects nothing
  }

  void drawsTheSnapshot() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const auto& st = scene.stats();
    QCOMPARE(st.surfaceCells, 2 * 8 * 8);
    QCOMPARE(st.glyphs, 800);  // under the glyph budget: all of them
    QCOMPARE(st.inserted, 1);
    QCOMPARE(st.toRemove, 1);
    QCOMPARE(st.removed, 1);
    QCOMPARE(st.bisectedEdges, 3);
    QCOMPARE(st.supportCells, 0);
    QVERIFY(st.wireframe);
    // Colours are the values of output 0 over their own range.
    const Snapshot s = gridSnapshot(2, 9);
    QVERIFY((scene.nodeColors() - s.coefficients.col(0)).norm() < 1e-12);
    QCOMPARE(scene.colorRange()[0], s.coefficients.col(0).minCoeff());
    QCOMPARE(scene.colorRange()[1], s.coefficients.col(0).maxCoeff());

    Snapshot bad = s;
    bad.dim = 3;
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setSnapshot(bad));
    bad = s;
    bad.simplices(0, 0) = 999;
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setSnapshot(bad));
    QCOMPARE(scene.stats().surfaceCells, 2 * 8 * 8);  // the picture stayed
  }

  void pictureFollowsTheModel() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const QImage before = Shown(renderer, "scene2d_surface.png").image;
    QVERIFY(distinctColors(before) >= 32);
    scene.setSnapshot(gridSnapshot(2, 9, 1.5));
    const QImage after = Shown(renderer, "scene2d_surface_changed.png").image;
    QVERIFY2(differingPixels(before, after) > 5000,
             qPrintable(QString::number(differingPixels(before, after))));
    // Same inputs, same picture: rendering is deterministic.
    scene.setSnapshot(gridSnapshot(2, 9));
    QCOMPARE(differingPixels(before, Shown(renderer, "scene2d_surface_again.png").image), 0L);
  }

  // After a polish: each moved node's trail from where it was, in amber fading toward the
  // background at its oldest point, only with Trails on; with paths over several steps
  // (Snapshot::movedPaths) the trail runs through every earlier position.
  void polishTrailsShowWhereNodesWere() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    Snapshot s = gridSnapshot(2, 9);
    s.phase = lreg::Phase::Polish;
    s.polishes = true;
    s.inserted.clear();
    s.toRemove.clear();
    s.removed.resize(0, 2);
    scene.setSnapshot(s);
    QCOMPARE(scene.stats().trails, 0);
    const QImage still = Shown(renderer, "scene2d_trails_none.png").image;
    s.moved = {20, 40, 60};  // interior nodes, each from a point 0.05 away
    s.movedFrom.resize(3, 2);
    for (long r = 0; r < 3; ++r) s.movedFrom.row(r) = s.nodes.row(s.moved[size_t(r)]);
    s.movedFrom.col(0).array() += 0.05;
    s.movedFrom.col(1).array() -= 0.04;
    scene.setSnapshot(s);
    QCOMPARE(scene.stats().trails, 3);
    QCOMPARE(scene.stats().trailPoints, 6);
    QCOMPARE(scene.stats().flippedEdges, 0);
    const QImage on = Shown(renderer, "scene2d_trails_on.png").image;
    const int all = std::max(on.width(), on.height());
    const QPoint centre(on.width() / 2, on.height() / 2);
    // Amber, or amber faded toward the background (the trail's older end).
    auto trailPixels = [&](const QImage& image) {
      int n = 0;
      for (double t : {1.0, 0.8, 0.6})
        n += pixelsNear(image, centre, all,
                        qcolor(lreg::render::blend(lreg::render::color::kBackground,
                                                   lreg::render::color::kMoved, t)),
                        20);
      return n;
    };
    const int amberOn = trailPixels(on);
    QVERIFY2(amberOn > 30, qPrintable(QString::number(amberOn)));
    QVERIFY2(differingPixels(still, on) > 50,
             qPrintable(QString::number(differingPixels(still, on))));
    // Two earlier steps: each path has 3 points, the oldest 0.12 away; the picture changes.
    s.movedPaths.clear();
    for (long r = 0; r < 3; ++r) {
      lreg::RowMatrix path(3, 2);
      path.row(0) = s.movedFrom.row(r);
      path(0, 0) += 0.07;
      path(0, 1) -= 0.06;
      path.row(1) = s.movedFrom.row(r);
      path.row(2) = s.nodes.row(s.moved[size_t(r)]);
      s.movedPaths.push_back(path);
    }
    scene.setSnapshot(s);
    QCOMPARE(scene.stats().trails, 3);
    QCOMPARE(scene.stats().trailPoints, 9);
    const QImage longer = Shown(renderer, "scene2d_trails_paths.png").image;
    QVERIFY2(differingPixels(on, longer) > 30,
             qPrintable(QString::number(differingPixels(on, longer))));
    QVERIFY2(trailPixels(longer) > amberOn, qPrintable(QString::number(trailPixels(longer))));
    changeOptions(scene, [](FieldViewOptions& o) { o.trails = false; });
    QCOMPARE(scene.stats().trails, 0);
    const QImage off = Shown(renderer, "scene2d_trails_off.png").image;
    QCOMPARE(differingPixels(still, off), 0L);  // trails off: the picture without moves
    QVERIFY(trailPixels(off) < amberOn / 4);
    // Flipped-in edges: one segment each; out-of-range pairs are not drawn.
    s.flipped = {{30, 40}, {0, 999}};
    scene.setSnapshot(s);
    QCOMPARE(scene.stats().flippedEdges, 1);
    // On the heat map too.
    changeOptions(scene, [](FieldViewOptions& o) {
      o.trails = true;
      o.heatMap = true;
    });
    QCOMPARE(scene.stats().trails, 3);
  }

  void pickingShowsTheBasisFunction() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const int node = 30;  // an interior node: (3/8, 3/8)
    Shown shown(renderer, "scene2d_pick.png");
    const auto p = scene.nodePixel(node);
    QCOMPARE(scene.nodeAtPixel(p.x + 2, p.y - 2), node);
    QCOMPARE(scene.nodeAtPixel(-500, -500), -1);

    scene.setSelectedNode(node);
    QCOMPARE(scene.selectedNode(), node);
    const Snapshot s = gridSnapshot(2, 9);
    int incident = 0;
    for (long t = 0; t < s.simplices.rows(); ++t)
      incident += (s.simplices.row(t).array() == node).any();
    QCOMPARE(scene.stats().supportCells, incident);
    vtkPolyData* tent = scene.basisSurface();
    QCOMPARE(int(tent->GetNumberOfCells()), incident);
    // psi is 1 at the node (and the tent's apex is there), 0 at every other vertex.
    vtkDataArray* psi = tent->GetPointData()->GetScalars();
    int apexes = 0;
    for (vtkIdType k = 0; k < tent->GetNumberOfPoints(); ++k) {
      double x[3];
      tent->GetPoint(k, x);
      const bool atNode =
          std::abs(x[0] - s.nodes(node, 0)) < 1e-12 && std::abs(x[1] - s.nodes(node, 1)) < 1e-12;
      QCOMPARE(psi->GetTuple1(k), atNode ? 1.0 : 0.0);
      QCOMPARE(x[2], psi->GetTuple1(k));
      apexes += atNode;
    }
    QCOMPARE(apexes, 1);
    QVERIFY(QString::fromStdString(scene.nodeText(node)).contains("node 30"));
    const QImage selected = Shown(renderer, "scene2d_basis.png").image;
    QVERIFY(differingPixels(shown.image, selected) > 500);
    QVERIFY(pixelsNear(selected, QPoint(0, 0), 2000, QColor::fromRgbF(0.80f, 0.68f, 0.88f), 6) >
            300);  // the tent's fill

    scene.setSelectedNode(-1);
    QCOMPARE(scene.stats().supportCells, 0);
    QCOMPARE(int(scene.basisSurface()->GetNumberOfCells()), 0);
  }

  void heatMapToggle() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const QImage surface = Shown(renderer, "scene2d_heat_off.png").image;
    changeOptions(scene, [](FieldViewOptions& o) { o.heatMap = true; });
    QVERIFY(scene.stats().heatMap);
    QVERIFY(renderer->GetActiveCamera()->GetParallelProjection());
    QCOMPARE(scene.stats().glyphs, 0);  // the dots would hide the map
    QCOMPARE(scene.worldZ(1.0), 0.0);
    const QImage map = Shown(renderer, "scene2d_heat_on.png").image;
    QVERIFY(differingPixels(surface, map) > 20000);
    // Unlit: the map shows both ends of the colour scale as they are in the colour bar.
    QVERIFY(pixelsNear(map, QPoint(320, 240), 400, QColor::fromRgbF(0.993f, 0.906f, 0.144f), 12) >
            100);
    QVERIFY(pixelsNear(map, QPoint(320, 240), 400, QColor::fromRgbF(0.267f, 0.005f, 0.329f), 12) >
            100);
    // The node picked at its pixel is still the node in the flat view.
    Shown shown(renderer, "scene2d_heat_pick.png");
    const auto p = scene.nodePixel(40);
    QCOMPARE(scene.nodeAtPixel(p.x, p.y), 40);
  }

  void outputSelectorAndResidualColours() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const QImage first = Shown(renderer, "scene2d_output0.png").image;
    FieldViewOptions o = scene.options();
    o.output = 1;
    scene.setOptions(o);
    const Snapshot s = gridSnapshot(2, 9);
    QVERIFY((scene.nodeColors() - s.coefficients.col(1)).norm() < 1e-12);
    QCOMPARE(scene.colorRange()[0], -1.0);
    QCOMPARE(scene.colorRange()[1], 2.0);
    QVERIFY(differingPixels(first, Shown(renderer, "scene2d_output1.png").image) > 5000);
    o.output = 5;  // no such output: back to the first
    scene.setOptions(o);
    QCOMPARE(scene.options().output, 0);

    o.output = 0;
    o.colorBy = ColorBy::Residual;
    scene.setOptions(o);
    const Vector r = scene.nodeColors();
    QCOMPARE(scene.colorRange()[0], 0.0);
    QVERIFY(r.minCoeff() >= 0);
    // Noise of 0.1 around the exact nodal function: local RMS residuals of about 0.1.
    const double mean = r.mean();
    QVERIFY2(mean > 0.05 && mean < 0.2, qPrintable(QString::number(mean)));
    QVERIFY(QString::fromStdString(scene.colorTitle()).contains("residual"));
  }

  // A user's header names and units: a 60-character name is elided before the view's edge cuts
  // it off, and values of 10^6 or 10^-3 get short labels (long ones overlap each other).
  void longNamesAndLargeValuesStayReadable() {
    using lreg::render::axisLabels;
    using lreg::render::axisTitle;
    QCOMPARE(axisTitle("torque"), std::string("torque"));
    QCOMPARE(axisTitle("abcdefghijklmnopqrstuvwx"), std::string("abcdefghijklmnopqrstuvwx"));
    QCOMPARE(axisTitle("abcdefghijklmnopqrstuvwxy"), std::string("abcdefghijklmnopqrstu..."));
    // Code points, not bytes: a name in French is cut between letters.
    QCOMPARE(axisTitle("température moyenne", 8), std::string("tempé..."));
    QCOMPARE(axisLabels(0, 1), (std::vector<std::string>{"0.00", "0.25", "0.50", "0.75", "1.00"}));
    QCOMPARE(axisLabels(-1e-3, 1e-3),
             (std::vector<std::string>{"-0.001", "-0.0005", "0", "0.0005", "0.001"}));
    QCOMPARE(axisLabels(-1.1e6, 1.06e6),
             (std::vector<std::string>{"-1.1e6", "-5.6e5", "-2e4", "5.2e5", "1.06e6"}));
    QCOMPARE(axisLabels(100017, 199980)[0], std::string("100017"));  // 6 digits stay as they are
    QCOMPARE(axisLabels(-1.11, 1.09, 3), (std::vector<std::string>{"-1.1", "0.0", "1.1"}));
    // Horizontal axes leave their ends blank: they meet another axis's end at the box's corners.
    vtkNew<vtkCubeAxesActor> axes;
    lreg::render::setAxisRange(axes, 0, 0, 1, 5, lreg::render::AxisEnds::Blank);
    lreg::render::setAxisRange(axes, 2, -1.11, 1.09, 3);
    QCOMPARE(axes->GetAxisLabels(0)->GetNumberOfValues(), vtkIdType(5));
    QCOMPARE(axes->GetAxisLabels(0)->GetValue(0), vtkStdString(""));
    QCOMPARE(axes->GetAxisLabels(0)->GetValue(1), vtkStdString("0.25"));
    QCOMPARE(axes->GetAxisLabels(0)->GetValue(4), vtkStdString(""));
    QCOMPARE(axes->GetAxisLabels(2)->GetValue(0), vtkStdString("-1.1"));

    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const std::string longName = "very long output name for the measured torque";
    scene.setNames({"engine speed, rpm (averaged over the cycle)", "b"}, {longName, "plane"});
    const std::string title = scene.colorBar()->GetTitle();
    QCOMPARE(title, axisTitle(longName, 18));
    QVERIFY(title.size() < longName.size());
    // The colour bar's labels are round values inside its range, 1, 2 or 5 times 10^k apart.
    vtkDoubleArray* labels = scene.colorBar()->GetCustomLabels();
    QVERIFY(scene.colorBar()->GetUseCustomLabels());
    QVERIFY(labels->GetNumberOfValues() >= 3 && labels->GetNumberOfValues() <= 8);
    const double* range = scene.colorBar()->GetLookupTable()->GetRange();
    const double step = labels->GetValue(1) - labels->GetValue(0);
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                 std::abs(mantissa - 5) < 1e-9,
             qPrintable(QString::number(step)));
    for (vtkIdType k = 0; k < labels->GetNumberOfValues(); ++k) {
      const double v = labels->GetValue(k);
      QVERIFY(v >= range[0] - 1e-12 && v <= range[1] + 1e-12);
      QVERIFY2(std::abs(v / step - std::round(v / step)) < 1e-9, qPrintable(QString::number(v)));
    }
  }

  // Big data: the view keeps an even stride of kMaxFieldPoints rows, draws kMaxFieldGlyphs of
  // them, and its residual colours still read the noise level.
  void bigDataIsStrided() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    RowMatrix X, Y;
    gridData(120000, 0.1, X, Y);
    scene.setDomain(box(-1, 0), box(1, 2));
    scene.setData(X, Y);
    scene.setSnapshot(gridSnapshot(2, 9));
    QCOMPARE(scene.keptPoints(), lreg::render::kMaxFieldPoints);
    QCOMPARE(scene.glyphCount(), int(lreg::render::kMaxFieldGlyphs));
    changeOptions(scene, [](FieldViewOptions& o) { o.colorBy = ColorBy::Residual; });
    const double mean = scene.nodeColors().mean();
    QVERIFY2(mean > 0.05 && mean < 0.2, qPrintable(QString::number(mean)));
  }

  void clipPlaneChangesTheSolid() {
    vtkNew<vtkRenderer> renderer;
    Scene3D scene(renderer);
    Vector lo = Vector::Zero(3), hi = Vector::Ones(3);
    scene.setDomain(lo, hi);
    scene.setSnapshot(gridSnapshot(3, 5));
    const int total = int(gridSnapshot(3, 5).simplices.rows());
    FieldViewOptions o = scene.options();
    o.clipAxis = 0;
    o.clipPosition = 1.0;
    scene.setOptions(o);
    QCOMPARE(scene.stats().meshCells, total);  // nothing cut
    o.clipPosition = 0.5;
    scene.setOptions(o);
    const int half = scene.stats().meshCells;
    QVERIFY2(half > total / 3 && half < total, qPrintable(QString::number(half)));
    const QImage cut = Shown(renderer, "scene3d_clip_half.png").image;
    QVERIFY(distinctColors(cut) >= 32);
    o.clipPosition = 0.8;
    scene.setOptions(o);
    QVERIFY(scene.stats().meshCells > half);
    QVERIFY(differingPixels(cut, Shown(renderer, "scene3d_clip_more.png").image) > 3000);
    o.clipAxis = 2;
    o.clipPosition = 0.5;
    scene.setOptions(o);
    QVERIFY(differingPixels(cut, Shown(renderer, "scene3d_clip_z.png").image) > 3000);

    // Marks: the inserted centre (0.5, 0.5, 0.5) is on the plane, so kept; nodes beyond it
    // cannot be picked.
    QCOMPARE(scene.stats().inserted, 1);
    Shown shown(renderer, "scene3d_pick.png");
    const Snapshot s = gridSnapshot(3, 5);
    const int beyond = 5 * 5 * 4 + 2 * 5 + 2;  // z = 1
    QVERIFY(s.nodes(beyond, 2) > 0.9);
    const auto p = scene.nodePixel(beyond);
    QVERIFY(scene.nodeAtPixel(p.x, p.y, 1.0) != beyond);
    scene.setSelectedNode(62);  // the centre: 24 tetrahedra of the Kuhn grid meet there
    QCOMPARE(scene.stats().supportCells,
             int(lreg::render::supportSimplices(lreg::SimplexMesh::kuhnGrid(3, 5), 62).size()));
    QCOMPARE(scene.stats().supportCells, 24);
  }

  void exportsPngRefusesVectors() {
    vtkNew<vtkRenderer> renderer;
    Scene2D scene(renderer);
    fill2D(scene);
    const QString png = outputPath("scene2d_export.png");
    lreg::render::exportScene(scene, png.toStdString(), 800, 600);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(800, 600));
    QVERIFY(distinctColors(image.convertToFormat(QImage::Format_RGB32)) >= 32);
    // GL2PS drops VTK's 3D geometry (see scene_export.h): vector formats are refused, clearly.
    for (const char* name : {"scene2d_export.svg", "scene2d_export.pdf"}) {
      QFile::remove(outputPath(name));
      try {
        lreg::render::exportScene(scene, outputPath(name).toStdString(), 800, 600);
        QFAIL("a vector export of the 2D view should be refused");
      } catch (const lreg::Error& e) {
        QVERIFY2(QString(e.what()).contains("PNG"), e.what());
      }
      QVERIFY(!QFile::exists(outputPath(name)));
    }
    QVERIFY_THROWS_EXCEPTION(
        lreg::Error, lreg::render::exportScene(scene, outputPath("x.bmp").toStdString(), 80, 60));
  }
};

QTEST_MAIN(TestFieldScenes)
#include "test_field_scenes.moc"
