// Issue 12's commands run as a user would: `lreg connect`, `lreg mlp`, connection models in
// `lreg predict` / `lreg eval`, `lreg generate appc1` — exit codes, the JSON object, the files
// written, the error messages.
#include <QtTest>

#include <zlib.h>

#include <QJsonArray>
#include <QTemporaryDir>

#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "../connect/connection_fixture.h"
#include "cli_run.h"

using namespace lreg;

namespace {

using clitest::Result;
Result run(const QStringList& args) {
  return clitest::lreg(args);
}

void writeMatrix(const QString& path, const RowMatrix& m) {
  Dataset d;
  d.X = m;
  d.Y.resize(m.rows(), 0);
  writeNpy(path.toStdString(), d);
}

RowMatrix readMatrix(const QString& path) {
  return readNpy(path.toStdString(), 0).X;
}

void writeSet(const QString& stem, const ConnectionData& d) {
  writeMatrix(stem + "_F.npy", d.features);
  writeMatrix(stem + "_O.npy", d.outputs);
  RowMatrix truth = d.targets;
  if (!d.labels.empty()) {
    truth.resize(d.size(), 1);
    for (long n = 0; n < d.size(); ++n) truth(n, 0) = d.labels[size_t(n)];
  }
  writeMatrix(stem + "_Y.npy", truth);
}

// An idx file (gzip'd): ubyte values with the given dimensions.
void writeIdx(const QString& path, const std::vector<unsigned>& dims,
              const std::vector<unsigned char>& values) {
  std::string bytes = {0, 0, 0x08, char(dims.size())};
  for (unsigned d : dims)
    for (int s = 24; s >= 0; s -= 8) bytes += char((d >> s) & 0xff);
  bytes.append(values.begin(), values.end());
  gzFile f = gzopen(path.toStdString().c_str(), "wb");
  gzwrite(f, bytes.data(), unsigned(bytes.size()));
  gzclose(f);
}

}  // namespace

