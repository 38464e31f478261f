// Data sets over memory the caller owns (DatasetView): no copy of a Dataset, strided and
// column-major layouts read as they are, and the non-finite refusal.
#include <QtTest>

#include <cmath>
#include <limits>

#include <lreg/data/dataset.h>
#include <lreg/data/normalizer.h>
#include "test_util.h"

using namespace lreg;
using testutil::errorMessage;

namespace {

using StridedMap = Eigen::Map<const RowMatrix, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

// A column-major (NumPy Fortran-order) #N by k block of `storage`, viewed without copying.
StridedMap columnMajor(const Eigen::MatrixXd& storage) {
  return StridedMap(storage.data(), storage.rows(), storage.cols(),
                    Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(1, storage.rows()));
}

}  // namespace

class TestDatasetView : public QObject {
  Q_OBJECT

 private slots:
  void aDatasetIsViewedWithoutACopy() {
    Dataset d;
    d.X = RowMatrix::Random(5, 2);
    d.Y = RowMatrix::Random(5, 1);
    d.inputNames = {"a", "b"};
    d.outputNames = {"t"};
    d.source = "mine.csv";
    const DatasetView v = d;
    QCOMPARE(v.X.data(), d.X.data());
    QCOMPARE(v.Y.data(), d.Y.data());
    QCOMPARE(v.inputNames, d.inputNames);
    QCOMPARE(v.source, std::string("mine.csv"));
    QCOMPARE(v.size(), Eigen::Index(5));
  }

  void columnMajorMemoryIsReadInPlace() {
    Eigen::MatrixXd storage(4, 3);                     // column-major
    storage << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;  // given row by row
    const DatasetView v(columnMajor(storage).leftCols(2), columnMajor(storage).rightCols(1), "F");
    QCOMPARE(v.X.data(), storage.data());
    QCOMPARE(v.X(2, 1), 8.0);
    QCOMPARE(v.Y(3, 0), 12.0);
    QVERIFY(v.inputNames.empty());  // the engine names them (defaultNames)
    // What the engine does with it: the normalizer and the unit map see the same values.
    const Normalizer n = Normalizer::fit(v.X);
    QCOMPARE(n.lo(1), 2.0);
    QCOMPARE(n.hi(1), 11.0);
    QCOMPARE(n.toUnit(v.X)(3, 1), 1.0);
    QCOMPARE(n.toUnit(v.X)(1, 0), 1.0 / 3.0);
  }

  void mismatchedRowsAreRefused() {
    const RowMatrix X = RowMatrix::Zero(4, 1), Y = RowMatrix::Zero(3, 1);
    QCOMPARE(errorMessage([&] { DatasetView(X, Y, "arrays"); }),
             QString("arrays: 4 input rows but 3 target rows"));
  }

  void nonFiniteValuesAreNamedWithRowAndColumn_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("words");
    QTest::newRow("nan") << std::nan("") << "X: row 12, column 2: value is not finite (NaN)";
    QTest::newRow("inf") << std::numeric_limits<double>::infinity()
                         << "X: row 12, column 2: value is not finite (inf)";
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity()
                          << "X: row 12, column 2: value is not finite (-inf)";
  }
  void nonFiniteValuesAreNamedWithRowAndColumn() {
    QFETCH(double, value);
    QFETCH(QString, words);
    RowMatrix X = RowMatrix::Ones(3, 2);
    requireFinite(X, "X", 10);  // all finite: nothing thrown
    X(1, 1) = value;
    QCOMPARE(errorMessage([&] { requireFinite(X, "X", 10); }), words);
    Eigen::MatrixXd F = X;  // the same values column-major: the same message
    QCOMPARE(errorMessage([&] { requireFinite(columnMajor(F), "X", 10); }), words);
  }
};

QTEST_APPLESS_MAIN(TestDatasetView)
#include "test_dataset_view.moc"
