// The app never loses work: lreg-studio is killed with SIGKILL in the middle of a run, and the
// next start offers its autosaved session and restores the data, the settings and the best
// model (in a window here, and in the app itself with --session); and an autosave killed in the
// middle of writing a large session (embedded data) leaves the previous one whole.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <signal.h>

#include <cmath>
#include <optional>

#include <lreg/base/error.h>
#include <lreg/model/model_io.h>
#include "app/studio/autosave.h"
#include "app/studio/plot_panel.h"
#include "app/studio/session_file.h"
#include "render/scene1d.h"
#include "studio_fixture.h"

using lreg::studio::CrashedSession;
using lreg::studio::SessionFile;
using namespace studio_test;

namespace {

constexpr int kAutosaveMs = 200;

// The autosave of process `pid` in `stateHome`, when it exists and reads as a whole session.
std::optional<SessionFile> autosaveOf(const QString& stateHome, qint64 pid) {
  const QString path = stateHome + QString("/lreg-studio/autosave-%1.json").arg(pid);
  if (!QFile::exists(path)) return std::nullopt;
  try {
    return lreg::studio::readSession(path.toStdString());
  } catch (const lreg::Error&) {
    return std::nullopt;  // not whole: never expected (asserted by the callers)
  }
}

// writeFileAtomically's temporary beside the autosave: ".autosave-PID.json.XXXXXX".
bool writeInProgress(const QString& stateHome) {
  return !QDir(stateHome + "/lreg-studio")
              .entryList({".autosave-*.json.??????"}, QDir::Files | QDir::Hidden)
              .isEmpty();
}

void killNow(QProcess& p) {
  ::kill(pid_t(p.processId()), SIGKILL);
  p.waitForFinished(10000);
}

}  // namespace

