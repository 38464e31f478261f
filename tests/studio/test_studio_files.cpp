// Files in and out of the window: figure export (PNG at a size, PDF, SVG), the window's
// picture, the model (loads back with the core's loadModel), the loss history CSV, opening a
// saved model, dropping a CSV or .npy file, a session that brings the window's settings back,
// and a bad CSV or session file: a dialog naming file, line and problem while the current
// data set stays loaded.
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUrl>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/studio/dataset_panel.h"
#include "app/studio/exports.h"
#include "app/studio/loss_chart.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/plot_panel.h"
#include "app/studio/scaling_view.h"
#include "render/field_scene.h"
#include "render/scene1d.h"
#include "studio_fixture.h"

using lreg::Phase;
using namespace studio_test;

namespace {

QByteArray head(const QString& path, int n) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.read(n);
}

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly | QIODevice::Truncate);
  f.write(text);
  return path;
}

// Drops `path` on the window as a real drag does: the window accepts the enter (which makes it
// Qt's drop target), then gets the drop. False when the enter was refused.
bool dropFile(QWidget& window, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent drop(QPointF(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &drop);
  return true;
}

}  // namespace

class TestStudioFiles : public QObject {
  Q_OBJECT

  std::unique_ptr<MainWindow> window_;  // C with three fits, shared by the export tests

 private slots:
  void initTestCase() {
    window_ = openWindow("C", 3000);
    QVERIFY(window_);
    window_->session()->run(3);
    QVERIFY(waitShown(*window_, [](const lreg::Snapshot& s) {
      return s.phase == Phase::Train && s.iteration == 3;
    }));
  }

  void cleanupTestCase() { window_.reset(); }

  void figureExports() {
    const QString png = outputPath("figure.png");
    QFile::remove(png);
    window_->saveFigure(png, QSize(900, 560));
    QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(900, 560));
    QVERIFY(pixelsLike(image, fitBlue()) > 300);  // the fit is in it

    const QString pdf = outputPath("figure.pdf");
    window_->saveFigure(pdf, QSize(900, 560));
    QCOMPARE(head(pdf, 4), QByteArray("%PDF"));
    QVERIFY(QFileInfo(pdf).size() > 2000);

    const QString svg = outputPath("figure.svg");
    window_->saveFigure(svg, QSize(900, 560));
    QVERIFY(head(svg, 4096).contains("<svg"));

