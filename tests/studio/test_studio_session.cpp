// The app's logic without any widget or display (a plain QCoreApplication): a StudioSession
// drives whole fits (run, pause, step, sub-step), loads CSV and .npy data, keeps a failed load
// from touching what is loaded, delivers whole-data work (an opened model's errors, the mesh
// export) by signal, saves and restores sessions (data, every setting, models, loss history,
// MLP) and continues their fit, refuses bad session files with file, line or key and problem
// while nothing loaded is lost, autosaves at most once per interval while something changes,
// and finds and restores the work of an instance that ended abnormally.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/data/metrics.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "../core/test_util.h"
#include "app/studio/autosave.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/studio_session.h"

using lreg::Phase;
using lreg::studio::CrashedSession;
using lreg::studio::DataRequest;
using lreg::studio::SessionFile;
using lreg::studio::StudioSession;

namespace {

constexpr int kWait = 60000;

// A session with `points` points of generator `name` loaded (seed 1).
std::unique_ptr<StudioSession> loaded(const char* name = "C", long points = 2000) {
  auto s = std::make_unique<StudioSession>();
  QSignalSpy done(s.get(), &StudioSession::dataLoaded);
  s->loadData(DataRequest::generated(name, points));
  if (!done.wait(kWait)) return nullptr;
  return s;
}

bool runTo(StudioSession& s, int k) {
  QSignalSpy finished(&s, &StudioSession::runFinished);
  s.run(k);
  return finished.wait(kWait) && s.engineStatus().iteration == k;
}

// A session with generated data run to iteration k (null when either step fails).
std::unique_ptr<StudioSession> fitted(const char* name, long points, int k) {
  auto s = loaded(name, points);
  if (!s || !runTo(*s, k)) return nullptr;
  return s;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  QFile f(dir.filePath(name));
  f.open(QIODevice::WriteOnly | QIODevice::Truncate);
  f.write(text);
  return f.fileName();
}

QByteArray read(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The line of the first `needle` in `text`.
int lineOf(const QByteArray& text, const char* needle) {
  return 1 + int(text.left(text.indexOf(needle)).count('\n'));
}

// Saves `s` to `path` and waits for the file.
bool save(StudioSession& s, const QString& path) {
  QSignalSpy written(&s, &StudioSession::fileWritten);
  s.saveSession(path);
  return written.wait(kWait);
}

// Field 22 of /proc/PID/stat (the process's start time), as the autosave marker holds it.
std::string startTimeOf(qint64 pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line, field;
  std::getline(in, line);
  std::istringstream fields(line.substr(line.rfind(')') + 1));
  for (int i = 3; i <= 22; ++i) fields >> field;
  return field;
}

// A child process running `argv`, killed and reaped at the end of the scope. Plain fork and
// exec rather than QProcess: this suite runs under ThreadSanitizer too, whose clang 14 runtime
// aborts on QProcess's clone() (tests/CMakeLists.txt).
class Child {
 public:
  explicit Child(std::vector<const char*> argv) {
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execv(argv[0], const_cast<char* const*>(argv.data()));
      ::_exit(127);
    }
  }
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  pid_t pid() const { return pid_; }
  /// Kills the child and reaps it.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  /// Waits for the child to end; true when it exited with status 0.
  bool finished() {
    int status = 0;
    const bool ok = pid_ > 0 && ::waitpid(pid_, &status, 0) == pid_;
    pid_ = -1;
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

 private:
  pid_t pid_ = -1;
};

void sameModel(const lreg::Model& a, const lreg::Model& b) {
  QCOMPARE(a.nodes, b.nodes);
  QCOMPARE(a.coefficients, b.coefficients);
  QCOMPARE(a.simplices, b.simplices);
  QCOMPARE(a.normalizer.lo, b.normalizer.lo);
  QCOMPARE(a.normalizer.hi, b.normalizer.hi);
}

}  // namespace

class TestStudioSession : public QObject {
  Q_OBJECT

 private slots:
  void noWidgetsHere() {
    // A QCoreApplication: any widget would abort the test.
    QVERIFY(!QCoreApplication::instance()->inherits("QApplication"));
  }

