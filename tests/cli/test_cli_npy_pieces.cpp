// A large .npy training file is read in one piece per thread (TrainingData::open): `lreg fit`
// gives the same model whatever the thread count, and a bad value is reported at its row -- the
// first one when two pieces hold one, as a serial read would.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>

#include <lreg/base/random.h>
#include <lreg/data/dataset.h>
#include <lreg/io/npy.h>

#include "cli_run.h"

class TestCliNpyPieces : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }
  lreg::Dataset data_;
  static constexpr long kRows = (1L << 21) + 7;  // two pieces of over 2^20 rows

  QJsonObject fittedModel(const QString& threads) {
    const QString file = path("model" + threads + ".json");
    const clitest::Result r =
        clitest::lreg({"fit", path("big.npy"), "--dof", "32", "--iterations", "2", "--quiet",
                       "--threads", threads, "--model", file});
    QFile f(file);
    if (r.exitCode != 0 || !f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
  }
  clitest::Result fitBadFile() {
    lreg::writeNpy(path("bad.npy").toStdString(), data_);
    return clitest::lreg(
        {"fit", path("bad.npy"), "--threads", "2", "--quiet", "--model", path("bad.json")});
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    data_.X.resize(kRows, 1);
    data_.Y.resize(kRows, 1);
    lreg::Random random(5);
    for (long i = 0; i < kRows; ++i) {
      data_.X(i, 0) = random.uniform(0, 1);
      data_.Y(i, 0) = std::sin(6 * data_.X(i, 0));
    }
    lreg::writeNpy(path("big.npy").toStdString(), data_);
  }

  void theModelDoesNotDependOnTheThreadCount() {
    const QJsonObject one = fittedModel("1"), two = fittedModel("2");
    QVERIFY(!one.isEmpty());
    QVERIFY(one["nodes"].toArray().size() == 32);
    QCOMPARE(two["nodes"], one["nodes"]);
    QCOMPARE(two["coefficients"], one["coefficients"]);
  }

  void theFirstBadRowIsReported() {
    data_.Y(kRows - 5, 0) = std::nan("");  // in the second piece only
    clitest::Result r = fitBadFile();
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(
        r.err.contains(QString("bad.npy: row %1, column 2: value is not finite").arg(kRows - 4)),
        qPrintable(r.err));
    data_.Y(100, 0) = std::nan("");  // and in the first
    r = fitBadFile();
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("bad.npy: row 101, column 2: value is not finite"), qPrintable(r.err));
    QVERIFY(!QFile::exists(path("bad.json")));
  }
};

QTEST_GUILESS_MAIN(TestCliNpyPieces)
#include "test_cli_npy_pieces.moc"
