// The Connection view's logic without any widget or display (a plain QCoreApplication): a
// ConnectionSession loads a frozen model's .npy files on a background thread, trains the
// connection epoch by epoch off the UI thread (the loss drops within one epoch on a set where
// the base misses a nonlinear part), computes confusion matrices whose counts sum to the
// evaluation set's size and histograms that count every training sample, cancels, saves the
// connection model, and refuses bad files with the file's name while what is loaded and
// trained stays.
#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <numeric>

#include <lreg/base/error.h>
#include <lreg/model/model_io.h>
#include "app/studio/connection_session.h"
#include "connection_fixture.h"

using lreg::studio::ConnectionSession;
using lreg::studio::ConnectionSources;

namespace {

constexpr int kWait = 120000;

bool load(ConnectionSession& s, const ConnectionSources& sources) {
  QSignalSpy loaded(&s, &ConnectionSession::loaded);
  s.loadFiles(sources);
  return loaded.wait(kWait);
}

bool trainEpochs(ConnectionSession& s, int epochs) {
  QSignalSpy finished(&s, &ConnectionSession::trainingFinished);
  s.train(connection_test::quickOptions(), epochs);
  return finished.wait(kWait) && !finished.front().front().toBool();
}

// The message of a load that must fail (empty when it did not fail).
QString failedLoad(ConnectionSession& s, const ConnectionSources& sources) {
  QSignalSpy failed(&s, &ConnectionSession::loadFailed);
  try {
    s.loadFiles(sources);
  } catch (const lreg::Error& e) {
    return QString::fromStdString(e.what());
  }
  if (!failed.wait(kWait)) return {};
  return failed.front().front().toString();
}

}  // namespace

class TestConnectionSession : public QObject {
  Q_OBJECT

 private slots:
  void loadsTheFilesWithTheBaseScores() {
    QTemporaryDir dir;
    const ConnectionSources sources = connection_test::writeSources(QDir(dir.path()));
    ConnectionSession s;
    QVERIFY(load(s, sources));
    const auto set = s.data();
    QVERIFY(set);
    QCOMPARE(set->train->size(), 2000L);
    QCOMPARE(set->val->size(), 600L);
    QCOMPARE(set->name, std::string("train_features.npy"));
    QCOMPARE(set->before.total(), 600L);
    QCOMPARE(set->before.classes, 3);
    // The base's accuracy and its confusion matrix's diagonal agree.
    QCOMPARE(double(set->before.correct()) / 600.0, set->base.accuracy);
    QVERIFY(set->base.loss > 0.3);  // the base misses the sine: room to improve
    QVERIFY(!s.state());
  }

  void oneEpochLowersTheLossOffTheUiThread() {
    QTemporaryDir dir;
    ConnectionSession s;
    QVERIFY(load(s, connection_test::writeSources(QDir(dir.path()))));
    QSignalSpy started(&s, &ConnectionSession::trainingStarted);
    QSignalSpy epochs(&s, &ConnectionSession::epochFinished);
    QVERIFY(trainEpochs(s, 1));
    QCOMPARE(started.count(), 1);
    QCOMPARE(epochs.count(), 1);
    QCOMPARE(int(s.epochs().size()), 1);
    const auto set = s.data();
    const auto& e = s.epochs().front();
    QVERIFY2(
        e.score.loss < set->base.loss * 0.9,
        qPrintable(QString("validation loss %1, base %2").arg(e.score.loss).arg(set->base.loss)));
    QVERIFY(e.score.accuracy > set->base.accuracy);
    const auto state = s.state();
    QCOMPARE(state->epoch, 1);
    QCOMPARE(state->after.total(), 600L);
    QCOMPARE(double(state->after.correct()) / 600.0, e.score.accuracy);
    QCOMPARE(int(state->histograms.size()), 4);
    for (const auto& h : state->histograms) {
      QCOMPARE(int(h.size()), ConnectionSession::kHistogramBins);
      QCOMPARE(std::accumulate(h.begin(), h.end(), 0L), 2000L);
    }
    QCOMPARE(state->model.parameterCount(), long((6 + 1) * 4 + 4 * 8 * 3));
    QVERIFY(!s.isBusy());
  }

