// The idx reader (MNIST / Fashion-MNIST files): values, gzip and plain files, and every way a
// file can be broken.
#include <QtTest>

#include <zlib.h>

#include <QFile>
#include <QTemporaryDir>

#include <lreg/io/idx.h>
#include "test_util.h"

using namespace lreg;
using testutil::errorMessage;

namespace {

std::string header(int type, const std::vector<unsigned>& dims) {
  std::string h = {0, 0, char(type), char(dims.size())};
  for (unsigned d : dims)
    for (int s = 24; s >= 0; s -= 8) h += char((d >> s) & 0xff);
  return h;
}

std::string writeGz(const QTemporaryDir& dir, const QString& name, const std::string& bytes) {
  const std::string path = dir.filePath(name).toStdString();
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), unsigned(bytes.size()));
  gzclose(f);
  return path;
}

const char* kFashion = "/usr/share/datasets/fashion-mnist";

}  // namespace

class TestIdx : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void readsBytesInCOrderFromGzipAndPlainFiles() {
    std::string bytes = header(0x08, {2, 2, 3});
    for (int i = 0; i < 12; ++i) bytes += char(i * 20);
    for (const std::string& path :
         {writeGz(dir_, "a.gz", bytes), testutil::writeText(dir_, "a.idx", bytes)}) {
      const IdxArray a = readIdx(path);
      QVERIFY((a.shape == std::vector<long>{2, 2, 3}));
      QCOMPARE(a.values.rows(), 2L);
      QCOMPARE(a.values.cols(), 6L);
      QCOMPARE(a.values(0, 0), 0.0);
      QCOMPARE(a.values(0, 5), 100.0);
      QCOMPARE(a.values(1, 5), 220.0);
    }
    const RowMatrix images = readIdxImages(dir_.filePath("a.gz").toStdString());
    QCOMPARE(images(1, 5), 220.0 / 255);
  }

  // The studio's Fashion demo reads the first few thousand of 60,000 images: a row limit reads
  // only those rows (what follows, even a truncated rest, is not read); the header stays whole.
  void aRowLimitReadsOnlyTheFirstRows() {
    std::string bytes = header(0x08, {3, 2});
    for (int i = 0; i < 5; ++i) bytes += char(10 + i);  // one byte short of the 3rd row
    const std::string path = writeGz(dir_, "limit.gz", bytes);
    const IdxArray a = readIdx(path, kIdxMaxValues, 2);
    QVERIFY((a.shape == std::vector<long>{3, 2}));
    QCOMPARE(a.values.rows(), 2L);
    QCOMPARE(a.values(1, 1), 13.0);
    QCOMPARE(readIdxImages(path, 1.0, 1).rows(), 1L);
    QVERIFY(errorMessage([&] { readIdx(path, kIdxMaxValues, 3); }).contains("truncated"));
    QCOMPARE(errorMessage([&] { readIdx(path, kIdxMaxValues, 0); }),
             QString::fromStdString(path + ": asked for 0 rows"));
    std::string labels = header(0x08, {4});
    labels += std::string("\x01\x02\x03\x04", 4);
    QCOMPARE(readIdxLabels(writeGz(dir_, "l.gz", labels), 9), (std::vector<int>{1, 2, 3, 4}));
    QCOMPARE(readIdxLabels(writeGz(dir_, "l.gz", labels), 2), (std::vector<int>{1, 2}));
    // The value cap counts the rows read: a header of 10^9 rows of 784 values is refused whole
    // but gives its first two rows.
    std::string huge = header(0x08, {1000000000u, 28, 28});
    huge += std::string(2 * 784, '\x07');
    const std::string hugePath = writeGz(dir_, "huge.gz", huge);
    QCOMPARE(
        errorMessage([&] { readIdx(hugePath); }),
        QString::fromStdString(hugePath + ": the header promises more than " +
                               std::to_string(kIdxMaxValues) + " values; refusing to allocate"));
    const IdxArray first = readIdx(hugePath, kIdxMaxValues, 2);
    QCOMPARE(first.values.rows(), 2L);
    QCOMPARE(first.values.cols(), 784L);
    QCOMPARE(first.values(1, 783), 7.0);
  }

  void readsBigEndianTypes() {
    std::string s = header(0x0B, {2});  // short
    s += std::string("\xff\xfe\x01\x00", 4);
    QVERIFY((readIdx(writeGz(dir_, "s.gz", s)).values.col(0) == Eigen::Vector2d(-2, 256)));
    std::string f = header(0x0D, {1});  // float 1.5 = 0x3FC00000
    f += std::string("\x3f\xc0\x00\x00", 4);
    QCOMPARE(readIdx(writeGz(dir_, "f.gz", f)).values(0, 0), 1.5);
    std::string i = header(0x0C, {1});  // int -3
    i += std::string("\xff\xff\xff\xfd", 4);
    QCOMPARE(readIdx(writeGz(dir_, "i.gz", i)).values(0, 0), -3.0);
  }

  void labels() {
    std::string s = header(0x08, {4});
    s += std::string("\x09\x00\x03\x01", 4);
    QVERIFY((readIdxLabels(writeGz(dir_, "l.gz", s)) == std::vector<int>{9, 0, 3, 1}));
    std::string images = header(0x08, {1, 2});
    images += std::string("\x01\x02", 2);
    const std::string path = writeGz(dir_, "not-labels.gz", images);
    QCOMPARE(errorMessage([&] { readIdxLabels(path); }),
             QString::fromStdString(path + ": labels must be an idx1 file (rank 1), found rank 2"));
    std::string negative = header(0x09, {1});
    negative += char(-1);
    const std::string neg = writeGz(dir_, "neg.gz", negative);
    QCOMPARE(errorMessage([&] { readIdxLabels(neg); }),
             QString::fromStdString(neg + ": label 1 is not a whole number >= 0"));
  }

  void brokenFilesAreRefusedWithTheReason_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    auto h = [](int type, std::vector<unsigned> dims) {
      return QByteArray::fromStdString(header(type, dims));
    };
    QTest::newRow("empty") << QByteArray() << "not an idx file (bad magic bytes)";
    QTest::newRow("magic") << QByteArray("\x01\x00\x08\x01", 4)
                           << "not an idx file (bad magic bytes)";
    QTest::newRow("type") << h(0x07, {1}) + "x"
                          << "unsupported idx data type 0x07";
    QTest::newRow("rank 0") << h(0x08, {}) << "unsupported idx rank 0 (1 to 8)";
    QTest::newRow("header") << h(0x08, {3, 4}).left(9) << "truncated header";
    QTest::newRow("zero") << h(0x08, {3, 0}) << "dimension 2 is 0";
    QTest::newRow("truncated") << h(0x08, {3, 2}) + "abcd"
                               << "truncated: the header promises 3 x 2 values, the file holds 4";
    QTest::newRow("trailing") << h(0x08, {2}) + "abc"
                              << "trailing bytes after the 2 values";
    QTest::newRow("huge") << h(0x08, {60000, 60000, 60000})
                          << "the header promises more than 268435456 values; refusing to allocate";
    QTest::newRow("nan") << h(0x0D, {1}) + QByteArray("\x7f\xc0\x00\x00", 4)
                         << "a value is not finite";
  }
  void brokenFilesAreRefusedWithTheReason() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const std::string path = writeGz(dir_, "broken.gz", bytes.toStdString());
    QCOMPARE(errorMessage([&] { readIdx(path); }), QString::fromStdString(path + ": ") + message);
  }

  void corruptGzipAndMissingFiles() {
    std::string bytes = header(0x08, {1000});
    bytes += std::string(1000, 'a');
    std::string gz = testutil::readText(writeGz(dir_, "good.gz", bytes));
    gz[gz.size() / 2] ^= 0x55;  // damage the deflate stream
    gz.resize(gz.size() - 4);
    const std::string path = testutil::writeText(dir_, "corrupt.gz", gz);
    const QString message = errorMessage([&] { readIdx(path); });
    QCOMPARE(message,
             QString::fromStdString(path + ": cannot read the data (incorrect data check)"));
    QCOMPARE(errorMessage([&] { readIdx("/nonexistent/x.gz"); }),
             QString("/nonexistent/x.gz: cannot open file (No such file or directory)"));
  }

  void fashionMnistWhereInstalled() {
    const QString images = QString(kFashion) + "/t10k-images-idx3-ubyte.gz";
    if (!QFile::exists(images)) QSKIP("dataset-fashion-mnist is not installed");
    const RowMatrix X = readIdxImages(images.toStdString());
    QCOMPARE(X.rows(), 10000L);
    QCOMPARE(X.cols(), 784L);
    QVERIFY(X.minCoeff() == 0.0 && X.maxCoeff() == 1.0);
    const std::vector<int> y =
        readIdxLabels(QString(kFashion).toStdString() + "/t10k-labels-idx1-ubyte.gz");
    QCOMPARE(y.size(), size_t(10000));
    std::vector<int> count(10, 0);
    for (int v : y) ++count.at(size_t(v));
    for (int c : count) QCOMPARE(c, 1000);  // the test split is balanced
  }
};

QTEST_APPLESS_MAIN(TestIdx)
#include "test_idx.moc"
