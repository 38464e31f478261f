// The `lreg` command line, run as a user would: exit codes, stdout/stderr contents, files.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Result {
  int exitCode;
  QString out, err;
};

Result lreg(const QStringList& args) {
  QProcess p;
  p.start(LREG_CLI, args);
  p.waitForFinished(120000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

void writeText(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const Result r = lreg({"generate", "b1", "--seed", "7", "--out", path("b1")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(path("b1/train.csv")));
    QVERIFY(QFile::exists(path("b1/test.csv")));
  }

  void generateWritesThePaperSizes() {
    QFile f(path("b1/train.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("x,y"));
    QCOMPARE(lines.size(), 1001);
  }

  void fitJsonHasTheDocumentedKeys() {
    const Result r = lreg({"fit", path("b1/train.csv"), "--test", path("b1/test.csv"), "--dof",
                           "48", "--json", "--model", path("b1.json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);  // stdout is exactly one JSON object
    const QJsonObject j = doc.object();
    for (const char* key : {"dim", "outputs", "dof", "simplices", "iterations", "seconds", "train",
                            "test", "noise_sd"})
      QVERIFY2(j.contains(key), key);
    QVERIFY(!j.contains("reference"));  // only with --reference
    QCOMPARE(j["dim"].toInt(), 1);
    QCOMPARE(j["dof"].toInt(), 48);
    QCOMPARE(j["simplices"].toInt(), 47);
    for (const char* set : {"train", "test"})
      for (const char* m : {"mae", "rmse", "r2"}) QVERIFY(j[set].toObject()[m].isDouble());
    QVERIFY(j["test"].toObject()["r2"].toDouble() > 0.99);
    QVERIFY(r.err.contains("iteration"));  // progress went to stderr
    QVERIFY(QFile::exists(path("b1.json")));
  }

  void predictAndEvalUseTheSavedModel() {
    writeText(path("inputs.csv"), "x\n0.05\n0.5\n");
    Result r = lreg({"predict", path("b1.json"), path("inputs.csv")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QString("x,y"));
    // sin(1/x) at 0.05 and 0.5, the model is accurate to a few hundredths there.
    QVERIFY(std::abs(lines[1].split(',')[1].toDouble() - std::sin(20.0)) < 0.05);
    QVERIFY(std::abs(lines[2].split(',')[1].toDouble() - std::sin(2.0)) < 0.05);
    r = lreg({"predict", path("b1.json"), path("inputs.csv"), "--out", path("pred.csv")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(path("pred.csv")));
    r = lreg({"eval", path("b1.json"), path("b1/test.csv"), "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(j["r2"].toDouble() > 0.99);
    QCOMPARE(j["samples"].toInt(), 200);
  }

  void badInputFailsWithAOneLineMessage_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("non-numeric") << QStringList{"fit", "@bad.csv"}
                                 << QByteArray("x,y\n1,2\n3,abc\n4,5\n") << 1
                                 << "bad.csv:3:2: 'abc' is not a number";
    QTest::newRow("nan") << QStringList{"fit", "@bad.csv"} << QByteArray("x,y\n1,2\nnan,3\n") << 1
                         << "bad.csv:3:1";
    QTest::newRow("ragged") << QStringList{"fit", "@bad.csv"} << QByteArray("x,y\n1,2\n3,4,5\n")
                            << 1 << "bad.csv:3: expected 2 columns, found 3";
    QTest::newRow("empty") << QStringList{"fit", "@bad.csv"} << QByteArray("") << 1
                           << "bad.csv: file is empty";
    QTest::newRow("too few rows") << QStringList{"fit", "@bad.csv"} << QByteArray("x,y\n1,2\n") << 1
                                  << "too few rows";
    QTest::newRow("missing file") << QStringList{"fit", "@nothere.csv"} << QByteArray() << 1
                                  << "nothere.csv: cannot open file";
    QTest::newRow("absurd dof") << QStringList{"fit", "@bad.csv", "--dof", "1"}
                                << QByteArray("x,y\n1,2\n2,3\n3,4\n") << 1
                                << "dof must be at least 2";
    QTest::newRow("not a number option")
        << QStringList{"fit", "@bad.csv", "--dof", "many"} << QByteArray("x,y\n1,2\n") << 2
        << "expects a whole number";
    QTest::newRow("unknown option")
        << QStringList{"fit", "@bad.csv", "--frobnicate"} << QByteArray("x,y\n1,2\n") << 2
        << "unknown option '--frobnicate'";
    QTest::newRow("corrupt model")
        << QStringList{"eval", "@bad.csv", "@bad.csv"}
        << QByteArray("{\"format\": \"lreg-model\", \"version\": 1, \"dim\"") << 1
        << "unexpected end of file";
    QTest::newRow("newer model") << QStringList{"eval", "@bad.csv", "@bad.csv"}
                                 << QByteArray("{\"format\": \"lreg-model\", \"version\": 9}") << 1
                                 << "newer";
    QTest::newRow("unknown dataset") << QStringList{"generate", "Z9", "--out", "@gen"}
                                     << QByteArray() << 1 << "unknown dataset 'Z9'";
    QTest::newRow("unknown command")
        << QStringList{"frob"} << QByteArray() << 2 << "unknown command 'frob'";
  }
  void badInputFailsWithAOneLineMessage() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    if (!content.isNull()) writeText(path("bad.csv"), content);
    for (QString& a : args)
      if (a.startsWith('@')) a = path(a.mid(1));
    const Result r = lreg(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    QVERIFY(r.out.isEmpty());
  }

  void predictRefusesAFileWithTargetColumns() {
    const Result r = lreg({"predict", path("b1.json"), path("b1/test.csv")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("test.csv: has 2 columns, the model takes 1 input"));
  }

  void twoDimensionsEndToEnd() {
    QCOMPARE(lreg({"generate", "A2", "--seed", "3", "--train-size", "3000", "--test-size", "500",
                   "--out", path("a2")})
                 .exitCode,
             0);
    Result r = lreg({"fit", path("a2/train.csv"), "--test", path("a2/test.csv"), "--dof", "100",
                     "--json", "--model", path("a2.json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(j["dim"].toInt(), 2);
    QCOMPARE(j["dof"].toInt(), 100);
    QVERIFY(j["simplices"].toInt() > 100);
    QVERIFY(j["test"].toObject()["r2"].toDouble() > 0.95);
    writeText(path("in2.csv"), "x1,x2\n0.5,-1\n3,3\n");
    r = lreg({"predict", path("a2.json"), path("in2.csv")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    // (sin 0.5 + sin -1) / 2 = -0.181: the model is within its noise level of the truth.
    QVERIFY(std::abs(lines[1].split(',')[2].toDouble() - (std::sin(0.5) + std::sin(-1.0)) / 2) <
            0.1);
    // 1D-only options are named as ignored, not silently dropped.
    r = lreg({"fit", path("a2/train.csv"), "--dof", "64", "--iterations", "1", "--damping", "0.3"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("--damping applies to 1D data only; ignored for 2D data"),
             qPrintable(r.err));
  }

  // --reference: the best placement found, its errors and lreg's ratio to it, in 1D and 2D.
  void referenceReportsTheBestPlacementAndTheRatio_data() {
    QTest::addColumn<QString>("set");
    QTest::newRow("1D") << "b1";
    QTest::newRow("2D") << "a2";
  }
  void referenceReportsTheBestPlacementAndTheRatio() {
    QFETCH(QString, set);
    if (!QFile::exists(path("a2/train.csv")))
      QCOMPARE(lreg({"generate", "A2", "--seed", "3", "--train-size", "3000", "--test-size", "500",
                     "--out", path("a2")})
                   .exitCode,
               0);
    const Result r = lreg({"fit", path(set + "/train.csv"), "--test", path(set + "/test.csv"),
                           "--dof", "49", "--iterations", "4", "--reference", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject ref = j["reference"].toObject();
    for (const char* part : {"train", "test"})
      for (const char* m : {"mae", "rmse", "r2"}) QVERIFY(ref[part].toObject()[m].isDouble());
    const double fitted = j["test"].toObject()["rmse"].toDouble();
    const double best = ref["test"].toObject()["rmse"].toDouble();
    QCOMPARE(j["reference_rmse"].toDouble(), best);
    QVERIFY(std::abs(j["reference_ratio"].toDouble() - fitted / best) < 1e-12);
    // The fitted mesh is one of the reference's starts: it trains at least as well.
    QVERIFY(ref["train"].toObject()["rmse"].toDouble() <=
            j["train"].toObject()["rmse"].toDouble() * (1 + 1e-9));
    QVERIFY(j["noise_sd"].toDouble() > 0);  // both sets are noisy
  }

  void scalingReportsRowsAndASlope() {
    QCOMPARE(lreg({"generate", "appc3", "--seed", "2", "--out", path("c3")}).exitCode, 0);
    const Result r = lreg({"scaling", path("c3/train.csv"), "--test", path("c3/test.csv"), "--dofs",
                           "32,64,128", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray rows = j["rows"].toArray();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[2].toObject()["dof"].toInt(), 128);
    QVERIFY(rows[2].toObject()["test"].toObject()["mae"].toDouble() <
            rows[0].toObject()["test"].toObject()["mae"].toDouble());
    QVERIFY(j["slope"].toDouble() < -1.5);  // adaptive P1: close to N^(-2/d), not N^(-1/d)
    QCOMPARE(lreg({"scaling", path("c3/train.csv"), "--test", path("c3/test.csv"), "--dofs", "32"})
                 .exitCode,
             2);
  }

  void everyCommandHasHelp() {
    for (const char* c : {"generate", "fit", "predict", "eval", "scaling"}) {
      const Result r = lreg({c, "--help"});
      QCOMPARE(r.exitCode, 0);
      QVERIFY(r.out.startsWith(QString("usage: lreg ") + c));
    }
    const Result r = lreg({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("commands:"));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