  void withoutValidationItEvaluatesOnTraining() {
    QTemporaryDir dir;
    ConnectionSources sources = connection_test::writeSources(QDir(dir.path()));
    sources.val = {};
    ConnectionSession s;
    QVERIFY(load(s, sources));
    QVERIFY(!s.data()->val);
    QCOMPARE(s.data()->before.total(), 2000L);
    QVERIFY(trainEpochs(s, 1));
    QCOMPARE(s.state()->after.total(), 2000L);
  }

  void aRegressionConnectionLowersTheSquaredError() {
    // Targets y = sin(2 x1) + x0^2 / 2; the frozen model predicts 0.
    QTemporaryDir dir;
    const QDir d(dir.path());
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal;
    lreg::RowMatrix X(1500, 4), zero = lreg::RowMatrix::Zero(1500, 1), y(1500, 1);
    for (long i = 0; i < 1500; ++i) {
      for (int c = 0; c < 4; ++c) X(i, c) = normal(rng);
      y(i, 0) = std::sin(2 * X(i, 1)) + 0.5 * X(i, 0) * X(i, 0);
    }
    connection_test::writeMatrix(d.filePath("f.npy"), X);
    connection_test::writeMatrix(d.filePath("o.npy"), zero);
    connection_test::writeMatrix(d.filePath("t.npy"), y);
    ConnectionSources sources;
    sources.task = lreg::ConnectionTask::Regression;
    sources.train = {d.filePath("f.npy").toStdString(), d.filePath("o.npy").toStdString(),
                     d.filePath("t.npy").toStdString()};
    ConnectionSession s;
    QVERIFY(load(s, sources));
    QVERIFY(!s.data()->classification());
    QCOMPARE(s.data()->before.total(), 0L);  // no confusion matrix for regression
    QVERIFY(trainEpochs(s, 3));
    const double base = s.data()->base.loss, after = s.epochs().back().score.loss;
    QVERIFY2(after < 0.8 * base, qPrintable(QString("MSE %1, base %2").arg(after).arg(base)));
    QCOMPARE(s.state()->model.task, lreg::ConnectionTask::Regression);
  }

  void badFilesNameTheFileAndKeepWhatIsLoaded() {
    QTemporaryDir dir;
    const QDir d(dir.path());
    const ConnectionSources good = connection_test::writeSources(d);
    ConnectionSession s;
    QVERIFY(load(s, good));
    QVERIFY(trainEpochs(s, 1));
    const auto data = s.data();
    const auto state = s.state();

    ConnectionSources missing = good;
    missing.train.features = d.filePath("nowhere.npy").toStdString();
    QString message = failedLoad(s, missing);
    QVERIFY2(message.contains("nowhere.npy"), qPrintable(message));

    // A labels file with a class the outputs do not have.
    ConnectionSources range = good;
    lreg::RowMatrix labels(2000, 1);
    labels.setConstant(7);
    connection_test::writeMatrix(d.filePath("bad_labels.npy"), labels);
    range.train.truth = d.filePath("bad_labels.npy").toStdString();
    message = failedLoad(s, range);
    QVERIFY2(message.contains("bad_labels.npy") && message.contains("7"), qPrintable(message));

    // Row counts that disagree, and a truncated file.
    ConnectionSources rows = good;
    rows.train.outputs = good.val.outputs;
    message = failedLoad(s, rows);
    QVERIFY2(message.contains("val_outputs.npy") || message.contains("train_features.npy"),
             qPrintable(message));
    QFile::copy(QString::fromStdString(good.train.features), d.filePath("cut.npy"));
    QFile cut(d.filePath("cut.npy"));
    QVERIFY(cut.open(QIODevice::ReadWrite));
    QVERIFY(cut.resize(cut.size() / 2));
    cut.close();
    ConnectionSources truncated = good;
    truncated.train.features = d.filePath("cut.npy").toStdString();
    message = failedLoad(s, truncated);
    QVERIFY2(message.contains("cut.npy"), qPrintable(message));

    // Validation with another width, and an incomplete validation set.
    ConnectionSources width = good;
    width.val.features = good.val.outputs;
    message = failedLoad(s, width);
    QVERIFY2(message.contains("val_outputs.npy") && message.contains("validation"),
             qPrintable(message));
    ConnectionSources partial = good;
    partial.val.truth.clear();
    message = failedLoad(s, partial);
    QVERIFY2(message.contains("validation needs all three"), qPrintable(message));

    QCOMPARE(s.data(), data);  // nothing loaded or trained is lost
    QCOMPARE(s.state(), state);
    QCOMPARE(int(s.epochs().size()), 1);
  }