    QVERIFY_THROWS_EXCEPTION(lreg::Error,
                             window_->saveFigure(outputPath("figure.jpg"), QSize(9, 9)));
    QVERIFY_THROWS_EXCEPTION(lreg::Error,
                             window_->saveFigure("/nonexistent/dir/figure.png", QSize(900, 560)));
  }

  void windowPicture() {
    const QString path = outputPath("window.png");
    lreg::studio::saveWindowPicture(window_.get(), path, QSize(1000, 640));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1000, 640));
    QVERIFY(pixelsLike(image, fitBlue()) > 300);  // the OpenGL view's content came along
  }

  void modelRoundTrip() {
    const QString path = outputPath("model.json");
    window_->session()->saveModel(path);
    const lreg::Model m = lreg::loadModel(path.toStdString());
    QCOMPARE(m.dim, 1);
    QCOMPARE(m.dof(), window_->session()->options().dof);
    QCOMPARE(m.dof(), window_->session()->bestModel()->dof());
    QVERIFY(m.coefficients.isApprox(window_->session()->bestModel()->coefficients));
  }

  void lossHistoryCsv() {
    const QString path = outputPath("loss.csv");
    window_->session()->saveLossHistory(path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 1);
    QCOMPARE(lines[0], QString("iteration,dof,train_mae,train_rmse,train_r2,test_mae,test_rmse,"
                               "test_r2,seconds"));
    QCOMPARE(lines.size() - 1, 4);  // fits after 0, 1, 2 and 3 mesh updates
    for (int i = 1; i < lines.size(); ++i) {
      const QStringList cells = lines[i].split(',');
      QCOMPARE(cells.size(), 9);
      QCOMPARE(cells[0].toInt(), i - 1);
      bool ok = false;
      QVERIFY(cells[3].toDouble(&ok) > 0 && ok);  // train RMSE
      QVERIFY(cells[6].toDouble(&ok) > 0 && ok);  // test RMSE (C has a test set)
    }
  }

  void openSavedModel() {
    const QString path = outputPath("model.json");
    window_->session()->saveModel(path);
    window_->session()->openModel(path);
    QCOMPARE(window_->plot()->scene1D()->stats().nodeMarkers, window_->session()->options().dof);
    const QImage shown = savedPlot(*window_, "open_model.png");
    QVERIFY(pixelsLike(shown, fitBlue()) > 300);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, window_->session()->openModel(outputPath("loss.csv")));
  }

  void badCsvKeepsTheData() {
    auto w = openWindow("A1", 800);
    QVERIFY(w);
    const QString before = w->datasetPanel()->summaryText();
    const int points = w->plot()->scene1D()->stats().dataPoints;
    QTemporaryDir dir;
    const QString bad = writeText(dir, "bad.csv", "x,y\n0.1,0.5\n0.2,abc\n0.3,0.7\n");
    QString message;
    answerNextMessageBox(QMessageBox::Ok, &message);
    QSignalSpy failed(w->session(), &StudioSession::loadFailed);
    w->session()->loadData(lreg::studio::DataRequest::file(bad.toStdString()));
    QVERIFY(failed.wait(10000));
    QTRY_VERIFY(!message.isEmpty());  // the dialog was shown (and closed by the test)
    QVERIFY2(message.contains("bad.csv") && message.contains(":3:") && message.contains("abc"),
             qPrintable(message));
    QCOMPARE(w->session()->data()->name, std::string("A1"));
    QCOMPARE(w->datasetPanel()->summaryText(), before);
    QCOMPARE(w->plot()->scene1D()->stats().dataPoints, points);

    // More inputs than the app draws (1 to 3) are refused the same way, naming the file.
    const QString wide = writeText(dir, "wide.csv", "a,b,c,d,y\n1,2,3,4,5\n4,5,6,7,8\n7,8,9,1,2\n");
    message.clear();
    answerNextMessageBox(QMessageBox::Ok, &message);
    w->session()->loadData(lreg::studio::DataRequest::file(wide.toStdString()));
    QTRY_VERIFY(!message.isEmpty());
    QVERIFY2(message.contains("wide.csv") && message.contains("1 to 3 inputs"),
             qPrintable(message));
    QCOMPARE(w->session()->data()->name, std::string("A1"));

    // The engine still works on the old data.
    w->session()->step();
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));
  }

  void droppedCsvLoads() {
    auto w = openWindow("A1", 800);
    QVERIFY(w);
    QTemporaryDir dir;
    QByteArray text = "x,y\n";
    for (int i = 0; i < 200; ++i)
      text += QByteArray::number(i * 0.05) + "," + QByteArray::number(std::sin(i * 0.05)) + "\n";
    const QString good = writeText(dir, "sine.csv", text);
    QSignalSpy loaded(w->session(), &StudioSession::dataLoaded);
    QVERIFY(dropFile(*w, good));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(w->session()->data()->name, std::string("sine.csv"));
    QCOMPARE(int(w->session()->data()->train.size()), 200);
    QCOMPARE(w->plot()->scene1D()->stats().dataPoints, 200);
    QVERIFY(w->datasetPanel()->summaryText().contains("200 training points"));
  }
  void droppedNpyLoads() {
    auto w = openWindow("A1", 800);
    QVERIFY(w);
    QTemporaryDir dir;
    lreg::Dataset d;  // two inputs: the 2D view
    d.X.resize(900, 2);
    d.Y.resize(900, 1);
    for (int i = 0; i < 900; ++i) {
      d.X(i, 0) = (i % 30) / 29.0;
      d.X(i, 1) = (i / 30) / 29.0;
      d.Y(i, 0) = std::sin(3 * d.X(i, 0)) + d.X(i, 1);
    }
    const QString npy = dir.filePath("plane.npy");
    lreg::writeNpy(npy.toStdString(), d);
    QSignalSpy loaded(w->session(), &StudioSession::dataLoaded);
    QVERIFY(dropFile(*w, npy));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(w->session()->data()->name, std::string("plane.npy"));
    QCOMPARE(w->plot()->dim(), 2);
    QVERIFY(w->plot()->fieldScene());
    QCOMPARE(w->plot()->fieldScene()->keptPoints(), 900L);
    QVERIFY(w->datasetPanel()->summaryText().contains("900 training points"));
  }

  void sessionsKeepTheWindowsSettings() {
    QTemporaryDir dir;
    const QString path = dir.filePath("w.lreg-session.json");
    {
      auto w = openWindow("C", 2000);
      QVERIFY(w);
      w->lossChart()->setLogScale(true);  // as the checkbox does
      w->setMlpPanelVisible(true);
      w->mlpPanel()->setEpochs(123);
      w->scalingView()->setRange(8, 128);
      QSignalSpy finished(w->session(), &StudioSession::runFinished);
      w->session()->run(2);
      QVERIFY(finished.wait(30000));
      QSignalSpy written(w->session(), &StudioSession::fileWritten);
      w->session()->saveSession(path);
      QVERIFY(written.wait(30000));
    }
    MainWindow w;
    w.resize(1200, 760);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(w.session(), &StudioSession::sessionOpened);
    w.session()->openSession(path);
    QVERIFY(opened.wait(30000));
    QVERIFY(w.lossChart()->logScale());
    QVERIFY(w.mlpPanel()->isVisible());
    QCOMPARE(w.mlpPanel()->epochs(), 123);
    QCOMPARE(w.scalingView()->dofs(), (std::vector<int>{8, 16, 32, 64, 128}));
    QTRY_COMPARE(w.lossChart()->pointCount(), 3);  // the restored loss history
    QVERIFY(waitShown(w, [](const lreg::Snapshot& s) { return s.iteration == 2; }));
    QCOMPARE(w.plot()->scene1D()->stats().nodeMarkers, 64);
    QVERIFY2(w.statusText().contains("Iteration 2"), qPrintable(w.statusText()));
    QTest::qWait(200);  // charts and labels lay out lazily
    w.grab().save(outputPath("session_restored.png"));
  }

  void badSessionGetsADialog() {
    auto w = openWindow("A1", 800);
    QVERIFY(w);
    const lreg::studio::DataPtr before = w->session()->data();
    QTemporaryDir dir;
    const QString bad = writeText(dir, "broken.lreg-session.json",
                                  "{\n \"format\": \"lreg-studio-session\",\n \"version\": "
                                  "1,\n \"data\": {\"source\": \"generator\", \"generator\": "
                                  "\"A1\"},\n \"settings\": {\"mrc\": {\"dof\": -4}}\n}\n");
    QString message;
    answerNextMessageBox(QMessageBox::Ok, &message);
    QSignalSpy failed(w->session(), &StudioSession::sessionFailed);
    QVERIFY(dropFile(*w, bad));  // as File → Open Session does
    QVERIFY(failed.wait(10000));
    QTRY_VERIFY(!message.isEmpty());
    QVERIFY2(
        message.contains("broken.lreg-session.json:5: settings.mrc.dof must be a whole number"),
        qPrintable(message));
    QCOMPARE(w->session()->data(), before);  // nothing loaded is lost
    QVERIFY(w->datasetPanel()->summaryText().contains("800 training points"));
  }
};

STUDIO_TEST_MAIN(TestStudioFiles)
#include "test_studio_files.moc"
