// The `lreg` command line, run as a user would: exit codes, stdout/stderr contents, files.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "cli_run.h"

namespace {

using clitest::lreg;
using clitest::Result;

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
    QVERIFY(r.err.isEmpty());  // the model's own column name: nothing to warn about
    // OUT.npy is a NumPy array (the inputs, then the outputs), not CSV text under that name.
    r = lreg({"predict", path("b1.json"), path("inputs.csv"), "--out", path("pred.npy")});
    QCOMPARE(r.exitCode, 0);
    QFile npy(path("pred.npy"));
    QVERIFY(npy.open(QIODevice::ReadOnly));
    QVERIFY(npy.read(6) == QByteArray("\x93NUMPY"));
    r = lreg({"eval", path("b1.json"), path("pred.npy")});  // the predictions fit themselves
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("RMSE 0 "), qPrintable(r.out));
    // Columns are taken in order: another name is predicted, with a warning on stderr (not for
    // the default names x, x1.. of a model fitted on a .npy file, as b1.json's 'x' reads).
    writeText(path("named.csv"), "temperature,y\n0,1\n0.5,2\n1,3\n0.25,1.5\n");
    QCOMPARE(lreg({"fit", path("named.csv"), "--dof", "3", "--model", path("named.json")}).exitCode,
             0);
    writeText(path("renamed.csv"), "speed\n0.05\n0.5\n");
    r = lreg({"predict", path("named.json"), path("renamed.csv")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed().split('\n').size(), 3);
    QVERIFY2(r.err.contains("renamed.csv: the columns are 'speed', the model's inputs "
                            "'temperature' (columns are taken in order, not by name)"),
             qPrintable(r.err));
    r = lreg({"predict", path("b1.json"), path("renamed.csv")});
    QVERIFY(r.err.isEmpty());
    writeText(path("renamed_eval.csv"), "speed,y\n0,1\n1,3\n");
    r = lreg({"eval", path("named.json"), path("renamed_eval.csv")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("lreg eval: warning: ") && r.err.contains("'speed'"),
             qPrintable(r.err));
    r = lreg({"eval", path("b1.json"), path("b1/test.csv"), "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(j["r2"].toDouble() > 0.99);
    QCOMPARE(j["samples"].toInt(), 200);
    // The connection models' options would be ignored on a mesh model: refused, named.
    for (const QStringList& extra :
         {QStringList{"eval", path("b1.json"), path("b1/test.csv"), "--targets", "t.npy"},
          QStringList{"eval", path("b1.json"), path("b1/test.csv"), "--labels", "l.npy"},
          QStringList{"predict", path("b1.json"), path("inputs.csv"), "--outputs", "o.npy"}}) {
      r = lreg(extra);
      QCOMPARE(r.exitCode, 1);
      const QString option = extra[3];
      QVERIFY2(r.err.contains(path("b1.json") + ": a mesh model, not a connection: " + option +
                              " applies to connection models only"),
               qPrintable(r.err));
    }
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

    // Every number is range-checked and the message quotes what was typed (no wrap-around).
    const QByteArray csv("x,y\n1,2\n2,3\n3,4\n");
    auto fit = [](const QStringList& extra) { return QStringList{"fit", "@bad.csv"} + extra; };
    // `lreg fit` on that file with `extra` options: the exit code and what the message says.
    auto badFit = [&](const char* name, const QStringList& extra, int code, const char* mentions) {
      QTest::newRow(name) << fit(extra) << csv << code << QString(mentions);
    };
    badFit("dof beyond int", {"--dof", "1000000000000"}, 2,
           "--dof: '1000000000000' is out of range (must be <= 2147483647)");
    badFit("dof beyond any integer", {"--dof", "99999999999999999999"}, 2,
           "'99999999999999999999' is out of range");
    badFit("negative dof", {"--dof", "-5"}, 1, "dof must be at least 2 (got -5)");
    badFit("iterations beyond int", {"--iterations=3000000000"}, 2,
           "--iterations: '3000000000' is out of range");
    badFit("negative iterations", {"--iterations", "-1"}, 1, "iterations must be >= 0 (got -1)");
    badFit("zero threads", {"--threads", "0"}, 2, "--threads: '0' is out of range (must be >= 1)");
    badFit("too many threads", {"--threads", "5000"}, 2,
           "--threads: '5000' is out of range (must be <= 1024)");
    badFit("negative seed", {"--seed", "-1"}, 2, "--seed: '-1' is out of range (must be >= 0)");
    badFit("zero targets", {"--targets", "0"}, 2, "--targets: '0' is out of range (must be >= 1)");
    badFit("fractional count", {"--placement", "1e3"}, 2,
           "--placement: expects a whole number, got '1e3'");
    badFit("not a real", {"--lr", "fast"}, 2, "--lr: expects a number, got 'fast'");
    badFit("infinite real", {"--damping", "1e400"}, 2,
           "--damping: '1e400' is out of range (must be a finite number)");
    badFit("nan real", {"--smoothing", "nan"}, 2, "'nan' is out of range");
    badFit("damping beyond 1", {"--damping", "5"}, 1, "damping must be in (0, 1] (got 5)");
    badFit("zero epochs", {"--fit", "adam", "--epochs", "0"}, 1, "epochs must be >= 1 (got 0)");
    badFit("negative batch", {"--fit", "adam", "--batch", "-3"}, 1,
           "batch size must be >= 1 (got -3)");
    badFit("unknown fit method", {"--fit", "sgd"}, 2, "--fit: unknown fit method 'sgd'");
    badFit("missing value", {"--dof"}, 2, "--dof needs a value (D)");
    QTest::newRow("missing positional")
        << QStringList{"eval", "@bad.csv"} << csv << 2 << "DATA.csv is required";
    QTest::newRow("negative train size")
        << QStringList{"generate", "B1", "--out", "@gen", "--train-size", "-3"} << QByteArray() << 2
        << "--train-size: '-3' is out of range (must be >= 0)";
    QTest::newRow("huge test size")
        << QStringList{"generate", "B1", "--out", "@gen", "--test-size", "20000000000"}
        << QByteArray() << 2
        << "--test-size: '20000000000' is out of range (must be <= 1000000000)";
    QTest::newRow("negative noise")
        << QStringList{"generate", "B1", "--out", "@gen", "--noise-scale", "-0.5"} << QByteArray()
        << 2 << "--noise-scale: '-0.5' is out of range (must be >= 0)";
    QTest::newRow("dofs item out of range")
        << QStringList{"scaling", "@bad.csv", "--test", "@bad.csv", "--dofs", "16,99999999999"}
        << csv << 2 << "--dofs: '99999999999' is out of range (must be <= 10000000)";
    // Control characters from a file or a command line are shown escaped, never raw.
    QTest::newRow("NUL in a CSV field")
        << QStringList{"fit", "@bad.csv"} << QByteArray("x,y\n1,2\n3,4\0kg\n5,6\n", 20) << 1
        << R"(bad.csv:3:2: '4\x00kg' is not a number)";
    QTest::newRow("escape in a value typed") << fit({"--dof", "4\x1b[2J"}) << csv << 2
                                             << R"(--dof: expects a whole number, got '4\x1b[2J')";
    QTest::newRow("control character in a word the engine quotes")
        << QStringList{"generate", "Z\x01", "--out", "@gen"} << QByteArray() << 1
        << R"(unknown dataset 'Z\x01')";
    QTest::newRow("newline in an option name")
        << fit({"--a\nb"}) << csv << 2 << R"(unknown option '--a\nb')";
    QTest::newRow("unterminated quote in a header")
        << fit({}) << QByteArray("x,\"y\n1,2\n") << 1 << "bad.csv:1:2: unterminated quote";
    // Files a user may have: the message says what lreg reads instead.
    QTest::newRow("semicolon-separated CSV")
        << fit({}) << QByteArray("x;y\n1;2\n2;3\n") << 1
        << "bad.csv:1: expected at least 2 columns (inputs, then 1 target column), found 1; the "
           "line holds semicolons (';'): lreg reads comma-separated values";
    QTest::newRow("tab-separated CSV")
        << fit({}) << QByteArray("x\ty\n1\t2\n2\t3\n") << 1 << "found 1; the line holds tabs";
    QTest::newRow("headerless np.savetxt file")
        << fit({}) << QByteArray("1.0e+00 2.0e+00\n2.0e+00 3.0e+00\n") << 1
        << "found 1; the line holds blanks";
    QTest::newRow("headerless CSV")
        << fit({}) << QByteArray("1,2\n2,3\n") << 1
        << "bad.csv:1:1: the first row must be a header row of column names, found the number '1'";
    // --device cpu: a CUDA build without a GPU notes the CPU fallback on its own line.
    QTest::newRow("constant x in 1D")
        << fit({"--device", "cpu"}) << QByteArray("x,y\n1,2\n1,3\n1,4\n") << 1
        << "bad.csv: the input column is constant (every x is 1): a 1D fit needs at least two "
           "distinct x";
    // Inputs the unit map (x - lo) / (hi - lo) cannot take (the fit failed in the solver).
    QTest::newRow("x range beyond the largest double")
        << fit({"--device", "cpu"}) << QByteArray("x,y\n-1.7e308,1\n0,2\n1.7e308,3\n1,4\n") << 1
        << "bad.csv: input column 1 spans [-1.7e+308, 1.7e+308], a range wider than the largest "
           "double: scale the inputs";
    QTest::newRow("2D x range of subnormals")
        << fit({"--device", "cpu"})
        << QByteArray("a,b,y\n1,1e-310,1\n2,3e-310,2\n3,2e-310,3\n4,0,4\n5,1e-311,2\n") << 1
        << "bad.csv: input column 2 spans [0, 3e-310], a range narrower than the smallest normal "
           "double (2.22507e-308): scale the inputs";
    QTest::newRow("a smoothing that swamps the data")
        << fit({"--dof", "4", "--smoothing", "1e17", "--device", "cpu"})
        << QByteArray(
               "x,y\n0,0\n0.1,0.5\n0.2,0.8\n0.3,1\n0.4,0.9\n0.5,0.6\n0.6,0.1\n0.7,-0.3\n"
               "0.8,-0.7\n0.9,-0.9\n1,-1\n")
        << 1 << "with smoothing 1e+17: the penalty swamps the data";
    QTest::newRow("far more nodes than samples")
        << fit({"--dof", "1024"}) << QByteArray("x,y\n1,2\n2,3\n3,4\n4,3\n5,1\n") << 1
        << "dof 1024 is more than 16 nodes per training sample (5 samples; at most 144)";
    QTest::newRow("targets whose squares overflow")
        << fit({"--device", "cpu"}) << QByteArray("x,y\n1,2\n2,3e200\n3,4\n") << 1
        << "bad.csv: row 2, target column 1: 3e+200 is beyond 1e150 in size";
    QTest::newRow("a CSV file given as the model")
        << QStringList{"eval", "@bad.csv", "@bad.csv"} << QByteArray("x,y\n1,2\n") << 1
        << R"(bad.csv: not an lreg model file (a JSON object, starting with '{'); it starts with )"
           R"('x,y\n1,2\n')";
    QTest::newRow("duplicate key in a model")
        << QStringList{"eval", "@bad.csv", "@bad.csv"}
        << QByteArray("{\"format\": \"lreg-model\",\n \"format\": \"x\"}") << 1
        << "bad.csv:2:2: duplicate key \"format\"";
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
    for (QChar ch : r.err.trimmed())
      QVERIFY2(ch.unicode() >= 0x20, qPrintable("control character in: " + r.err));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.contains("-727379968"));
  }

  // The fit reads a CSV header in growing pieces: a quoted name that runs past the first 64 KB
  // (commas inside) is one name, not an unterminated quote.
  void aHeaderLongerThanTheFirstPieceIsReadWhole() {
    const QByteArray name = QByteArray(70000, 'a') + ", b";
    writeText(path("long.csv"), "\"" + name + "\",y\n0,1\n0.5,2\n1,3\n0.25,1.5\n");
    const Result r = lreg({"fit", path("long.csv"), "--dof", "3", "--model", path("long.json")});
    QCOMPARE(r.exitCode, 0);
    QFile model(path("long.json"));
    QVERIFY(model.open(QIODevice::ReadOnly));
    QVERIFY(model.readAll().contains("\"" + name + "\""));
  }

  // A spreadsheet's export with every cell quoted (Python's csv.QUOTE_ALL) fits as the plain
  // file does: the same samples, the same model.
  void quotedNumbersFitLikePlainOnes() {
    QFile f(path("b1/train.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray quoted;
    for (const QByteArray& line : f.readAll().trimmed().split('\n')) {
      QList<QByteArray> cells = line.split(',');
      for (QByteArray& cell : cells) cell = "\"" + cell + "\"";
      quoted += cells.join(',') + "\r\n";
    }
    writeText(path("quoted.csv"), quoted);
    const Result plain = lreg({"fit", path("b1/train.csv"), "--dof", "16", "--json"});
    const Result q = lreg({"fit", path("quoted.csv"), "--dof", "16", "--json"});
    QCOMPARE(q.exitCode, 0);
    QCOMPARE(q.json()["samples"].toInt(), 1000);
    QCOMPARE(q.json()["train"].toObject(), plain.json()["train"].toObject());
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

  // --reference: the best placement found, its errors and lreg's ratio to it, in 1D and 2D; the
  // ratio compares test RMSEs, or training RMSEs without a test set (lreg::referenceReport).
  void referenceReportsTheBestPlacementAndTheRatio_data() {
    QTest::addColumn<QString>("set");
    QTest::addColumn<bool>("withTest");
    QTest::newRow("1D") << "b1" << true;
    QTest::newRow("2D") << "a2" << true;
    QTest::newRow("2D, no test set") << "a2" << false;
  }
  void referenceReportsTheBestPlacementAndTheRatio() {
    QFETCH(QString, set);
    QFETCH(bool, withTest);
    if (!QFile::exists(path("a2/train.csv")))
      QCOMPARE(lreg({"generate", "A2", "--seed", "3", "--train-size", "3000", "--test-size", "500",
                     "--out", path("a2")})
                   .exitCode,
               0);
    QStringList args{
        "fit",   path(set + "/train.csv"), "--dof", "49", "--iterations", "4", "--reference",
        "--json"};
    if (withTest) args << "--test" << path(set + "/test.csv");
    const Result r = lreg(args);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject ref = j["reference"].toObject();
    for (const char* m : {"mae", "rmse", "r2"}) QVERIFY(ref["train"].toObject()[m].isDouble());
    for (const char* m : {"mae", "rmse", "r2"})
      QCOMPARE(ref["test"].toObject()[m].isDouble(), withTest);
    const char* compared = withTest ? "test" : "train";
    const double fitted = j[compared].toObject()["rmse"].toDouble();
    const double best = ref[compared].toObject()["rmse"].toDouble();
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

  // The device as the user chose it: --device cuda without a GPU is refused naming the flag;
  // the default (auto) on a machine with no GPU at all fits on the CPU without a warning (only
  // a GPU that is there but unusable is worth one).
  void theDeviceChoiceIsReportedAsTheUserMadeIt() {
    const QJsonObject cuda =
        lreg({"info", "--json"}).json()["backends"].toObject()["cuda"].toObject();
    const QStringList fit = {"fit", path("b1/train.csv"), "--dof", "8", "--iterations", "2"};
    if (cuda["devices"].toInt() > 0) {
      QCOMPARE(lreg(fit + QStringList{"--device", "cuda"}).exitCode, 0);
      return;
    }
    const Result refused = lreg(fit + QStringList{"--device", "cuda"});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("--device cuda: no usable CUDA device (" +
                                  cuda["reason"].toString() + ")"),
             qPrintable(refused.err));
    const Result automatic = lreg(fit);
    QCOMPARE(automatic.exitCode, 0);
    QVERIFY(cuda["gpu"].isBool());
    QVERIFY2(automatic.err.contains("using the CPU") ==
                 (cuda["compiled"].toBool() && cuda["gpu"].toBool()),
             qPrintable(automatic.err));
  }

  void fitHelpDocumentsEveryOption() {
    const Result r = lreg({"fit", "--help"});
    QCOMPARE(r.exitCode, 0);
    for (const char* option : {"--test FILE",      "--dof D",           "--iterations K",
                               "--patience P",     "--fit METHOD",      "--indicator KIND",
                               "--topk K",         "--damping B",       "--prior A",
                               "--no-noise-floor", "--placement N",     "--polish N",
                               "--smoothing L",    "--loss KIND",       "--lr RATE",
                               "--lambda L",       "--epochs E",        "--batch B",
                               "--hard K",         "--seed S",          "--threads N",
                               "--device DEV",     "--targets C",       "--model OUT.json",
                               "--json",           "--quiet",           "--help",
                               "--no-restarts",    "--no-tensor-start", "--no-flips",
                               "--coarsen HOW",    "--reference"})
      QVERIFY2(r.out.contains(QString("  ") + option), option);
    QVERIFY(r.out.contains("node budget (default 64)"));
  }

  void infoReportsTheBuildOptions() {
    const Result json = lreg({"info", "--json"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject build =
        QJsonDocument::fromJson(json.out.toUtf8()).object()["build"].toObject();
    const QString options = build["options"].toString();
    QVERIFY2(options.startsWith(build["type"].toString() + ", CUDA "), qPrintable(options));
    const Result text = lreg({"info"});
    QVERIFY2(text.out.contains(options), qPrintable(text.out));  // the same string both ways
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
    // Each command's summary is one whole sentence on its line (none cut off mid-sentence).
    const QString list = r.out.section("commands:\n", 1).section("\n\n", 0, 0);
    const QStringList lines = list.split('\n');
    QCOMPARE(lines.size(), 9);
    for (const QString& line : lines) {
      QVERIFY2(line.endsWith('.') && line.size() <= 100, qPrintable(line));
      QVERIFY2(line.count(". ") == 0, qPrintable("more than a sentence: " + line));
    }
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
