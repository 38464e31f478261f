// The Qt6 <-> VTK bridge under a real X server (Xvfb): the view shows the scene inside a
// QMainWindow, mouse clicks pick, the wheel zooms, a drag pans, 'r' resets, and the widget
// survives re-parenting and destruction in either order.
#include <QtTest>

#include <QMainWindow>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <memory>

#include "gui_fixture.h"
#include "render/plot_style.h"
#include "render/scene1d.h"
#include "render/vtk_view_widget.h"

using lreg::render::Scene1D;
using lreg::render::VtkViewWidget;
using namespace gui_test;
namespace color = lreg::render::color;

namespace {

// Widget (Qt, y down, logical pixels) position of the data point (x, y).
QPoint widgetPos(const VtkViewWidget& view, const Scene1D& scene, double x, double y) {
  const auto p = scene.pixelOf(x, y);
  const double ratio = view.devicePixelRatioF();
  return QPoint(int(std::lround(p.x / ratio)), int(std::lround(view.height() - (p.y + 1) / ratio)));
}

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons) {
  QMouseEvent event(type, QPointF(pos), QPointF(w->mapToGlobal(pos)), button, buttons,
                    Qt::NoModifier);
  QApplication::sendEvent(w, &event);
}

void sendWheel(QWidget* w, QPoint pos, int delta, Qt::KeyboardModifiers modifiers = {}) {
  QWheelEvent event(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, delta),
                    Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
  QApplication::sendEvent(w, &event);
}

// A 900 x 600 main window, shown, whose central widget is a view of the sine scene.
struct SceneWindow {
  QMainWindow window;
  VtkViewWidget* view = new VtkViewWidget;  // owned by the window
  Scene1D scene{view->renderer()};

  SceneWindow() {
    window.setCentralWidget(view);
    window.resize(900, 600);
    fillScene(scene);
    view->setNavigator(&scene);
    window.show();
  }
};

}  // namespace

class TestVtkViewWidget : public QObject {
  Q_OBJECT

 private slots:
  void supportedUnderX11() { QVERIFY(VtkViewWidget::isSupported()); }

  void showsTheSceneInAMainWindow() {
    SceneWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    VtkViewWidget* view = shown.view;
    Scene1D& scene = shown.scene;

    const QImage frame = view->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
    frame.save(outputPath("widget_frame.png"));
    QCOMPARE(frame.size(), view->size() * view->devicePixelRatio());
    QVERIFY(distinctColors(frame) > 20);  // a real picture, not a blank or black one
    // The picture is the scene: blue at a plain node, green at the inserted one, opaque.
    auto at = [&](int node) {
      return imagePixel(scene, scene.nodePosition(node).x, scene.nodePosition(node).y,
                        frame.height());
    };
    QVERIFY(pixelsNear(frame, at(1), 4, qcolor(color::kFit)) > 20);
    QVERIFY(pixelsNear(frame, at(4), 5, qcolor(color::kInserted)) > 20);
    QCOMPARE(qAlpha(view->grabFramebuffer().pixel(5, 5)), 255);

    // It matches an offscreen render of the same size, pixel for pixel but for antialiasing.
    vtkNew<vtkRenderer> offscreen;
    Scene1D copy(offscreen);
    copy.copyFrom(scene);
    const QImage reference =
        render(offscreen, outputPath("widget_reference.png"), frame.width(), frame.height());
    QVERIFY2(differingPixels(frame, reference) < frame.width() * frame.height() / 50,
             qPrintable(QString::number(differingPixels(frame, reference))));
  }

