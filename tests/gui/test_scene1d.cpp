// The 1D scene rendered offscreen: what it draws matches the snapshot, the picture reacts to
// the model, the selection and zoom, and rendering is deterministic.
#include <QtTest>

#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <lreg/base/error.h>
#include "gui_fixture.h"
#include "render/plot_style.h"
#include "render/scene1d.h"

using lreg::render::Scene1D;
using namespace gui_test;
namespace color = lreg::render::color;

namespace {

// The sine snapshot's scene (gui_fixture's fillScene) in its own renderer, drawn at w x h.
struct SineScene {
  vtkNew<vtkRenderer> renderer;
  Scene1D scene{renderer};
  int w, h;

  SineScene(int width, int height) : w(width), h(height) { fillScene(scene); }
  /// Renders the scene into tests' output folder as `name` and returns the picture.
  QImage draw(const char* name) { return render(renderer, outputPath(name), w, h); }
  /// Where data point (x, y) lies in the picture.
  QPoint pixel(double x, double y) const { return imagePixel(scene, x, y, h); }
  QPoint nodePixel(int node) const {
    const auto p = scene.nodePosition(node);
    return pixel(p.x, p.y);
  }
};

}  // namespace

class TestScene1D : public QObject {
  Q_OBJECT

 private slots:
  void countsMatchSnapshot() {
    SineScene sine(800, 500);
    Scene1D& scene = sine.scene;
    const auto& s = scene.stats();
    QCOMPARE(s.nodeMarkers, 9);
    QCOMPARE(s.fitVertices, 9);
    QCOMPARE(s.insertedMarkers, 1);
    QCOMPARE(s.removeMarkers, 1);
    QCOMPARE(s.histogramBars, 6);  // intervals with a non-zero count
    QCOMPARE(s.dataPoints, 200);
    QCOMPARE(s.truthSamples, 400);
    QVERIFY(s.errorPieces > 400);  // a quad between every pair of truth samples, at least
    QVERIFY(!s.basisShown);

    scene.setSelectedNode(3);
    QVERIFY(scene.stats().basisShown);
    const QString label = QString::fromStdString(scene.basisLabel());
    QVERIFY2((label.contains("₃") || label.contains("_3")) && label.contains("= 0.7071"),
             qPrintable(label));
    scene.setSelectedNode(99);  // out of range: nothing selected
    QVERIFY(!scene.stats().basisShown);
    QCOMPARE(scene.selectedNode(), -1);

    // Without truth, the error is shown as one residual segment per data point.
    scene.setTruth({}, {});
    QCOMPARE(scene.stats().truthSamples, 0);
    QCOMPARE(scene.stats().errorPieces, 200);
  }