class TestStudioCrash : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(lreg::render::VtkViewWidget::isSupported()); }

  void restoresTheWorkAfterAKill() {
    QTemporaryDir state;
    QProcess app;
    app.setProcessEnvironment(studioEnvironment(state.path(), kAutosaveMs));
    // A long run (far more iterations than it gets to), with non-default settings.
    app.start(QStringLiteral(LREG_STUDIO),
              {"--dataset", "A1", "--points", "3000", "--dof", "40", "--iterations", "100000",
               "--screenshot", state.filePath("never.png")});
    QVERIFY(app.waitForStarted());
    const qint64 pid = app.processId();
    std::optional<SessionFile> saved;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000) {
      saved = autosaveOf(state.path(), pid);
      if (saved && saved->history.size() >= 6) break;
      QTest::qWait(20);
    }
    QVERIFY2(saved && saved->history.size() >= 6, "no autosave with six fits in a minute");
    killNow(app);  // mid-run: no clean end
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QFile::exists(state.filePath("never.png")));
    // Its marker and autosave stay; the autosave is whole and holds the run's work.
    const QString marker = state.filePath(QString("lreg-studio/instance-%1.lock").arg(pid));
    const QString autosave = state.filePath(QString("lreg-studio/autosave-%1.json").arg(pid));
    QVERIFY(QFile::exists(marker));
    saved = autosaveOf(state.path(), pid);
    QVERIFY(saved);
    QCOMPARE(saved->data.generator, std::string("A1"));
    QCOMPARE(saved->data.trainSize, 3000L);
    QCOMPARE(saved->options.dof, 40);
    QVERIFY(saved->best);
    const QString copy = state.filePath("crashed.lreg-session.json");
    QVERIFY(QFile::copy(autosave, copy));

    // The next start of the app, in a window: it offers the work and restores it.
    qputenv("XDG_STATE_HOME", state.path().toUtf8());
    {
      MainWindow w;
      w.session()->enableAutosave(lreg::studio::AutosaveStore::defaultDirectory(), kAutosaveMs);
      w.resize(1200, 760);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      QString question;
      answerNextMessageBox(QMessageBox::Yes, &question);
      QSignalSpy opened(w.session(), &StudioSession::sessionOpened);
      QVERIFY(w.offerRestore());
      QVERIFY2(question.contains("did not close normally"), qPrintable(question));
      QVERIFY(opened.wait(30000));
      StudioSession& s = *w.session();
      QCOMPARE(s.data()->name, std::string("A1"));
      QCOMPARE(long(s.data()->train.size()), 3000L);
      QCOMPARE(s.options().dof, 40);
      QCOMPARE(s.options().iterations, 100000);
      QCOMPARE(s.bestModel()->coefficients, saved->best->coefficients);
      QCOMPARE(s.bestModel()->nodes, saved->best->nodes);
      QCOMPARE(s.history().records().size(), saved->history.size());
      QCOMPARE(s.history().last().iteration, saved->history.back().iteration);
      QVERIFY(waitShown(w, [&](const lreg::Snapshot& snap) {
        return snap.iteration == saved->history.back().iteration;
      }));
      QCOMPARE(w.plot()->scene1D()->stats().nodeMarkers, 40);
      QTest::qWait(200);
      w.grab().save(outputPath("crash_restored.png"));
      // Offered once: the crashed instance's files are gone now.
      QVERIFY(!QFile::exists(marker));
      QVERIFY(!QFile::exists(autosave));
      QVERIFY(s.crashedSessions().empty());
      // And it carries on from there.
      QSignalSpy finished(&s, &StudioSession::runFinished);
      const int next = saved->history.back().iteration + 2;
      s.run(next);
      QVERIFY(finished.wait(60000));
      QCOMPARE(s.history().last().iteration, next);
    }
    qunsetenv("XDG_STATE_HOME");

    // The app itself restores it too: the same best model.
    QProcess again;
    again.setProcessEnvironment(studioEnvironment(state.path()));
    const QString model = state.filePath("best.json");
    again.start(QStringLiteral(LREG_STUDIO), {"--session", copy, "--screenshot",
                                              state.filePath("again.png"), "--model-out", model});
    QVERIFY(again.waitForFinished(120000));
    QVERIFY2(again.exitCode() == 0, again.readAllStandardError().constData());
    QCOMPARE(lreg::loadModel(model.toStdString()).coefficients, saved->best->coefficients);
  }

  void aKilledAutosaveLeavesTheLastOneWhole() {
    QTemporaryDir state;
    // 400,000 points: 800,000 numbers, embedded in every autosave (about 15 MB of text).
    const QString csv = state.filePath("big.csv");
    {
      QFile f(csv);
      QVERIFY(f.open(QIODevice::WriteOnly));
      QByteArray text = "x,y\n";
      for (int i = 0; i < 400000; ++i) {
        const double x = i / 400000.0;
        text += QByteArray::number(x, 'g', 17) + "," +
                QByteArray::number(std::sin(40 * x) * x, 'g', 17) + "\n";
      }
      f.write(text);
    }
    QProcess app;
    app.setProcessEnvironment(studioEnvironment(state.path(), 100));
    app.start(QStringLiteral(LREG_STUDIO), {"--data", csv, "--iterations", "100000", "--screenshot",
                                            state.filePath("never.png")});
    QVERIFY(app.waitForStarted());
    const qint64 pid = app.processId();
    const QString autosave = state.filePath(QString("lreg-studio/autosave-%1.json").arg(pid));
    QElapsedTimer clock;
    clock.start();
    while (!QFile::exists(autosave) && clock.elapsed() < 120000) QTest::qWait(20);
    QVERIFY2(QFile::exists(autosave), "no autosave in two minutes");
    // Now catch the next write under way and kill the app right there.
    bool caught = false;
    while (!caught && clock.elapsed() < 120000) {
      caught = writeInProgress(state.path());
      if (!caught) QThread::usleep(200);
    }
    killNow(app);
    QVERIFY2(caught, "never saw an autosave being written");
    QVERIFY(writeInProgress(state.path()));  // the interrupted write's leftover
    // The last whole autosave is there, data and all.
    const SessionFile s = lreg::studio::readSession(autosave.toStdString());
    QCOMPARE(s.data.kind, lreg::studio::DataRequest::Kind::Embedded);
    QCOMPARE(long(s.data.train->size()), 400000L);
    QCOMPARE(s.data.train->X(123456, 0), 123456 / 400000.0);
    QCOMPARE(bool(s.best), !s.history.empty());
  }
};

STUDIO_TEST_MAIN(TestStudioCrash)
#include "test_studio_crash.moc"