  void drivesAWholeFit() {
    auto s = loaded("C", 2000);
    QVERIFY(s);
    QCOMPARE(s->latestSnapshot()->phase, Phase::Initial);
    QVERIFY(!s->hasTrainedModel());
    QSignalSpy added(s.get(), &StudioSession::snapshotAdded);
    QVERIFY(runTo(*s, 5));
    // Initial, the first fit, then five sub-steps per iteration; every one reported.
    QCOMPARE(s->snapshots().size(), 1 + 1 + 5 * 5);
    QCOMPARE(added.size(), 1 + 5 * 5);
    QCOMPARE(s->snapshots().latest(), s->latestSnapshot());
    QCOMPARE(s->latestSnapshot()->phase, Phase::Train);
    QCOMPARE(int(s->history().records().size()), 6);
    for (int i = 0; i < 6; ++i) QCOMPARE(s->history().records()[size_t(i)].iteration, i);
    QVERIFY(s->hasTrainedModel());
    QVERIFY(!s->isRunning());
    // The best model is the fit with the lowest training RMSE, as the records say, or better:
    // the engine polishes the best mesh's nodes before it hands it out (never raising the error).
    const lreg::studio::DataBundle& data = *s->data();
    double lowest = 1e300;
    for (const auto& r : s->history().records()) lowest = std::min(lowest, r.train.rmse);
    const double best =
        lreg::computeMetrics(data.train.Y, s->bestModel()->predict(data.train.X)).rmse;
    QVERIFY2(best <= lowest * (1 + 1e-9) && best > 0.5 * lowest,
             qPrintable(QString("%1 vs %2").arg(best).arg(lowest)));
    // The current model is the latest fit's.
    QCOMPARE(s->currentModel()->coefficients, s->latestSnapshot()->coefficients);
    QVERIFY(s->history().last().hasTest);  // C has a test set, measured on the worker
    // Each record carries the best model's own errors (the loop's latest fit can be worse):
    // those of the model Save Model writes, from the iteration its file names.
    const lreg::studio::IterationRecord& last = s->history().last();
    QVERIFY(last.best.iteration >= 0 && last.best.iteration <= last.iteration);
    QCOMPARE(std::to_string(last.best.iteration), s->bestModel()->training.at("iterations"));
    QCOMPARE(last.best.train.rmse, best);
    const double bestTest =
        lreg::computeMetrics(data.test.Y, s->bestModel()->predict(data.test.X)).rmse;
    QCOMPARE(last.best.test.rmse, bestTest);
    QCOMPARE(s->bestTestRmse(), bestTest);
    QVERIFY(s->history().records().front().best.iteration == 0);
  }

  void pauseStepAndSubStep() {
    auto s = loaded("A1", 3000);
    QVERIFY(s);
    lreg::MrcOptions o = s->options();
    o.iterations = 100000;
    o.patience = 100000;
    s->setOptions(o);
    s->setPace(15);
    QSignalSpy running(s.get(), &StudioSession::runningChanged);
    s->runPause();
    QTRY_VERIFY_WITH_TIMEOUT(s->engineStatus().iteration >= 2, kWait);
    s->runPause();  // pause
    QTRY_VERIFY(!s->isRunning());
    const auto paused = s->engineStatus();
    QTest::qWait(200);
    QCOMPARE(s->engineStatus().iteration, paused.iteration);
    QCOMPARE(s->engineStatus().phase, paused.phase);
    QVERIFY(running.size() >= 2);
    // One sub-step, exactly.
    const int before = s->snapshots().size();
    s->subStep();
    QTRY_COMPARE(s->snapshots().size(), before + 1);
    QCOMPARE(s->latestSnapshot()->phase, lreg::nextPhase(paused.phase));
    // Step: on to the next fit.
    s->step();
    QTRY_VERIFY_WITH_TIMEOUT(s->latestSnapshot()->phase == Phase::Train && !s->isRunning(), kWait);
    // Reset: a fresh engine, an empty loss history.
    QSignalSpy started(s.get(), &StudioSession::engineStarted);
    s->reset();
    QVERIFY(started.wait(kWait));
    QCOMPARE(s->latestSnapshot()->phase, Phase::Initial);
    QVERIFY(s->history().empty());
    QCOMPARE(s->snapshots().size(), 1);
    s->setPace(0);
    // Options invalid for the data are refused, and nothing changes.
    o.dof = 1;
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s->setOptions(o));
    QCOMPARE(s->options().dof, 64);
  }

