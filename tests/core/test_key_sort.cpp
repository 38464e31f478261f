// Sorting samples by x (Samples1D::sorted, sortByKey): the result must be exactly the order of
// sorting (x, input position) pairs, with each target row moved along with its x, on spread,
// clustered, tied and tiny inputs, for one and several outputs and any thread count.
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <vector>

#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include "1d/samples1d.h"
#include "base/key_sort.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

enum class Shape { Uniform, Clustered, FewValues, Descending };

// X (#n by 1) of the given shape; Y (#n by C) holds the input position in every column, so
// each row shows where it came from.
std::pair<RowMatrix, RowMatrix> data(long n, int C, Shape shape, std::uint64_t seed) {
  Random rng(seed);
  RowMatrix X(n, 1), Y(n, C);
  for (long i = 0; i < n; ++i) {
    switch (shape) {
      case Shape::Uniform:
        X(i, 0) = rng.uniform(-3, 5);
        break;
      case Shape::Clustered:  // 1/V-like: nearly everything in a sliver, a few far out
        X(i, 0) = i % 1000 == 0 ? rng.uniform(0, 1e6) : 1e-9 * rng.uniform();
        break;
      case Shape::FewValues:
        X(i, 0) = double(rng.below(7));
        break;
      case Shape::Descending:
        X(i, 0) = double(n - i);
        break;
    }
    for (int c = 0; c < C; ++c) Y(i, c) = double(i) + 0.25 * c;
  }
  return {X, Y};
}

}  // namespace

class TestKeySort : public QObject {
  Q_OBJECT

  void check(long n, int C, Shape shape, double lo, double scale) {
    const auto [X, Y] = data(n, C, shape, std::uint64_t(n) * 7 + C);
    std::vector<std::pair<double, long>> expected(n);
    for (long i = 0; i < n; ++i) expected[i] = {(X(i, 0) - lo) * scale, i};
    std::sort(expected.begin(), expected.end());
    const Samples1D s = Samples1D::sorted(X, Y, lo, scale);
    QCOMPARE(s.size(), n);
    QCOMPARE(s.outputs(), C);
    for (long i = 0; i < n; ++i) {
      if (s.x[i] != expected[i].first || s.y(i, 0) != double(expected[i].second))
        QFAIL(qPrintable(QString("n=%1 C=%2 shape=%3: position %4 holds x=%5 from row %6, "
                                 "expected x=%7 from row %8")
                             .arg(n)
                             .arg(C)
                             .arg(int(shape))
                             .arg(i)
                             .arg(s.x[i])
                             .arg(s.y(i, 0))
                             .arg(expected[i].first)
                             .arg(expected[i].second)));
      for (int c = 1; c < C; ++c) QCOMPARE(s.y(i, c), double(expected[i].second) + 0.25 * c);
    }
  }

 private slots:
  void cleanup() { setThreadCount(0); }

  void matchesPairSort_data() {
    QTest::addColumn<long>("n");
    QTest::addColumn<int>("C");
    QTest::addColumn<int>("shape");
    for (long n : {0L, 1L, 2L, 33L, 1000L, 100000L, 400000L})
      for (int shape = 0; shape < 4; ++shape)
        for (int C : {1, 3, 11}) QTest::addRow("n%ld-C%d-shape%d", n, C, shape) << n << C << shape;
  }
  void matchesPairSort() {
    QFETCH(long, n);
    QFETCH(int, C);
    QFETCH(int, shape);
    check(n, C, Shape(shape), 0.0, 1.0);
  }

  void mapsToTheUnitDomainOnTheWay() { check(50000, 1, Shape::Uniform, -3.0, 1.0 / 8.0); }

  void sameResultForAnyThreadCount() {
    const auto [X, Y] = data(300000, 2, Shape::FewValues, 5);
    setThreadCount(1);
    const Samples1D one = Samples1D::sorted(X, Y);
    setThreadCount(3);
    const Samples1D three = Samples1D::sorted(X, Y);
    QVERIFY(one.x == three.x);
    QVERIFY(one.y == three.y);
  }

  void aKnownRangeGivesTheSameOrder() {
    // The engine passes the range it already knows ([0, 1] after mapping, or wider for one
    // process's share): only the bucket sizes change, not the result.
    for (Shape shape : {Shape::Uniform, Shape::FewValues}) {
      const auto [X, Y] = data(200000, 2, shape, 11);
      const double lo = X.minCoeff(), scale = 1.0 / (X.maxCoeff() - lo);
      const Samples1D scanned = Samples1D::sorted(X, Y, lo, scale);
      for (auto range : {std::pair{0.0, 1.0}, std::pair{-0.5, 3.0}}) {
        const Samples1D known = Samples1D::sorted(X, Y, lo, scale, range);
        QVERIFY(known.x == scanned.x);
        QVERIFY(known.y == scanned.y);
      }
    }
  }

  void sortByKeyIsStableOnARange() {
    // Keys with many ties: rows (their original positions) must stay increasing within a tie.
    std::vector<double> x = {3, 1, 2, 1, 3, 2, 1, 0, 3, 2, 1, 0};
    std::vector<double> y(x.size());
    std::iota(y.begin(), y.end(), 0.0);
    for (int copies = 0; copies < 6; ++copies) {  // > 32 keys: the bucketing path
      const size_t m = x.size();
      for (size_t i = 0; i < m; ++i) {
        x.push_back(x[i]);
        y.push_back(double(x.size() - 1));
      }
    }
    KeySortScratch scratch;
    sortByKey(x.data(), y.data(), long(x.size()), 1, scratch);
    for (size_t i = 1; i < x.size(); ++i) {
      QVERIFY(x[i - 1] <= x[i]);
      if (x[i - 1] == x[i]) QVERIFY(y[i - 1] < y[i]);
    }
  }
};

QTEST_APPLESS_MAIN(TestKeySort)
#include "test_key_sort.moc"
