// The MLP story, exports and settings in the app: an MLP with LReg's parameter count trained
// on the side thread, converted into an LReg model that predicts what the network predicts,
// the MRC loop continuing from it to a lower test error; training cancels; the .vtu mesh
// export; the compute settings (CUDA refused with its reason here); the scaling-law view.
#include <QAction>
#include <QDialog>
#include <QFile>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include "app/studio/exports.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/scaling_job.h"
#include "app/studio/scaling_view.h"
#include "studio_fixture.h"

using lreg::Phase;
using lreg::RowMatrix;
using namespace studio_test;

namespace {

int xmlCount(const QString& path, const char* attribute) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return -1;
  const QRegularExpressionMatch m =
      QRegularExpression(QString("%1=\"(\\d+)\"").arg(attribute)).match(f.readAll());
  return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// Opens Settings → Compute, reads its thread count as shown, cancels.
QString settingsDialogShows(MainWindow& w) {
  QAction* compute = nullptr;
  for (QAction* a : w.findChildren<QAction*>())
    if (a->text() == "&Compute…") compute = a;
  if (!compute) return "<no Settings > Compute action>";
  QString shown = "<no dialog>";
  QTimer poll;
  poll.setInterval(20);
  QObject::connect(&poll, &QTimer::timeout, [&] {
    auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
    if (!dialog) return;
    if (auto* spin = dialog->findChild<QSpinBox*>()) shown = spin->text();
    poll.stop();
    dialog->reject();
  });
  poll.start();
  compute->trigger();  // returns when the dialog is closed
  return shown;
}

}  // namespace

class TestStudioStory : public QObject {
  Q_OBJECT

  std::unique_ptr<MainWindow> window_;  // C, 2000 points

 private slots:
  void initTestCase() {
    window_ = openWindow("C", 2000, QSize(1400, 800));
    QVERIFY(window_);
  }
  void cleanupTestCase() { window_.reset(); }

  void mlpConvertsExactlyAndMrcImprovesOnIt() {
    MainWindow& w = *window_;
    QSignalSpy trained(w.session(), &StudioSession::mlpFinished);
    w.session()->trainMlp(300);
    QVERIFY(trained.wait(120000));
    QCOMPARE(trained.takeFirst().at(0).toBool(), false);  // finished, not cancelled
    const std::shared_ptr<const lreg::Mlp> mlp = w.session()->mlp();
    QVERIFY(mlp);
    // As many parameters as LReg's D·C + D·d = 64 + 64, up to one hidden unit.
    const long lregParams = lreg::studio::lregParameterCount(w.session()->options().dof, 1, 1);
    QCOMPARE(lregParams, 128L);
    QVERIFY2(std::abs(mlp->parameterCount() - lregParams) <= 3,
             qPrintable(QString::number(mlp->parameterCount())));
    QVERIFY(w.mlpPanel()->isVisible());
    QVERIFY(w.mlpPanel()->curvePoints() >= 50);

    const lreg::studio::DataBundle& data = *w.session()->data();
    const lreg::Normalizer n = lreg::Normalizer::fit(data.train.X);
    const double mlpTest =
        lreg::computeMetrics(data.test.Y, mlp->predict(n.toUnit(data.test.X))).rmse;
    const double mlpTrain =
        lreg::computeMetrics(data.train.Y, mlp->predict(n.toUnit(data.train.X))).rmse;

    QSignalSpy finished(w.session(), &StudioSession::runFinished);
    QSignalSpy converted(w.session(), &StudioSession::mlpConverted);
    w.session()->convertMlp();
    QVERIFY(converted.wait(60000));  // converted on a background task
    const lreg::studio::MlpConversion& c = w.session()->mlpConversion();
    QVERIFY(c.exact);
    QVERIFY2(c.maxDifference < 1e-9, qPrintable(QString::number(c.maxDifference)));
    // Checked here too, on the training inputs and the test inputs inside the training range
    // (outside it LReg is constant by design while the network extrapolates).
    RowMatrix inside(data.test.X.rows(), 1);
    long k = 0;
    for (long i = 0; i < data.test.X.rows(); ++i) {
      const double x = data.test.X(i, 0);
      if (x >= n.lo(0) && x <= n.hi(0)) inside(k++, 0) = x;
    }
    inside.conservativeResize(k, 1);
    QVERIFY(k > data.test.X.rows() / 2);
    for (const RowMatrix* X : {&data.train.X, static_cast<const RowMatrix*>(&inside)}) {
      const double diff = (c.model->predict(*X) - mlp->predict(n.toUnit(*X))).cwiseAbs().maxCoeff();
      QVERIFY2(diff < 1e-9, qPrintable(QString::number(diff)));
    }
    QVERIFY(w.mlpPanel()->conversionText().contains("max |MLP − LReg|"));

    QVERIFY(finished.wait(120000));
    // The loop started exactly at the network, with its breakpoints as nodes.
    const lreg::SnapshotPtr start = w.session()->snapshots().at(0);
    QCOMPARE(start->phase, Phase::Initial);
    QCOMPARE(int(start->nodes.rows()), c.model->dof());
    QVERIFY(std::abs(start->train.rmse - mlpTrain) < 1e-9);
    // ... and went on to a lower test error than the MLP's.
    const double after =
        lreg::computeMetrics(data.test.Y, w.session()->bestModel()->predict(data.test.X)).rmse;
    QVERIFY2(after < mlpTest, qPrintable(QString("LReg %1 vs MLP %2").arg(after).arg(mlpTest)));
    w.presentNow();
    QTest::qWait(200);
    lreg::studio::saveWindowPicture(&w, outputPath("story_mlp.png"), QSize(1400, 800));
  }

