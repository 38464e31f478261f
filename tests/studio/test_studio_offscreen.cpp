// Without OpenGL (Qt's offscreen platform, no X server at all) the window still works: a
// placeholder stands where the plot would be, the engine steps, the scene keeps its state, and
// the model and loss history export. Nothing crashes (PLATFORM.md: Qt 6.4 can't host a
// QOpenGLWidget there).
#include <QTemporaryDir>

#include <lreg/model/model_io.h>
#include "app/studio/plot_panel.h"
#include "app/studio/transport_bar.h"
#include "render/scene1d.h"
#include "studio_fixture.h"

using lreg::Phase;
using namespace studio_test;

class TestStudioOffscreen : public QObject {
  Q_OBJECT

 private slots:
  void placeholderInsteadOfTheView() {
    QVERIFY(!lreg::render::VtkViewWidget::isSupported());
    auto w = openWindow("A1", 1000);
    QVERIFY(w);
    QVERIFY(!w->plot()->hasView());
    QVERIFY(findLabel(*w->plot(), [](const QString& t) { return t.contains("OpenGL"); }));

    w->session()->step();
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));
    w->session()->subStep();
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Refine; }));
    QCOMPARE(w->transport()->phaseText(), QString("refine"));
    QCOMPARE(w->plot()->scene1D()->stats().nodeMarkers, int(w->shownSnapshot()->nodes.rows()));
    QVERIFY(w->plot()->scene1D()->stats().insertedMarkers > 0);
    QVERIFY(w->plot()->grabView().isNull());

    QTemporaryDir dir;
    w->session()->saveModel(dir.filePath("m.json"));
    QCOMPARE(lreg::loadModel(dir.filePath("m.json").toStdString()).dof(), 64);
    w->session()->saveLossHistory(dir.filePath("loss.csv"));
    QVERIFY(QFileInfo(dir.filePath("loss.csv")).size() > 50);
  }
};

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  lreg::render::VtkViewWidget::setDefaultSurfaceFormat();
  QApplication app(argc, argv);
  TestStudioOffscreen test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_studio_offscreen.moc"