  void aFailedLoadKeepsTheData() {
    auto s = fitted("A1", 800, 1);
    QVERIFY(s);
    const lreg::studio::DataPtr before = s->data();
    QTemporaryDir dir;
    QSignalSpy failed(s.get(), &StudioSession::loadFailed);
    QSignalSpy error(s.get(), &StudioSession::errorOccurred);
    s->loadData(DataRequest::file(write(dir, "bad.csv", "x,y\n1,2\n3,oops\n").toStdString()));
    QVERIFY(failed.wait(kWait));
    const QString message = failed.takeFirst().at(0).toString();
    QVERIFY2(message.contains("bad.csv:3:") && message.contains("oops"), qPrintable(message));
    QCOMPARE(error.size(), 1);  // one report for the window's dialog
    QCOMPARE(s->data(), before);
    QCOMPARE(int(s->history().records().size()), 2);
    QVERIFY(!s->isLoading());
  }

  // Data the engine refuses (an input that never varies: it was once refused only when the
  // engine finalised its best model, and that exception ended the app) is a dialog's message
  // naming the reason, the app keeps running and the data loaded before stay.
  void dataTheEngineRefusesIsReportedNotACrash() {
    auto s = fitted("A1", 800, 1);
    QVERIFY(s);
    const lreg::studio::DataPtr before = s->data();
    QTemporaryDir dir;
    QByteArray csv = "x,y\n";
    for (int i = 0; i < 200; ++i) csv += "1.0," + QByteArray::number(std::sin(i * 0.7)) + "\n";
    QSignalSpy failed(s.get(), &StudioSession::loadFailed);
    QSignalSpy error(s.get(), &StudioSession::errorOccurred);
    s->loadData(DataRequest::file(write(dir, "constant.csv", csv).toStdString()));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !error.isEmpty(), kWait);
    const QString message = !failed.isEmpty() ? failed.takeFirst().at(0).toString()
                                              : error.takeFirst().at(1).toString();
    QVERIFY2(message.contains("constant.csv: the input column is constant (every x is 1)"),
             qPrintable(message));
    QTRY_VERIFY(!s->isRunning() && !s->isLoading());
    QCOMPARE(s->data(), before);
  }

  void opensNpyFiles() {
    QTemporaryDir dir;
    const lreg::Dataset d = testutil::curve1D(
        500, [](int i) { return i / 50.0; }, [](int i) { return std::sin(i / 50.0); });
    const std::string path = dir.filePath("wave.npy").toStdString();
    lreg::writeNpy(path, d);
    StudioSession s;
    QSignalSpy done(&s, &StudioSession::dataLoaded);
    s.loadData(DataRequest::file(path));
    QVERIFY(done.wait(kWait));
    QCOMPARE(s.data()->name, std::string("wave.npy"));
    QCOMPARE(long(s.data()->train.size()), 500L);
    QCOMPARE(s.data()->train.X, d.X);
    QVERIFY2(QString::fromStdString(s.data()->summary).startsWith("500 training points"),
             qPrintable(QString::fromStdString(s.data()->summary)));
    QVERIFY(runTo(s, 2));
    QVERIFY(s.bestModel()->dof() == 64);
  }

  void wholeDataWorkArrivesBySignal() {
    auto s = fitted("C", 3000, 2);
    QVERIFY(s);
    QTemporaryDir dir;
    const QString model = dir.filePath("m.json");
    s->saveModel(model);
    // An opened model: shown at once, its errors on the data computed off this thread.
    QSignalSpy opened(s.get(), &StudioSession::modelOpened);
    QSignalSpy evaluated(s.get(), &StudioSession::openedModelEvaluated);
    s->openModel(model);
    QCOMPARE(opened.size(), 1);
    QVERIFY(s->openedModel());
    QVERIFY(evaluated.wait(kWait));
    const auto m = evaluated.takeFirst().at(0).value<lreg::Metrics>();
    const lreg::studio::DataBundle& data = *s->data();
    const lreg::Metrics expected =
        lreg::computeMetrics(data.train.Y, s->openedModel()->predict(data.train.X));
    QCOMPARE(m.rmse, expected.rmse);
    QCOMPARE(m.mae, expected.mae);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s->openModel(dir.filePath("missing.json")));
    // Any engine command returns to the live fit.
    QSignalSpy closed(s.get(), &StudioSession::openedModelClosed);
    s->step();
    QCOMPARE(closed.size(), 1);
    QVERIFY(!s->openedModel());
    QTRY_VERIFY_WITH_TIMEOUT(!s->isRunning() && s->engineStatus().iteration == 3, kWait);
  }

  void sessionRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath("a1.lreg-session.json");
    StudioSession a;
    {
      QSignalSpy done(&a, &StudioSession::dataLoaded);
      a.loadData(DataRequest::generated("A1", 800, 0.5, 7));
      QVERIFY(done.wait(kWait));
    }
    lreg::MrcOptions o{.dof = 24, .iterations = 30, .patience = 100, .damping = 0.25, .seed = 3};
    a.setOptions(o);
    a.setPace(15);
    a.applyComputeSettings({lreg::Device::Cpu, 1});
    lreg::studio::ViewSettings view;
    view.logScale = true;
    view.field.colorBy = lreg::render::ColorBy::Residual;
    view.mlpPanel = true;
    view.mlpEpochs = 40;
    view.scalingFrom = 8;
    view.scalingTo = 64;
    a.setViewSettings(view);
    QVERIFY(runTo(a, 3));
    QSignalSpy trained(&a, &StudioSession::mlpFinished);
    a.trainMlp(40);
    QVERIFY(trained.wait(kWait));
    QVERIFY(a.hasUnsavedChanges());
    QVERIFY(save(a, path));
    QVERIFY(!a.hasUnsavedChanges());
    QCOMPARE(a.sessionPath(), path);
    const QByteArray text = read(path);
    QVERIFY(text.startsWith("{\n \"format\": \"lreg-studio-session\",\n \"version\": 1"));
    QVERIFY(!text.contains("\"embedded\""));  // generated data: the parameters reproduce them

    StudioSession b;
    QSignalSpy opened(&b, &StudioSession::sessionOpened);
    QSignalSpy restored(&b, &StudioSession::settingsRestored);
    QSignalSpy drawn(&b, &StudioSession::mlpProgress);
    b.openSession(path);
    QVERIFY(opened.wait(kWait));
    QCOMPARE(restored.size(), 1);
    QCOMPARE(b.sessionPath(), path);
    QVERIFY(!b.hasUnsavedChanges());
    // The data, regenerated from the same parameters.
    QCOMPARE(b.data()->name, std::string("A1"));
    QCOMPARE(b.data()->request.seed, std::uint64_t(7));
    QCOMPARE(b.data()->request.noiseScale, 0.5);
    QCOMPARE(b.data()->train.X, a.data()->train.X);
    QCOMPARE(b.data()->train.Y, a.data()->train.Y);
    // Every setting.
    QCOMPARE(b.options().dof, 24);
    QCOMPARE(b.options().iterations, 30);
    QCOMPARE(b.options().patience, 100);
    QCOMPARE(b.options().seed, std::uint64_t(3));
    QCOMPARE(b.options().damping, 0.25);
    QCOMPARE(b.options().device, lreg::Device::Cpu);
    QCOMPARE(b.pace(), 15);
    QCOMPARE(b.computeSettings().threads, 1);
    QVERIFY(b.viewSettings() == view);
    // The models and the loss history, exactly.
    sameModel(*b.bestModel(), *a.bestModel());
    sameModel(*b.currentModel(), *a.currentModel());
    QCOMPARE(b.history().records().size(), a.history().records().size());
    for (size_t i = 0; i < a.history().records().size(); ++i) {
      const auto &x = a.history().records()[i], &y = b.history().records()[i];
      QCOMPARE(y.iteration, x.iteration);
      QCOMPARE(y.train.rmse, x.train.rmse);
      QCOMPARE(y.test.mae, x.test.mae);
      QCOMPARE(y.seconds, x.seconds);
      QCOMPARE(y.best.iteration, x.best.iteration);
      QCOMPARE(y.best.train.rmse, x.best.train.rmse);
      QCOMPARE(y.best.test.r2, x.best.test.r2);
    }
    QVERIFY(b.history().last().best.iteration >= 0);
    // The engine stands where the saved one stood: iteration 3, on the saved mesh.
    QCOMPARE(b.latestSnapshot()->iteration, 3);
    QCOMPARE(b.latestSnapshot()->nodes, a.currentModel()->nodes);
    // The MLP, drawn again off this thread, and convertible.
    QVERIFY(drawn.wait(kWait) || drawn.size() > 0);
    QVERIFY(b.mlp());
    QCOMPARE(b.mlp()->weights().size(), a.mlp()->weights().size());
    for (size_t l = 0; l < a.mlp()->weights().size(); ++l) {
      QCOMPARE(b.mlp()->weights()[l], a.mlp()->weights()[l]);
      QCOMPARE(b.mlp()->biases()[l], a.mlp()->biases()[l]);
    }
    QCOMPARE(b.mlpTrainer().curve().size(), a.mlpTrainer().curve().size());
    QCOMPARE(b.mlpTrainer().curve().back().trainRmse, a.mlpTrainer().curve().back().trainRmse);
    QVERIFY(b.mlpConvertible());
    QVERIFY(b.mlpTrainer().shown().model);

    // The fit carries on: the iteration count and the budget continue, the best never worsens.
    QVERIFY(runTo(b, 6));
    QCOMPARE(int(b.history().records().size()), 7);  // fits 0..6
    QCOMPARE(b.history().last().iteration, 6);
    const auto& train = b.data()->train;
    const double savedBest = lreg::computeMetrics(train.Y, a.bestModel()->predict(train.X)).rmse;
    const double nowBest = lreg::computeMetrics(train.Y, b.bestModel()->predict(train.X)).rmse;
    QVERIFY2(nowBest <= savedBest * (1 + 1e-12),
             qPrintable(QString("%1 > %2").arg(nowBest).arg(savedBest)));
    QVERIFY(b.hasUnsavedChanges());
    lreg::setThreadCount(0);
  }

  void embeddedDataOutliveTheirFile() {
    QTemporaryDir dir;
    QByteArray csv = "t,v\n";
    for (int i = 0; i < 400; ++i)
      csv += QByteArray::number(i / 40.0, 'g', 17) + "," +
             QByteArray::number(std::cos(i / 40.0), 'g', 17) + "\n";
    const QString file = write(dir, "wave.csv", csv);
    const QString path = dir.filePath("wave.lreg-session.json");
    lreg::Dataset original;
    {
      StudioSession a;
      QSignalSpy done(&a, &StudioSession::dataLoaded);
      a.loadData(DataRequest::file(file.toStdString()));
      QVERIFY(done.wait(kWait));
      original = a.data()->train;
      QVERIFY(runTo(a, 2));
      QVERIFY(save(a, path));
    }
    QVERIFY(QFile::remove(file));  // the data file is gone; the session has a copy
    StudioSession b;
    QSignalSpy opened(&b, &StudioSession::sessionOpened);
    b.openSession(path);
    QVERIFY(opened.wait(kWait));
    QCOMPARE(b.data()->name, std::string("wave.csv"));
    QCOMPARE(b.data()->train.X, original.X);  // bit for bit
    QCOMPARE(b.data()->train.Y, original.Y);
    QCOMPARE(b.data()->train.inputNames, (std::vector<std::string>{"t"}));
    QCOMPARE(b.data()->train.outputNames, (std::vector<std::string>{"v"}));
    QCOMPARE(b.history().last().iteration, 2);
    // Saved again, it stays embedded (it has no other home now).
    QVERIFY(save(b, path));
    QVERIFY(read(path).contains("\"embedded\""));
  }

  void badSessionFilesAreRefusedAndNothingIsLost() {
    auto s = fitted("A1", 800, 2);
    QVERIFY(s);
    QTemporaryDir dir;
    const QString good = dir.filePath("good.json");
    QVERIFY(save(*s, good));
    const lreg::studio::DataPtr data = s->data();
    const lreg::studio::ModelPtr best = s->bestModel();
    const size_t records = s->history().records().size();

    auto refusal = [&](const QString& path) -> QString {
      QSignalSpy failed(s.get(), &StudioSession::sessionFailed);
      QSignalSpy opened(s.get(), &StudioSession::sessionOpened);
      s->openSession(path);
      if (!failed.wait(kWait)) return "<accepted>";
      return opened.isEmpty() ? failed.takeFirst().at(0).toString() : "<opened too>";
    };
    const QByteArray text = read(good);
    struct Case {
      const char* name;
      QByteArray content;
      QStringList expected;
    };
    QByteArray wrongType = text;
    wrongType.replace("\"dof\": 64", "\"dof\": \"many\"");
    QByteArray newer = text;
    newer.replace("\"version\": 1", "\"version\": 99");
    QByteArray badGenerator = text;
    badGenerator.replace("\"generator\": \"A1\"", "\"generator\": \"Z9\"");
    QByteArray badModel = text;  // a row of three coefficients in a one-output model
    const qsizetype at = badModel.indexOf("\"coefficients\": [");
    QVERIFY(at > 0);
    badModel.insert(at + qsizetype(strlen("\"coefficients\": [")), "[1, 2, 3], ");
    const Case cases[] = {
        {"truncated.json", text.left(text.size() / 2), {"truncated.json:", ":"}},
        {"syntax.json",
         "{\n  \"format\": \"lreg-studio-session\",\n  \"version\": 1,,\n}\n",
         {"syntax.json:3:"}},
        {"type.json",
         wrongType,
         {"type.json:" + QString::number(lineOf(wrongType, "\"dof\":")) +
          ": settings.mrc.dof must be a number"}},
        {"newer.json", newer, {"newer.json:3: version is 99: newer"}},
        {"generator.json",
         badGenerator,
         {"generator.json:" + QString::number(lineOf(badGenerator, "\"generator\":")) +
          ": data.generator: unknown dataset 'Z9'"}},
        {"model.json",
         badModel,
         {"model.json:" + QString::number(lineOf(badModel, "\"current_model\":")) +
          ": current_model: coefficients row 0 has 3 values"}},
        {"foreign.json",
         "{\"format\": \"lreg-model\", \"version\": 1}",
         {"foreign.json: ", "not an LReg Studio session"}},
        {"empty.json", "", {"empty.json:"}},
        // Found by fuzz_session: the file's text in a message is shown escaped (a DEL here).
        {"source.json",
         "{\"format\": \"lreg-studio-session\", \"version\": 1, \"data\": {\"source\": "
         "\"f\x7fle\"}}",
         {"source.json:1: data.source must be \"generator\" or \"file\", not \"f\\x7fle\""}},
    };
    for (const Case& c : cases) {
      const QString message = refusal(write(dir, c.name, c.content));
      qInfo().noquote() << message;
      for (const QString& e : c.expected)
        QVERIFY2(message.contains(e), qPrintable(QString(c.name) + ": " + message));
      QCOMPARE(s->data(), data);  // nothing loaded is lost
      QCOMPARE(s->bestModel(), best);
      QCOMPARE(s->history().records().size(), records);
    }
    // A data file that is gone (found by the worker), and a model that doesn't fit its data.
    QByteArray missing =
        "{\"format\": \"lreg-studio-session\", \"version\": 1, \"data\": "
        "{\"source\": \"file\", \"path\": \"/nonexistent/x.csv\"}, "
        "\"settings\": {\"mrc\": {}}}";
    QString message = refusal(write(dir, "missing.json", missing));
    qInfo().noquote() << message;
    QVERIFY2(message.contains("missing.json: ") && message.contains("/nonexistent/x.csv"),
             qPrintable(message));
    QByteArray otherData = text;
    otherData.replace("\"generator\": \"A1\"", "\"generator\": \"A2\"");
    message = refusal(write(dir, "other.json", otherData));
    qInfo().noquote() << message;
    QVERIFY2(message.contains("other.json") && message.contains("does not fit"),
             qPrintable(message));
    QCOMPARE(s->data(), data);
    QCOMPARE(s->history().records().size(), records);
    QVERIFY(!s->isLoading());
    QVERIFY(runTo(*s, 3));  // and the engine still works on the old data
  }

  void autosavesAtMostOncePerInterval() {
    QTemporaryDir dir;
    constexpr int kInterval = 150;
    auto s = std::make_unique<StudioSession>();
    s->enableAutosave(dir.path(), kInterval);
    const QString path = s->autosavePath();
    QVERIFY(path.startsWith(dir.path()));
    QCOMPARE(QDir(dir.path()).entryList({"instance-*.lock"}, QDir::Files).size(), 1);
    QSignalSpy saved(s.get(), &StudioSession::autosaved);
    QTest::qWait(3 * kInterval);
    QCOMPARE(saved.size(), 0);  // nothing to keep yet
    {
      QSignalSpy done(s.get(), &StudioSession::dataLoaded);
      s->loadData(DataRequest::generated("C", 2000));
      QVERIFY(done.wait(kWait));
    }
    QVERIFY(saved.wait(kWait));
    QCOMPARE(saved.takeFirst().at(0).toString(), path);
    // While the fit runs, one save per interval at the most.
    s->setPace(20);  // about a second of fitting
    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> times;
    connect(s.get(), &StudioSession::autosaved, this, [&] { times.push_back(clock.elapsed()); });
    QVERIFY(runTo(*s, 8));
    QTRY_VERIFY_WITH_TIMEOUT(times.size() >= 2, kWait);
    // n writes start at least one interval apart (the timer may run 5% early), so they span at
    // least (n - 1) intervals, less the first write's own time (under one interval).
    const double span = double(times.back() - times.front());
    QVERIFY2(double(times.size()) <= 2 + span / (0.95 * kInterval),
             qPrintable(QString("%1 autosaves in %2 ms").arg(times.size()).arg(span)));
    QVERIFY(times.size() >= 2);  // and it did keep saving while the fit ran
    // Once all is saved and nothing changes, nothing more is written.
    QTest::qWait(3 * kInterval);
    const size_t settled = times.size();
    QTest::qWait(4 * kInterval);
    QCOMPARE(times.size(), settled);
    const SessionFile file = lreg::studio::readSession(path.toStdString());
    QCOMPARE(file.history.back().iteration, 8);
    QCOMPARE(file.best->coefficients, s->bestModel()->coefficients);
    // A clean end takes the autosave and the marker away.
    s.reset();
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList({"instance-*.lock"}, QDir::Files).size(), 0);
  }

  void findsAndRestoresACrashedInstance() {
    QTemporaryDir dir;
    auto a = fitted("A1", 800, 2);
    QVERIFY(a);
    // A process that has ended: its id, and the session it left.
    Child gone({"/bin/true"});
    const qint64 dead = gone.pid();
    QVERIFY(dead > 0);
    QVERIFY(gone.finished());
    QVERIFY(save(*a, dir.filePath(QString("autosave-%1.json").arg(dead))));
    write(dir, QString("instance-%1.lock").arg(dead), QByteArray::number(dead) + "\n12345\n");
    // A live process (the one that runs this test) holds a marker: not crashed.
    const qint64 parent = ::getppid();
    write(dir, QString("instance-%1.lock").arg(parent),
          QByteArray::number(parent) + "\n" + QByteArray(startTimeOf(parent).c_str()) + "\n");
    write(dir, QString("autosave-%1.json").arg(parent), "{}");
    // A reused id: the process that has it now started at another time than the marker says.
    Child other({"/bin/sleep", "60"});
    const qint64 reused = other.pid();
    QVERIFY(reused > 0);
    QTRY_VERIFY(!startTimeOf(reused).empty());
    write(dir, QString("instance-%1.lock").arg(reused), QByteArray::number(reused) + "\n1\n");
    QVERIFY(save(*a, dir.filePath(QString("autosave-%1.json").arg(reused))));
    // A crashed instance that never autosaved: its marker is cleaned away.
    write(dir, "instance-999999999.lock", "999999999\n1\n");

    StudioSession b;
    b.enableAutosave(dir.path(), 60000);
    std::vector<CrashedSession> crashed = b.crashedSessions();
    other.stop();
    QCOMPARE(int(crashed.size()), 2);
    QSet<qint64> ids{crashed[0].pid, crashed[1].pid};
    QCOMPARE(ids, (QSet<qint64>{dead, reused}));
    QVERIFY(crashed[0].savedAt >= crashed[1].savedAt);  // newest first
    QVERIFY(!QFile::exists(dir.filePath("instance-999999999.lock")));
    QVERIFY(QFile::exists(dir.filePath(QString("instance-%1.lock").arg(parent))));
    if (crashed[0].pid != dead) std::swap(crashed[0], crashed[1]);
    b.discardCrashed(crashed[1]);
    QVERIFY(!QFile::exists(crashed[1].sessionPath));

    QSignalSpy opened(&b, &StudioSession::sessionOpened);
    b.restoreCrashed(crashed[0]);
    QVERIFY(opened.wait(kWait));
    QCOMPARE(b.data()->train.X, a->data()->train.X);
    sameModel(*b.bestModel(), *a->bestModel());
    QCOMPARE(b.history().records().size(), a->history().records().size());
    // Restored: its files are gone, the work is this instance's now (and not in a file).
    QVERIFY(!QFile::exists(crashed[0].sessionPath));
    QVERIFY(!QFile::exists(crashed[0].markerPath));
    QVERIFY(b.crashedSessions().empty());
    QVERIFY(b.hasUnsavedChanges());
  }

  // Found while writing tests/fuzz/fuzz_session: the network used to be made from its widths
  // before its layers were read, so these few bytes asked for 3 x 80 GB (two 100000-wide
  // layers). The widths must be backed by parameters in the file.
  void mlpWidthsNeedTheirParameters() {
    const std::string head =
        "{\"format\": \"lreg-studio-session\", \"version\": 1,\n"
        " \"data\": {\"source\": \"generator\", \"generator\": \"C\"},\n"
        " \"settings\": {\"mrc\": {}},\n";
    auto refusal = [&](const std::string& mlp) -> std::string {
      try {
        lreg::studio::sessionFromJson(head + " \"mlp\": " + mlp + "}\n", "s.json");
      } catch (const lreg::Error& e) {
        return e.what();
      }
      return "<accepted>";
    };
    QCOMPARE(refusal(R"({"dim": 1, "outputs": 1, "hidden": [100000, 100000], "layers": []})"),
             std::string("s.json:4: mlp.layers has 0 layers; 2 hidden layers need 3"));
    const std::string wrongShape = R"({"dim": 1, "outputs": 1, "hidden": [2], "layers": [
      {"weights": {"rows": 1, "cols": 2, "values": [1, 2]}, "biases": [0, 0]},
      {"weights": {"rows": 1, "cols": 2, "values": [1, 2]}, "biases": [0]}]})";
    QCOMPARE(refusal(wrongShape),
             std::string("s.json:5: mlp.layers[0].weights is 1 by 2; the widths need 2 by 1"));
    const std::string right = R"({"dim": 1, "outputs": 1, "hidden": [2], "layers": [
      {"weights": {"rows": 2, "cols": 1, "values": [1, 2]}, "biases": [0, 0]},
      {"weights": {"rows": 1, "cols": 2, "values": [1, 2]}, "biases": [0]}]})";
    QCOMPARE(refusal(right), std::string("<accepted>"));
  }
};

QTEST_GUILESS_MAIN(TestStudioSession)
#include "test_studio_session.moc"