  void rejectsWhatItCannotShow() {
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    lreg::Snapshot s = sineSnapshot();
    s.dim = 2;
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setSnapshot(s));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setSnapshot(sineSnapshot(), 1));
    lreg::Snapshot bad = sineSnapshot();
    bad.coefficients.conservativeResize(5, 1);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setSnapshot(bad));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, scene.setData(lreg::Vector(3), lreg::Vector(2)));
    QCOMPARE(scene.stats().nodeMarkers, 0);  // the scene was left as it was
  }

  void picking() {
    SineScene sine(800, 500);
    Scene1D& scene = sine.scene;
    const auto p = scene.nodePosition(2);  // x = π/2, c = 1
    QCOMPARE(p.x, kTwoPi / 4);
    QCOMPARE(p.y, 1.0);
    QCOMPARE(scene.nearestNode(p.x + 0.05, p.y - 0.05), 2);
    QCOMPARE(scene.nearestNode(kTwoPi, 0.0), 8);
    QCOMPARE(scene.nodeAtPixel(100, 100), -1);  // nothing drawn yet: no layout to pick in

    sine.draw("pick.png");
    const auto px = scene.pixelOf(p.x, p.y);
    QCOMPARE(scene.nodeAtPixel(px.x + 5, px.y - 5), 2);
    QCOMPARE(scene.nodeAtPixel(px.x, px.y - 40), -1);  // well below the node: no pick
    double x = 0, y = 0;
    QVERIFY(scene.dataAt(px.x, px.y, x, y));
    QVERIFY(std::abs(x - p.x) < 1e-9 && std::abs(y - p.y) < 1e-9);
  }

  // Data in units far from 1 (a concentration of 1e-4 mol/l): the left margin grows to hold
  // tick labels such as "0.00013" beside the y title (with the fixed margin they ran under it
  // and off the picture), and a long title is cut to the plot's height.
  void wideTickLabelsWidenTheLeftMargin() {
    SineScene sine(800, 500);
    sine.draw("margin_sine.png");
    vtkNew<vtkRenderer> renderer;
    Scene1D tiny(renderer);
    fillScene(tiny);
    Curve data = sineData();
    data.y = (1e-4 + 3e-5 * data.y.array()).matrix();
    tiny.setData(data.x, data.y);
    Curve truth = sineTruth();
    truth.y = (1e-4 + 3e-5 * truth.y.array()).matrix();
    tiny.setTruth(truth.x, truth.y);
    lreg::Snapshot s = sineSnapshot();
    s.coefficients = (1e-4 + 3e-5 * s.coefficients.array()).matrix();
    tiny.setSnapshot(s);
    tiny.setAxisTitles("unix time of the measurement in seconds",
                       std::string(300, 'c') + " (mol/l)");
    const QImage image = render(renderer, outputPath("margin_tiny.png"), 800, 500);
    QVERIFY(distinctColors(image) > 20);
    const double sineLeft = sine.scene.pixelOf(0, 0).x, tinyLeft = tiny.pixelOf(0, 1e-4).x;
    QVERIFY2(tinyLeft > sineLeft + 10, qPrintable(QString("%1 vs %2").arg(tinyLeft).arg(sineLeft)));
    QVERIFY(tinyLeft < 400);  // at most half the picture
  }

  void pictureHasTheRightSize() {
    SineScene sine(800, 500);
    const QImage image = sine.draw("scene_800x500.png");
    QCOMPARE(image.size(), QSize(800, 500));
    QVERIFY(distinctColors(image) > 20);
  }

  void renderingIsDeterministic() {
    // Baseline comparison: the same inputs give the same pixels, in the same and in another
    // renderer; a changed model does not.
    vtkNew<vtkRenderer> r1, r2;
    Scene1D a(r1), b(r2);
    fillScene(a);
    fillScene(b);
    const QImage first = render(r1, outputPath("determinism_a.png"), 640, 400);
    const QImage again = render(r1, outputPath("determinism_a2.png"), 640, 400);
    const QImage other = render(r2, outputPath("determinism_b.png"), 640, 400);
    QCOMPARE(differingPixels(first, again), 0L);
    QCOMPARE(differingPixels(first, other), 0L);
    b.setSnapshot(sineSnapshot(0.6));
    const QImage changed = render(r2, outputPath("determinism_changed.png"), 640, 400);
    QVERIFY(differingPixels(first, changed) > 500);
  }

  void pictureFollowsTheModel() {
    SineScene sine(640, 400);
    Scene1D& scene = sine.scene;
    const QImage before = sine.draw("model_before.png");
    const QPoint oldNode = sine.nodePixel(4);
    scene.setSnapshot(sineSnapshot(0.6));  // node 4 moves up by 0.6
    const QImage after = sine.draw("model_after.png");
    const QPoint newNode = sine.nodePixel(4);
    QVERIFY(differingPixels(before, after) > 500);
    // The inserted (green) node moved up with its coefficient.
    const QColor green = qcolor(color::kInserted);
    QVERIFY(newNode.y() < oldNode.y() - 20);
    QVERIFY(pixelsNear(after, newNode, 5, green) > 20);
    QCOMPARE(pixelsNear(after, oldNode, 5, green), 0);
  }

  void highlightsAppearWhereTheNodesAre() {
    SineScene sine(900, 560);
    Scene1D& scene = sine.scene;
    const QImage image = sine.draw("highlights.png");
    const QColor green = qcolor(color::kInserted), red = qcolor(color::kRemove);
    const QColor blue = qcolor(color::kFit);
    QVERIFY(pixelsNear(image, sine.nodePixel(4), 6, green) > 30);  // inserted
    QVERIFY(pixelsNear(image, sine.nodePixel(7), 6, red) > 30);    // to remove
    for (int plain : {0, 1, 2, 3, 5, 6, 8}) {
      QCOMPARE(pixelsNear(image, sine.nodePixel(plain), 6, green), 0);
      QCOMPARE(pixelsNear(image, sine.nodePixel(plain), 6, red), 0);
      QVERIFY(pixelsNear(image, sine.nodePixel(plain), 4, blue) > 20);
    }
    // No highlight colours anywhere once the snapshot has none.
    lreg::Snapshot plainSnapshot = sineSnapshot();
    plainSnapshot.inserted.clear();
    plainSnapshot.toRemove.clear();
    scene.setSnapshot(plainSnapshot);
    QCOMPARE(scene.stats().insertedMarkers + scene.stats().removeMarkers, 0);
    const QImage none = sine.draw("highlights_none.png");
    QCOMPARE(pixelsNear(none, sine.nodePixel(4), 6, green), 0);
    QCOMPARE(pixelsNear(none, sine.nodePixel(7), 6, red), 0);
  }

  void histogramBarsFollowTheCounts() {
    SineScene sine(900, 560);
    const QImage image = sine.draw("histogram.png");
    // Columns in the middle of intervals 2 (count 7, the largest) and 1 (count 0): the bar
    // colour fills a tall run in the first and is absent in the second.
    auto barPixels = [&](int interval) {
      const double x = (interval + 0.5) / 8.0 * kTwoPi;
      const int column = sine.pixel(x, 0).x();
      int n = 0;
      for (int row = sine.h / 2; row < sine.h; ++row) {
        n += pixelsNear(image, QPoint(column, row), 0, qcolor(color::kCounts), 10);
      }
      return n;
    };
    const int tallest = barPixels(2), empty = barPixels(1), small = barPixels(3);
    QVERIFY2(tallest > 40, qPrintable(QString::number(tallest)));
    QCOMPARE(empty, 0);
    QVERIFY(small > 0 && small < tallest / 3);  // count 1 of 7
  }

  void selectionShowsTheBasisFunction() {
    SineScene sine(900, 560);
    Scene1D& scene = sine.scene;
    const QImage plain = sine.draw("select_none.png");
    const auto apex = scene.nodePosition(2), left = scene.nodePosition(1);
    // Halfway down the tent's left flank, and inside the tent: purple only when it is drawn.
    const QPoint flank = sine.pixel((apex.x + left.x) / 2, apex.y / 2);
    const QPoint inside = sine.pixel(apex.x, 0.2);
    QCOMPARE(pixelsNear(plain, flank, 3, qcolor(color::kBasis)), 0);
    scene.setSelectedNode(2);
    const QImage selected = sine.draw("select_node2.png");
    QVERIFY(differingPixels(plain, selected) > 200);
    QVERIFY(pixelsNear(selected, flank, 3, qcolor(color::kBasis)) > 3);
    QVERIFY(pixelsNear(selected, inside, 3, qcolor(color::kBasisFill), 6) > 10);
    // A node with a negative coefficient: the tent hangs below zero.
    scene.setSelectedNode(6);
    sine.draw("select_node6.png");
    QVERIFY(scene.basisLabel().find("= -1") != std::string::npos);
  }

  void zoomPanAndReset() {
    SineScene sine(800, 500);
    Scene1D& scene = sine.scene;
    const QImage fitted = sine.draw("zoom_fitted.png");
    QVERIFY(scene.autoFit());
    // Zoom 2x about node 2: it stays under the same pixel.
    const auto node = scene.nodePosition(2);
    const auto before = scene.pixelOf(node.x, node.y);
    scene.zoom(before.x, before.y, 2, 2);
    QVERIFY(!scene.autoFit());
    const QImage zoomed = sine.draw("zoom_2x.png");
    const auto after = scene.pixelOf(node.x, node.y);
    QVERIFY(std::abs(after.x - before.x) < 1e-6 && std::abs(after.y - before.y) < 1e-6);
    QVERIFY(differingPixels(fitted, zoomed) > 1000);
    // Pan right by 100 pixels: the node follows.
    scene.pan(100, 0);
    const QImage panned = sine.draw("zoom_2x_panned.png");
    QVERIFY(std::abs(scene.pixelOf(node.x, node.y).x - (before.x + 100)) < 1e-6);
    QVERIFY(differingPixels(zoomed, panned) > 1000);
    // X-only zoom keeps y.
    const double yBefore = scene.pixelOf(node.x, node.y - 0.5).y;
    scene.zoom(400, 250, 1.5, 1.0);
    sine.draw("zoom_x_only.png");
    QVERIFY(std::abs(scene.pixelOf(node.x, node.y - 0.5).y - yBefore) < 1e-6);
    scene.resetView();
    const QImage reset = sine.draw("zoom_reset.png");
    QVERIFY(scene.autoFit());
    QCOMPARE(differingPixels(fitted, reset), 0L);
  }

  void largeDataSetsRenderQuickly() {
    // 100k training points (the paper's larger 1D sets): a frame must stay interactive.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> ux(0, kTwoPi);
    std::normal_distribution<double> noise(0, 0.2);
    lreg::Vector x(100000), y(100000);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      x[i] = ux(rng);
      y[i] = std::sin(x[i]) + noise(rng);
    }
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    scene.setDomain(0, kTwoPi);
    scene.setData(x, y);
    scene.setSnapshot(sineSnapshot());  // no truth: 100k residual segments as well
    auto window = lreg::render::makeOffscreenWindow(1000, 620);
    window->SetMultiSamples(4);  // as the on-screen view
    window->AddRenderer(renderer);
    window->Render();  // first frame builds shaders
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 5; ++i) {
      scene.pan(1, 0);
      window->Render();
    }
    const double msPerFrame = timer.elapsed() / 5.0;
    qInfo("100k points: %.1f ms per frame", msPerFrame);
    // No truth and too many points for residual segments: the binned data mean stands in.
    QVERIFY(scene.stats().dataMeanSamples >= 20);
    QVERIFY(scene.stats().errorPieces > 20);
    QVERIFY2(msPerFrame < 1000, qPrintable(QString::number(msPerFrame)));
    lreg::render::writePng(window, outputPath("large_100k.png").toStdString());
    renderer->ReleaseGraphicsResources(window);
    window->RemoveRenderer(renderer);
  }

  void modelWithoutDataAndEmptyScene() {
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    const QImage empty = render(renderer, outputPath("empty.png"), 400, 300);
    QCOMPARE(empty.size(), QSize(400, 300));
    scene.setDomain(0, kTwoPi);
    // A saved model opened without its data: no counts, no highlights, so no strip either.
    lreg::Snapshot saved = sineSnapshot();
    saved.counts.resize(0);
    saved.inserted.clear();
    saved.toRemove.clear();
    scene.setSnapshot(saved);
    QCOMPARE(scene.stats().histogramBars, 0);
    const QImage model = render(renderer, outputPath("model_only.png"), 640, 400);
    QVERIFY(differingPixels(empty.scaled(640, 400), model) > 0);
    QVERIFY(pixelsNear(model, imagePixel(scene, kTwoPi / 4, 1.0, 400), 4, qcolor(color::kFit)) >
            10);
    scene.clearSnapshot();
    QCOMPARE(scene.stats().nodeMarkers, 0);
  }
};

QTEST_GUILESS_MAIN(TestScene1D)
#include "test_scene1d.moc"
