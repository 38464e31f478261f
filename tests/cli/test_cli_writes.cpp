// Every file `lreg` writes is atomic: killed in the middle of writing a large file, it leaves
// the file that was there before intact.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

class TestCliWrites : public QObject {
  Q_OBJECT

  static QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
  }
  static bool temporaryExists(const QString& dir, const QString& name) {
    return !QDir(dir).entryList({"." + name + ".*"}, QDir::Files | QDir::Hidden).isEmpty();
  }

 private slots:
  void killedGenerateLeavesTheOldFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath("b2");
    QVERIFY(QDir().mkpath(out));
    for (const char* name : {"train.csv", "test.csv"}) {
      QFile f(out + "/" + name);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("x1,x2,y\n0,0,0\n");
    }
    QProcess p;
    p.start(LREG_CLI, {"generate", "B2", "--seed", "1", "--train-size", "3000000", "--out", out});
    QVERIFY(p.waitForStarted());
    QElapsedTimer clock;
    clock.start();
    bool during = false;
    while (!during && p.state() == QProcess::Running && clock.elapsed() < 120000) {
      during = temporaryExists(out, "train.csv") || temporaryExists(out, "test.csv");
      if (!during) QTest::qSleep(1);
    }
    p.kill();
    p.waitForFinished();
    QVERIFY2(during, "the writer finished before it could be killed mid-write");
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    for (const char* name : {"train.csv", "test.csv"}) {
      const QByteArray now = read(out + "/" + name);
      // The old content, or a complete new file (its last row ends with a newline).
      QVERIFY2(now == "x1,x2,y\n0,0,0\n" ||
                   (now.startsWith("x1,x2,y\n") && now.endsWith('\n') && now.size() > 1000),
               qPrintable(QString("%1: %2 bytes").arg(name).arg(now.size())));
    }
  }
};

QTEST_GUILESS_MAIN(TestCliWrites)
#include "test_cli_writes.moc"
