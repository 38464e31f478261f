// NumPy .npy input: round trip, float32, and every refusal names the file and the problem.
#include <QtTest>

#include <lreg/io/npy.h>
#include "io/npy_rows.h"
#include "test_util.h"

using namespace lreg;
using testutil::errorMessage;

namespace {

// A version 1.0 .npy file with the given header dict and raw data bytes.
std::string npyFile(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  return out + header + data;
}

template <typename T>
std::string raw(std::initializer_list<T> values) {
  std::string s;
  for (T v : values) s.append(reinterpret_cast<const char*>(&v), sizeof v);
  return s;
}

}  // namespace

class TestNpy : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void roundTripIsExact() {
    Dataset d;
    d.X.resize(3, 2);
    d.X << 1e-300, -2.5, 3, 4.25, 0.1, 1e300;
    d.Y.resize(3, 1);
    d.Y << 7, 8, 9;
    const std::string path = dir_.filePath("a.npy").toStdString();
    writeNpy(path, d);
    const Dataset back = readData(path, 1);
    QVERIFY(back.X == d.X);
    QVERIFY(back.Y == d.Y);
    QCOMPARE(back.inputNames, (std::vector<std::string>{"x1", "x2"}));
    QCOMPARE(back.outputNames, (std::vector<std::string>{"y"}));
  }

  // Windows tools and some exporters write upper-case extensions: data.NPY is a NumPy file.
  void upperCaseExtensionIsNpy() {
    Dataset d;
    d.X.resize(2, 1);
    d.X << 0.5, 1.5;
    d.Y.resize(2, 1);
    d.Y << 2, 3;
    const std::string path = dir_.filePath("data.NPY").toStdString();
    writeData(path, d);
    QVERIFY(isNpyPath(path) && !isNpyPath("data.csv") && !isNpyPath("npy"));
    const Dataset back = readData(path, 1);
    QVERIFY(back.X == d.X && back.Y == d.Y);
  }

  void float32AndOneDimensionalArrays() {
    const std::string f32 =
        testutil::writeText(dir_, "f.npy",
                            npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                                    raw<float>({0.5f, 1.5f, 2.5f, 3.5f})));
    const Dataset d = readNpy(f32, 1);
    QCOMPARE(d.X(1, 0), 2.5);
    QCOMPARE(d.Y(1, 0), 3.5);
    const std::string one =
        testutil::writeText(dir_, "one.npy",
                            npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                    raw<double>({1, 2, 3})));
    QCOMPARE(readNpy(one, 0).X.rows(), 3);
  }

  void integerArraysAsLabels() {
    // A file of dtype `descr` and shape `shape` holding `data`.
    auto file = [&](const char* name, const std::string& descr, const std::string& shape,
                    const std::string& data) {
      return testutil::writeText(
          dir_, name,
          npyFile("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }",
                  data));
    };
    const std::string i8 = file("i8.npy", "<i8", "(3,)", raw<std::int64_t>({9, 0, -4}));
    QVERIFY(readNpy(i8, 0).X.col(0) == Eigen::Vector3d(9, 0, -4));
    const Dataset d =
        readNpy(file("u1.npy", "|u1", "(2, 2)", raw<std::uint8_t>({255, 1, 2, 3})), 1);
    QCOMPARE(d.X(0, 0), 255.0);
    QCOMPARE(d.Y(1, 0), 3.0);
    QCOMPARE(readNpy(file("i4.npy", "<i4", "(2,)", raw<std::int32_t>({-7, 7})), 0).X(0, 0), -7.0);
    QCOMPARE(readNpy(file("u2.npy", "<u2", "(1,)", raw<std::uint16_t>({65535})), 0).X(0, 0),
             65535.0);
  }

  // What np.save writes for common arrays: a transposed stack (np.vstack([x, y]).T) in Fortran
  // order, a '>' dtype from a big-endian source, bools. Each reads as the same matrix, also in
  // a share of rows (the parallel and MPI reads) and in streamed blocks.
  void fortranOrderBigEndianAndBools() {
    auto file = [&](const char* name, const std::string& descr, bool fortran,
                    const std::string& data) {
      return testutil::writeText(dir_, name,
                                 npyFile("{'descr': '" + descr + "', 'fortran_order': " +
                                             (fortran ? "True" : "False") + ", 'shape': (3, 2), }",
                                         data));
    };
    auto bigEndian = [](std::string bytes, size_t item) {
      for (size_t i = 0; i < bytes.size(); i += item)
        std::reverse(bytes.begin() + long(i), bytes.begin() + long(i + item));
      return bytes;
    };
    Eigen::Matrix<double, 3, 2, Eigen::RowMajor> expected;
    expected << 1.5, -2, 3, 4, 5.25, 6;
    // Column after column: 1.5, 3, 5.25, then -2, 4, 6.
    const std::string colMajor = raw<double>({1.5, 3, 5.25, -2, 4, 6});
    for (const std::string& path :
         {file("fortran.npy", "<f8", true, colMajor),
          file("big.npy", ">f8", false, bigEndian(raw<double>({1.5, -2, 3, 4, 5.25, 6}), 8)),
          file("big-fortran.npy", ">f4", true,
               bigEndian(raw<float>({1.5f, 3, 5.25f, -2, 4, 6}), 4))}) {
      const Dataset d = readNpy(path, 1);
      QVERIFY2(d.X.col(0) == expected.col(0) && d.Y.col(0) == expected.col(1), path.c_str());
      detail::NpyRows rows(detail::readNpyHeader(path));
      double share[4];
      rows.read(1, 2, share);  // rows 2 and 3 only
      QCOMPARE(share[0], 3.0);
      QCOMPARE(share[1], 4.0);
      QCOMPARE(share[2], 5.25);
      QCOMPARE(share[3], 6.0);
    }
    const std::string ints =
        file("big-int.npy", ">i2", true, bigEndian(raw<std::int16_t>({-1, 300, 7, 2, -5, 9}), 2));
    const Dataset i = readNpy(ints, 1);
    QCOMPARE(i.X(1, 0), 300.0);
    QCOMPARE(i.Y(0, 0), 2.0);
    const std::string bools = file("bool.npy", "|b1", false, std::string("\1\0\0\1\1\1", 6));
    const Dataset b = readNpy(bools, 1);
    QCOMPARE(b.X(0, 0), 1.0);
    QCOMPARE(b.Y(0, 0), 0.0);
    QCOMPARE(b.Y(2, 0), 1.0);
    // A non-finite value names its row and column in Fortran order too.
    const std::string nan = file("fortran-nan.npy", "<f8", true, raw<double>({1, 2, 3, 4, NAN, 6}));
    const QString msg = errorMessage([&] { readNpy(nan, 1); });
    QVERIFY2(msg.contains("row 2, column 2: value is not finite"), qPrintable(msg));
  }

  void badFilesAreRefused_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    const std::string two = raw<double>({1, 2, 3, 4});
    auto file = [&](const std::string& dict, const std::string& data) {
      const std::string f = npyFile(dict, data);
      return QByteArray(f.data(), qsizetype(f.size()));
    };
    QTest::newRow("not npy") << QByteArray("x,y\n1,2\n") << "not a NumPy .npy file";
    QTest::newRow("complex") << file("{'descr': '<c8', 'fortran_order': False, 'shape': (2, 2), }",
                                     two)
                             << "unsupported dtype '<c8'";
    QTest::newRow("bool of two bytes")
        << file("{'descr': '<b2', 'fortran_order': False, 'shape': (2, 2), }", two)
        << "unsupported dtype '<b2'";
    QTest::newRow("single byte with a byte order")
        << file("{'descr': '|i4', 'fortran_order': False, 'shape': (2, 2), }", two)
        << "unsupported dtype '|i4'";
    QTest::newRow("structured")
        << file("{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, 'shape': (2,), }",
                two)
        << "a structured array (named fields) is not supported";
    QTest::newRow("3d") << file("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 2), }",
                                two)
                        << "found 3 dimensions";
    QTest::newRow("truncated") << file(
                                      "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }",
                                      two)
                               << "truncated: the header promises 4 x 2 values, the file holds 4";
    QTest::newRow("nan") << file("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                                 raw<double>({1, 2, NAN, 4}))
                         << "row 2, column 1: value is not finite";
    QTest::newRow("one column")
        << file("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1), }", two)
        << "expected at least 2 columns";
    QTest::newRow("no shape") << file("{'descr': '<f8', 'fortran_order': False}", two)
                              << "no 'shape'";
    // Header text in a message shows its control characters escaped.
    QTest::newRow("control characters in the dtype")
        << file(std::string("{'descr': '<f\0\n8', 'fortran_order': False, 'shape': (2, 2), }", 61),
                two)
        << R"(unsupported dtype '<f\x00\n8')";
    // A size beyond any integer is refused, not thrown as std::out_of_range.
    QTest::newRow("shape out of range")
        << file("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 2), }",
                two)
        << "out of range";
  }
  void badFilesAreRefused() {
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    const std::string path = testutil::writeText(
        dir_, "bad.npy", std::string(content.constData(), size_t(content.size())));
    const QString msg = errorMessage([&] { readData(path, 1); });
    QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": "), qPrintable(msg));
    QVERIFY2(msg.contains(mentions), qPrintable(msg));
    for (QChar ch : msg) QVERIFY2(ch.unicode() >= 0x20, qPrintable("control character in " + msg));
  }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "test_npy.moc"