  void mouseAndKeys() {
    SceneWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    VtkViewWidget* view = shown.view;
    Scene1D& scene = shown.scene;
    view->grabFramebuffer();  // one render: the scene has its layout

    // A click on node 2 reports its data coordinates; the scene finds the node there.
    QSignalSpy clicks(view, &VtkViewWidget::clicked);
    const auto node = scene.nodePosition(2);
    const QPoint pos = widgetPos(*view, scene, node.x, node.y);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, pos);
    QCOMPARE(clicks.count(), 1);
    const double cx = clicks[0][0].toDouble(), cy = clicks[0][1].toDouble();
    QVERIFY2(std::abs(cx - node.x) < 0.05 && std::abs(cy - node.y) < 0.05,
             qPrintable(QString("%1 %2").arg(cx).arg(cy)));
    const QPointF pixel = clicks[0][2].toPointF();
    QCOMPARE(scene.nodeAtPixel(pixel.x(), pixel.y()), 2);
    QCOMPARE(scene.nearestNode(cx, cy), 2);

    // The wheel zooms about the cursor: the node stays under it.
    const auto before = scene.pixelOf(node.x, node.y);
    sendWheel(view, pos, 120);
    view->grabFramebuffer();
    QVERIFY(!scene.autoFit());
    const auto after = scene.pixelOf(node.x, node.y);
    QVERIFY(std::abs(after.x - before.x) < 2 && std::abs(after.y - before.y) < 2);
    const double spanBefore = scene.pixelOf(node.x + 1, 0).x - scene.pixelOf(node.x, 0).x;
    sendWheel(view, pos, 120, Qt::ControlModifier);  // Ctrl: x only
    const double spanAfter = scene.pixelOf(node.x + 1, 0).x - scene.pixelOf(node.x, 0).x;
    QVERIFY(spanAfter > spanBefore * 1.1);

    // A drag pans (and is no click).
    const auto start = scene.pixelOf(node.x, node.y);
    sendMouse(view, QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
    sendMouse(view, QEvent::MouseMove, pos + QPoint(30, 0), Qt::NoButton, Qt::LeftButton);
    sendMouse(view, QEvent::MouseMove, pos + QPoint(60, 20), Qt::NoButton, Qt::LeftButton);
    sendMouse(view, QEvent::MouseButtonRelease, pos + QPoint(60, 20), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(clicks.count(), 1);
    const auto moved = scene.pixelOf(node.x, node.y);
    const double ratio = view->devicePixelRatioF();
    QVERIFY(std::abs(moved.x - start.x - 60 * ratio) < 2 &&
            std::abs(moved.y - start.y + 20 * ratio) < 2);

    // 'r' brings the automatic view back.
    QSignalSpy resets(view, &VtkViewWidget::viewReset);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_R);
    QCOMPARE(resets.count(), 1);
    QVERIFY(scene.autoFit());
    view->grabFramebuffer();
    QVERIFY(std::abs(scene.pixelOf(node.x, node.y).x - before.x) < 1e-6);
  }

  void survivesReparentingAndDestruction() {
    auto window = std::make_unique<QMainWindow>();
    auto* view = new VtkViewWidget;
    window->setCentralWidget(view);
    window->resize(640, 420);
    auto scene = std::make_unique<Scene1D>(view->renderer());
    fillScene(*scene);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(distinctColors(view->grabFramebuffer()) > 20);

    // Into another top-level window: Qt makes a new GL context, VTK must follow.
    QWidget other;
    auto* layout = new QVBoxLayout(&other);
    view->setParent(nullptr);
    layout->addWidget(view);
    other.resize(700, 450);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    view->renderLater();
    const QImage again = view->grabFramebuffer();
    again.save(outputPath("widget_reparented.png"));
    QVERIFY(distinctColors(again) > 20);

    // The scene goes first, then the widget; the next test does the opposite order.
    scene.reset();
    QVERIFY(distinctColors(view->grabFramebuffer()) < 5);  // blank: nothing to draw
    delete view;
    window.reset();
  }

  void widgetGoesBeforeTheScene() {
    auto* view = new VtkViewWidget;
    Scene1D scene(view->renderer());  // keeps the renderer alive
    fillScene(scene);
    view->resize(500, 300);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view));
    QVERIFY(distinctColors(view->grabFramebuffer()) > 20);
    delete view;
    scene.setSelectedNode(3);  // still usable without a window
    QVERIFY(scene.stats().basisShown);
  }
};

QTEST_MAIN(TestVtkViewWidget)
#include "test_vtk_view_widget.moc"