  void mlpTrainingCancels() {
    MainWindow& w = *window_;
    QSignalSpy trained(w.session(), &StudioSession::mlpFinished);
    w.session()->trainMlp(1000000);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, w.session()->trainMlp(10));  // one at a time
    QTest::qWait(300);
    w.session()->cancelMlp();
    QVERIFY(trained.wait(20000));
    QVERIFY(!w.session()->mlp() || w.session()->mlp()->parameterCount() > 0);
    QVERIFY_THROWS_EXCEPTION(lreg::Error,
                             w.session()->trainMlp(-1));  // invalid epochs: a clear error
  }

  void meshExportHasTheModelsPointsAndCells() {
    MainWindow& w = *window_;
    QVERIFY(w.session()->bestModel());
    StudioSession& s = *w.session();
    QTemporaryDir dir;
    const QString path = dir.filePath("mesh.vtu");
    // Written on a background task (the residuals are a pass over the data).
    QSignalSpy written(&s, &StudioSession::fileWritten);
    QSignalSpy failed(&s, &StudioSession::writeFailed);
    s.saveMesh(path);
    QVERIFY(written.wait(30000));
    QCOMPARE(written.takeFirst().at(0).toString(), path);
    QCOMPARE(xmlCount(path, "NumberOfPoints"), s.bestModel()->dof());
    QCOMPARE(xmlCount(path, "NumberOfCells"), int(s.bestModel()->simplices.rows()));
    QCOMPARE(int(s.bestModel()->simplices.rows()), s.bestModel()->dof() - 1);  // 1D intervals
    QString message;
    answerNextMessageBox(QMessageBox::Ok, &message);  // the window shows the failure
    s.saveMesh("/nonexistent/dir/mesh.vtu");
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.takeFirst().at(1).toString().contains("/nonexistent/dir/mesh.vtu"),
             qPrintable(message));
    QTRY_VERIFY(message.contains("/nonexistent/dir/mesh.vtu"));
  }

  void computeSettings() {
    MainWindow& w = *window_;
    const std::string why = lreg::studio::cudaUnavailableReason();
    if (!why.empty()) {  // no GPU here: refused with the core's reason, nothing changes
      try {
        w.applyComputeSettings({lreg::Device::Cuda, 0});
        QFAIL("CUDA was accepted without a GPU");
      } catch (const lreg::Error& e) {
        QVERIFY(QString(e.what()).contains(QString::fromStdString(why)));
      }
      QCOMPARE(w.session()->options().device, lreg::Device::Auto);
    }
    QString asked;
    answerNextMessageBox(QMessageBox::Apply, &asked);  // a trained model would be discarded
    QSignalSpy restarted(&w, &MainWindow::snapshotShown);
    w.applyComputeSettings({lreg::Device::Cpu, 1});
    QVERIFY(asked.contains("discarded"));
    QCOMPARE(w.session()->options().device, lreg::Device::Cpu);
    QCOMPARE(lreg::threadCount(), 1);
    QCOMPARE(w.session()->computeSettings().threads, 1);
    QVERIFY(restarted.wait(10000));
    w.applyComputeSettings({lreg::Device::Cpu, 0});  // same device: no question, no restart
    QVERIFY(lreg::threadCount() >= 1);
    QCOMPARE(w.session()->computeSettings().threads, 0);
    QVERIFY(settingsDialogShows(w).startsWith("all cores ("));

    // Settings → Compute shows the count given (--threads 3 goes the same way, studio_app.cpp),
    // also above the cores this machine has.
    for (int n : {3, 1000}) {
      w.applyComputeSettings({lreg::Device::Cpu, n});
      QCOMPARE(settingsDialogShows(w), QString::number(n));
    }
    try {
      w.applyComputeSettings({lreg::Device::Cpu, 5000});
      QFAIL("5000 threads were accepted");
    } catch (const lreg::Error& e) {
      QCOMPARE(QString(e.what()),
               QString("the thread count must be 0 (all cores) to 1024, not 5000"));
    }
    w.applyComputeSettings({lreg::Device::Cpu, 0});
  }

  void scalingLawHasANegativeSlope() {
    MainWindow& w = *window_;
    w.scalingView()->setRange(16, 128);
    QCOMPARE(w.scalingView()->dofs(), (std::vector<int>{16, 32, 64, 128}));
    const lreg::studio::ScalingJob& scaling = w.session()->scaling();
    QSignalSpy done(&scaling, &lreg::studio::ScalingJob::finished);
    w.session()->runScaling(w.scalingView()->dofs());
    QVERIFY(done.wait(240000));
    const std::vector<lreg::ScalingPoint>& points = scaling.points();
    QCOMPARE(int(points.size()), 4);
    for (size_t i = 0; i < points.size(); ++i) QVERIFY(points[i].test.mae > 0);
    QVERIFY(points.back().test.mae < points.front().test.mae);
    const double slope = scaling.slope();
    QVERIFY2(slope < -0.3, qPrintable(QString::number(slope)));
    QTest::qWait(200);
    const QString png = outputPath("scaling.png");
    w.scalingView()->exportFigure(png, QSize(900, 400));
    QCOMPARE(QImage(png).size(), QSize(900, 400));
    const QString svg = outputPath("scaling.svg");
    w.scalingView()->exportFigure(svg, QSize(900, 400));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
    QVERIFY_THROWS_EXCEPTION(lreg::Error,
                             w.scalingView()->exportFigure(outputPath("s.jpg"), QSize(9, 9)));
    lreg::studio::saveWindowPicture(&w, outputPath("story_scaling.png"), QSize(1400, 800));
  }
};

STUDIO_TEST_MAIN(TestStudioStory)
#include "test_studio_story.moc"