class TestCliConnect : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }
  QStringList trainArgs(const QString& set) const {
    return {"connect", "--features", path(set + "_F.npy"), "--outputs", path(set + "_O.npy")};
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    writeSet(path("train"), testconnect::syntheticClassification(3000, 1));
    writeSet(path("val"), testconnect::syntheticClassification(1000, 2));
    writeSet(path("rtrain"), testconnect::syntheticRegression(3000, 3));
    writeSet(path("rval"), testconnect::syntheticRegression(1000, 4));
  }

  void connectPrintsTheDocumentedJson() {
    const Result r =
        run(trainArgs("train") + QStringList{"--labels", path("train_Y.npy"), "--val-features",
                                             path("val_F.npy"), "--val-outputs", path("val_O.npy"),
                                             "--val-labels", path("val_Y.npy"), "--components", "3",
                                             "--dof", "6", "--epochs", "3", "--json", "--model",
                                             path("c.json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);  // stdout is exactly one JSON object
    const QJsonObject j = r.json();
    QCOMPARE(j["parameters"].toInt(), (6 + 1) * 3 + 3 * 6 * 3);
    QCOMPARE(j["task"].toString(), QString("classification"));
    QCOMPARE(j["samples"].toInt(), 3000);
    QCOMPARE(j["val_samples"].toInt(), 1000);
    const QJsonObject base = j["base"].toObject(), final = j["final"].toObject();
    for (const char* key : {"train_loss", "train_accuracy", "val_loss", "val_accuracy"}) {
      QVERIFY2(base[key].isDouble(), key);
      QVERIFY2(final[key].isDouble(), key);
    }
    QVERIFY(final["val_loss"].toDouble() < base["val_loss"].toDouble() - 0.1);
    QVERIFY(final["val_accuracy"].toDouble() > base["val_accuracy"].toDouble());
    const QJsonArray epochs = j["epochs"].toArray();
    QCOMPARE(epochs.size(), 3);
    QCOMPARE(epochs[2].toObject()["epoch"].toInt(), 3);
    QCOMPARE(epochs[2].toObject()["val_loss"].toDouble(), final["val_loss"].toDouble());
    QVERIFY(epochs[0].toObject()["val_accuracy"].isDouble());
    QCOMPARE(j["mesh_updates"].toInt(), 2);
    QVERIFY2(
        r.err.contains("75 trainable parameters ((C_in + 1) d + d n C = (6 + 1) * 3 + 3 * 6 * 3)"),
        qPrintable(r.err));
    QVERIFY(r.err.contains("epoch 3/3: "));
    QCOMPARE(loadConnection(path("c.json").toStdString()).parameterCount(), 75L);

    // eval on the validation set reproduces the numbers of the run.
    const Result e = run({"eval", path("c.json"), path("val_F.npy"), "--outputs", path("val_O.npy"),
                          "--labels", path("val_Y.npy"), "--json"});
    QCOMPARE(e.exitCode, 0);
    const QJsonObject ej = e.json();
    QCOMPARE(ej["samples"].toInt(), 1000);
    QVERIFY(std::abs(ej["base"].toObject()["loss"].toDouble() - base["val_loss"].toDouble()) <
            1e-12);
    QVERIFY(std::abs(ej["connection"].toObject()["loss"].toDouble() -
                     final["val_loss"].toDouble()) < 1e-12);
    QCOMPARE(ej["connection"].toObject()["accuracy"].toDouble(), final["val_accuracy"].toDouble());
  }

  void predictWritesTheCorrectedOutputs() {
    QVERIFY(QFile::exists(path("c.json")));
    Result r = run({"predict", path("c.json"), path("val_F.npy"), "--outputs", path("val_O.npy"),
                    "--out", path("p.npy")});
    QCOMPARE(r.exitCode, 0);
    const ConnectionModel m = loadConnection(path("c.json").toStdString());
    const RowMatrix expected =
        m.predict(readMatrix(path("val_F.npy")), readMatrix(path("val_O.npy")));
    QVERIFY(readMatrix(path("p.npy")) == expected);
    r = run({"predict", path("c.json"), path("val_F.npy"), "--outputs", path("val_O.npy")});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1001);
    QCOMPARE(lines[0], QString("y1,y2,y3"));
    QVERIFY(std::abs(lines[1].split(',')[0].toDouble() - expected(0, 0)) < 1e-12);
  }

  void regressionWithTargets() {
    const Result r =
        run(trainArgs("rtrain") +
            QStringList{"--targets", path("rtrain_Y.npy"), "--val-features", path("rval_F.npy"),
                        "--val-outputs", path("rval_O.npy"), "--val-targets", path("rval_Y.npy"),
                        "--components", "3", "--epochs", "3", "--lr", "0.05", "--json", "--model",
                        path("r.json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = r.json();
    QCOMPARE(j["task"].toString(), QString("regression"));
    QVERIFY(!j["final"].toObject().contains("val_accuracy"));  // no accuracy for regression
    QVERIFY(j["final"].toObject()["val_loss"].toDouble() <
            0.5 * j["base"].toObject()["val_loss"].toDouble());
    const Result e = run({"eval", path("r.json"), path("rval_F.npy"), "--outputs",
                          path("rval_O.npy"), "--targets", path("rval_Y.npy")});
    QCOMPARE(e.exitCode, 0);
    QVERIFY2(e.out.contains("connected:  MSE "), qPrintable(e.out));
  }

  void badInputIsNamed_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const ConnectionData d = testconnect::syntheticClassification(20, 5);
    ConnectionData shortOutputs = d;
    shortOutputs.outputs.conservativeResize(19, 3);
    writeSet(path("short"), shortOutputs);
    ConnectionData badLabel = d;
    badLabel.labels[4] = 7;
    writeSet(path("label"), badLabel);
    ConnectionData nan = d;
    nan.features(2, 3) = std::nan("");
    writeSet(path("nan"), nan);
    ConnectionData narrow = d;
    narrow.features.conservativeResize(20, 5);
    writeSet(path("narrow"), narrow);
    auto set = [&](const QString& s) {
      return QStringList{"connect",          "--features", path(s + "_F.npy"), "--outputs",
                         path(s + "_O.npy"), "--labels",   path(s + "_Y.npy")};
    };
    QTest::newRow("rows") << set("short") << 1
                          << path("short_O.npy") + ": has 19 rows, " + path("short_F.npy") +
                                 " has 20 (one row per sample in both)";
    QTest::newRow("label") << set("label") << 1
                           << path("label_Y.npy") +
                                  ": row 5: label 7 is out of range (the outputs have 3 columns: "
                                  "labels 0 to 2)";
    QTest::newRow("nan") << set("nan") << 1
                         << path("nan_F.npy") + ": row 3, column 4: value is not finite";
    QTest::newRow("components") << trainArgs("train") + QStringList{"--labels", path("train_Y.npy"),
                                                                    "--components", "9"}
                                << 1 << "components must be between 1 and the number of features";
    QTest::newRow("labels and targets")
        << set("label") + QStringList{"--targets", path("label_Y.npy")} << 2
        << "--labels does not go with --targets";
    QTest::newRow("no outputs") << QStringList{"connect", "--features", path("label_F.npy")} << 2
                                << "'lreg connect' needs --outputs FILE";
    QTest::newRow("wrong width") << QStringList{"predict", path("c.json"), path("narrow_F.npy"),
                                                "--outputs", path("narrow_O.npy")}
                                 << 1
                                 << path("narrow_F.npy") +
                                        ": has 5 features per sample, the connection takes 6";
    QTest::newRow("predict without outputs")
        << QStringList{"predict", path("c.json"), path("val_F.npy")} << 2
        << "with a connection model needs --outputs FILE";
    QTest::newRow("eval without labels")
        << QStringList{"eval", path("c.json"), path("val_F.npy"), "--outputs", path("val_O.npy")}
        << 2 << "'lreg eval' with a classification connection needs --labels FILE";
  }
  void badInputIsNamed() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result r = run(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    QVERIFY(r.out.isEmpty());
  }

  void generateAppc1OnAGrid() {
    Result r = run({"generate", "appc1", "--grid", "4", "--train-size", "30", "--test-size", "5",
                    "--out", path("pde")});
    QCOMPARE(r.exitCode, 0);
    QFile f(path("pde/train.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 31);
    QVERIFY(lines[0].startsWith("alpha,beta,u_0_0,u_0_1,"));
    QCOMPARE(lines[0].split(',').size(), 2 + 16);
    r = run({"generate", "A1", "--grid", "4", "--out", path("a1")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("the grid size applies to appc1 only"), qPrintable(r.err));
  }

  void mlpTrainsAndExportsABase() {
    // 4 x 4 "images" of 3 classes: a bright row 0, 1 or 2 over noise.
    const unsigned N = 600, V = 150;
    Random r(3);
    auto images = [&](unsigned count, std::vector<unsigned char>& labels) {
      std::vector<unsigned char> pixels;
      for (unsigned n = 0; n < count; ++n) {
        const int y = int(n % 3);
        labels.push_back((unsigned char)y);
        for (int p = 0; p < 16; ++p)
          pixels.push_back((unsigned char)(p / 4 == y ? 200 + r.below(50) : r.below(120)));
      }
      return pixels;
    };
    std::vector<unsigned char> trainLabels, valLabels;
    writeIdx(path("img-train.gz"), {N, 4, 4}, images(N, trainLabels));
    writeIdx(path("lab-train.gz"), {N}, trainLabels);
    writeIdx(path("img-val.gz"), {V, 4, 4}, images(V, valLabels));
    writeIdx(path("lab-val.gz"), {V}, valLabels);
    const Result m = run({"mlp",
                          "--images",
                          path("img-train.gz"),
                          "--labels",
                          path("lab-train.gz"),
                          "--val-images",
                          path("img-val.gz"),
                          "--val-labels",
                          path("lab-val.gz"),
                          "--hidden",
                          "12,5",
                          "--epochs",
                          "15",
                          "--lr",
                          "0.01",
                          "--batch",
                          "32",
                          "--export",
                          path("base"),
                          "--json"});
    QCOMPARE(m.exitCode, 0);
    const QJsonObject j = m.json();
    QCOMPARE(j["classes"].toInt(), 3);
    QCOMPARE(j["features"].toInt(), 5);
    QCOMPARE(j["epochs"].toArray().size(), 15);
    QVERIFY(j["final"].toObject()["val_accuracy"].toDouble() > 0.9);
    QCOMPARE(j["exported"].toArray().size(), 6);
    const RowMatrix F = readMatrix(path("base/train_features.npy"));
    QCOMPARE(F.rows(), long(N));
    QCOMPARE(F.cols(), 5L);
    QVERIFY(F.minCoeff() >= 0);  // ReLU activations
    QCOMPARE(readMatrix(path("base/val_logits.npy")).cols(), 3L);
    QCOMPARE(readMatrix(path("base/val_labels.npy"))(4, 0), double(valLabels[4]));
    // The exports are what `lreg connect` takes.
    const Result c = run({"connect", "--features", path("base/train_features.npy"), "--outputs",
                          path("base/train_logits.npy"), "--labels", path("base/train_labels.npy"),
                          "--components", "2", "--dof", "4", "--json"});
    QCOMPARE(c.exitCode, 0);
    QCOMPARE(c.json()["parameters"].toInt(), (5 + 1) * 2 + 2 * 4 * 3);
    // A label file of another length is named.
    const Result bad =
        run({"mlp", "--images", path("img-train.gz"), "--labels", path("lab-val.gz")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(path("lab-val.gz") + ": has 150 labels, " + path("img-train.gz") +
                              " has 600 samples"),
             qPrintable(bad.err));
  }
};

QTEST_GUILESS_MAIN(TestCliConnect)
#include "test_cli_connect.moc"