  void cancelStopsAfterAnEpoch() {
    QTemporaryDir dir;
    ConnectionSession s;
    QVERIFY(load(s, connection_test::writeSources(QDir(dir.path()))));
    QSignalSpy finished(&s, &ConnectionSession::trainingFinished);
    QSignalSpy epoch(&s, &ConnectionSession::epochFinished);
    s.train(connection_test::quickOptions(), 10000);
    QVERIFY(epoch.wait(kWait));
    s.cancel();
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.front().front().toBool(), true);
    QVERIFY(s.epochs().size() < 10000);
    QVERIFY(!s.isBusy());
    // Busy refusals come before any thread: a second training while one runs.
    s.train(connection_test::quickOptions(), 10000);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.train(connection_test::quickOptions(), 1));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.loadFiles(ConnectionSources{}));
    s.cancel();
    QVERIFY(finished.wait(kWait));
  }

  void refusesBadRequestsBeforeStarting() {
    ConnectionSession s;
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.train(connection_test::quickOptions(), 1));  // no data
    QTemporaryDir dir;
    QVERIFY(load(s, connection_test::writeSources(QDir(dir.path()))));
    lreg::ConnectionOptions wide = connection_test::quickOptions();
    wide.components = 7;  // d > C_in = 6
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.train(wide, 1));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.train(connection_test::quickOptions(), 0));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.saveModel(dir.filePath("none.json")));
    QVERIFY(!s.isBusy());
  }

  void savesTheConnectionModel() {
    QTemporaryDir dir;
    ConnectionSession s;
    const ConnectionSources sources = connection_test::writeSources(QDir(dir.path()));
    QVERIFY(load(s, sources));
    QVERIFY(trainEpochs(s, 2));
    QCOMPARE(int(s.state()->meshUpdate.size()), 4);  // the MRC loop ran on every component
    const QString path = dir.filePath("connection.json");
    s.saveModel(path);
    const lreg::ConnectionModel back = lreg::loadConnection(path.toStdString());
    const lreg::ConnectionData& val = *s.data()->val;
    const lreg::RowMatrix a = back.predict(val.features, val.outputs);
    const lreg::RowMatrix b = s.state()->model.predict(val.features, val.outputs);
    QVERIFY((a - b).cwiseAbs().maxCoeff() < 1e-9);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.saveModel(dir.filePath("no/such/dir/c.json")));
  }

  void theDemoSaysWhenThePackageIsMissing() {
    QTemporaryDir empty;
    const std::string why = lreg::studio::fashionMissing(empty.path().toStdString());
    QVERIFY2(QString::fromStdString(why).contains("train-images-idx3-ubyte.gz") &&
                 QString::fromStdString(why).contains("dataset-fashion-mnist"),
             why.c_str());
    ConnectionSession s;
    lreg::studio::FashionDemoOptions o;
    o.directory = empty.path().toStdString();
    try {
      s.loadDemo(o);
      QFAIL("the demo started without its files");
    } catch (const lreg::Error& e) {
      QCOMPARE(std::string(e.what()), why);
    }
    QVERIFY(!s.isBusy());
  }

  void theDemoTrainsAFrozenBase() {
    const std::string dir = lreg::studio::fashionDirectory();
    if (!lreg::studio::fashionMissing(dir).empty())
      QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    ConnectionSession s;
    lreg::studio::FashionDemoOptions o;
    o.trainSamples = 1500;
    o.valSamples = 500;
    o.hidden = 32;
    o.epochs = 2;
    QSignalSpy loaded(&s, &ConnectionSession::loaded);
    QSignalSpy progress(&s, &ConnectionSession::progress);
    s.loadDemo(o);
    QVERIFY(loaded.wait(kWait));
    QVERIFY(progress.count() >= 3);  // reading, each base epoch, exporting
    const auto set = s.data();
    QCOMPARE(set->train->size(), 1500L);
    QCOMPARE(set->val->size(), 500L);
    QCOMPARE(set->train->inputs(), 32);
    QCOMPARE(set->train->outputCount(), 10);
    QVERIFY2(set->base.accuracy > 0.5, qPrintable(QString::number(set->base.accuracy)));
    QCOMPARE(set->before.total(), 500L);
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  TestConnectionSession test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_connection_session.moc"
