// The Connection and App. C.1 views on screen: the connection's figure changes with the
// trained model and with the component shown, exports as PNG, SVG and PDF (and refuses other
// types naming the file); the App. C.1 view puts an appc1 fit's predicted field beside the
// exact one; and the headless paths (--connection-demo, --view field) write the window's
// picture, the figure and the connection model. Pictures land in tests/studio/output.
#include <QFileInfo>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <lreg/base/error.h>
#include <lreg/model/model_io.h>
#include "app/studio/connection_view.h"
#include "app/studio/field_view.h"
#include "app/studio/painted_figure.h"
#include "connection_fixture.h"
#include "studio_fixture.h"

using lreg::studio::ConnectionSession;
using lreg::studio::ConnectionView;
using lreg::studio::FieldView;
using namespace studio_test;

namespace {

constexpr int kWait = 180000;

QImage figureOf(const lreg::studio::ConnectionPicture& pic, QSize size = QSize(1000, 700)) {
  return lreg::studio::paintedImage(
      [&pic](QPainter& p, const QRectF& r) { lreg::studio::paintConnectionFigure(p, r, pic); },
      size);
}

}  // namespace

class TestStudioConnection : public QObject {
  Q_OBJECT

 private slots:
  void theFigureChangesWithTheModel() {
    QTemporaryDir dir;
    ConnectionView view;
    view.resize(1200, 760);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage empty = figureOf(view.picture());
    ConnectionSession& s = view.session();
    QSignalSpy loaded(&s, &ConnectionSession::loaded);
    s.loadFiles(connection_test::writeSources(QDir(dir.path())));
    QVERIFY(loaded.wait(kWait));
    const QImage base = figureOf(view.picture());
    QVERIFY(differingPixels(empty, base) > 1000);  // the base's line and confusion matrix

    QSignalSpy finished(&s, &ConnectionSession::trainingFinished);
    s.train(connection_test::quickOptions(), 2);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(int(s.epochs().size()), 2);
    const QImage trained = figureOf(view.picture());
    QVERIFY2(differingPixels(base, trained) > 5000, "training did not change the figure");
    trained.save(outputPath("connection_figure.png"));
    view.showComponent(1, 2);
    const QImage other = figureOf(view.picture());
    QVERIFY2(differingPixels(trained, other) > 500, "another component looks the same");
    // The same painting on screen (the view's canvas) as in the figure.
    QVERIFY(view.grab().toImage().save(outputPath("connection_view.png")));

    for (const char* ext : {"png", "svg", "pdf"}) {
      const QString path = dir.filePath(QString("figure.") + ext);
      view.exportFigure(path, QSize(900, 600));
      QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
    }
    QCOMPARE(QImage(dir.filePath("figure.png")).size(), QSize(900, 600));
    try {
      view.exportFigure(dir.filePath("figure.bmp"), QSize(900, 600));
      QFAIL("a .bmp figure was written");
    } catch (const lreg::Error& e) {
      QVERIFY2(QString(e.what()).contains("figure.bmp"), e.what());
    }
  }

  void theViewSaysWhatIsWrong() {
    // Without the Debian package the demo's button is off and the view says why.
    QTemporaryDir empty;
    qputenv("LREG_FASHION_MNIST_DIR", empty.path().toUtf8());
    ConnectionView view;
    qunsetenv("LREG_FASHION_MNIST_DIR");
    QPushButton* demo = nullptr;
    for (QPushButton* b : view.findChildren<QPushButton*>())
      if (b->text().contains("Fashion-MNIST")) demo = b;
    QVERIFY(demo);
    QVERIFY(!demo->isEnabled());
    QVERIFY(findLabel(view, [](const QString& t) {
      return t.contains("dataset-fashion-mnist") && t.contains("train-images-idx3-ubyte.gz");
    }));
    // A bad file reaches the window's dialog (errorReported) naming the file; the data stay.
    QTemporaryDir dir;
    lreg::studio::ConnectionSources sources = connection_test::writeSources(QDir(dir.path()));
    QSignalSpy loaded(&view.session(), &ConnectionSession::loaded);
    view.session().loadFiles(sources);
    QVERIFY(loaded.wait(kWait));
    const auto data = view.session().data();
    QSignalSpy error(&view, &ConnectionView::errorReported);
    sources.train.outputs = dir.filePath("missing_outputs.npy").toStdString();
    view.session().loadFiles(sources);
    QVERIFY(error.wait(kWait));
    QVERIFY2(error.front().at(1).toString().contains("missing_outputs.npy"),
             qPrintable(error.front().at(1).toString()));
    QCOMPARE(view.session().data(), data);
  }

  void theFieldViewShowsAnAppc1Fit() {
    auto w = openWindow("appc1", 800);
    QVERIFY(w);
    QSignalSpy finished(w->session(), &StudioSession::runFinished);
    w->session()->run(1);
    QVERIFY(finished.wait(kWait));
    w->showView(MainWindow::View::Field);
    FieldView& field = *w->fieldView();
    QTRY_VERIFY_WITH_TIMEOUT(field.model() != nullptr, 10000);
    QCOMPARE(field.model(), w->session()->bestModel());
    field.setParameters(0.5, 3.0);
    const auto& c = field.comparison();
    QCOMPARE(c.grid, 16);
    QCOMPARE(c.predicted.rows(), 16);
    // The fit resolves beta: its error is well below the change of the field from beta 3 to 4.
    const lreg::RowMatrix at3 = c.exact;
    const double error = c.maxError();
    field.setParameters(0.5, 4.0);
    const double change = (field.comparison().exact - at3).cwiseAbs().minCoeff();
    QVERIFY2(error < 0.5 * change,
             qPrintable(QString("error %1, change %2").arg(error).arg(change)));
    const QImage withModel = field.grab().toImage();
    withModel.save(outputPath("appc1_field_view.png"));
    field.setModel(nullptr);
    QVERIFY(field.comparison().predicted.size() == 0);
    QVERIFY(differingPixels(withModel, field.grab().toImage()) > 1000);
  }

  void headlessConnectionDemo() {
    if (!lreg::studio::fashionMissing(lreg::studio::fashionDirectory()).empty())
      QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    QTemporaryDir dir;
    const QString shot = outputPath("connection_demo_window.png"),
                  figure = outputPath("connection_demo_figure.png"),
                  model = dir.filePath("connection.json");
    const StudioRun r = runStudio(
        {"--connection-demo", "--connection-samples", "1500", "--connection-epochs", "2", "--size",
         "1280x800", "--screenshot", shot, "--connection-figure", figure, "--model-out", model},
        kWait);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("Fashion-MNIST demo") && r.out.contains("2 epoch(s)"),
             qPrintable(r.out));
    QVERIFY2(r.err.contains("epoch 2/2"), qPrintable(r.err));
    QCOMPARE(QImage(shot).size(), QSize(1280, 800));
    QCOMPARE(QImage(figure).size(), QSize(1280, 800));
    const lreg::ConnectionModel m = lreg::loadConnection(model.toStdString());
    QCOMPARE(m.outputs(), 10);
  }

  void headlessFieldView() {
    const QString shot = outputPath("appc1_field_window.png");
    const StudioRun r = runStudio({"--dataset", "appc1", "--points", "800", "--iterations", "1",
                                   "--view", "field", "--screenshot", shot},
                                  kWait);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(shot).size(), QSize(1280, 800));
    const StudioRun bad = runStudio({"--connection-figure", "x.png", "--dataset", "C"}, kWait);
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--connection-demo"), qPrintable(bad.err));
  }
};

STUDIO_TEST_MAIN(TestStudioConnection)
#include "test_studio_connection.moc"
