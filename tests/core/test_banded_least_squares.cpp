// The banded SPD solver, the 1D least-squares fit (against exact answers and a dense Eigen
// solve), the interval moments, and the coarsening primitives (equal-frequency nodes, matching).
#include <QtTest>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include "1d/banded_spd.h"
#include "1d/basis1d.h"
#include "1d/coarsen1d.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"
#include "1d/moments1d.h"
#include "1d/samples1d.h"
#include "engine/hard_samples.h"
#include "test_util.h"

using lreg::Mesh1D;
using lreg::RowMatrix;
using lreg::Vector;
using lreg::detail::BandedSpd;
using lreg::detail::Samples1D;
using testutil::errorMessage;

namespace {

using DenseMatrix = Eigen::MatrixXd;

double relativeError(const RowMatrix& got, const RowMatrix& expected) {
  return (got - expected).norm() / std::max(expected.norm(), 1e-300);
}

/// D strictly increasing nodes on [lo, hi] with uneven gaps.
std::vector<double> randomNodes(lreg::Random& rng, int D, double lo = 0.0, double hi = 1.0) {
  std::vector<double> p(D);
  double acc = 0;
  std::vector<double> cum(D, 0.0);
  for (int j = 1; j < D; ++j) cum[j] = acc += 0.05 + rng.uniform();
  for (int j = 0; j < D; ++j) p[j] = lo + (hi - lo) * cum[j] / acc;
  p[D - 1] = hi;
  return p;
}

/// A random SPD matrix with `b` sub-diagonals: R^T R + shift I with R upper banded.
DenseMatrix randomBandedSpd(lreg::Random& rng, int n, int b, double shift) {
  DenseMatrix R = DenseMatrix::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i; j <= std::min(n - 1, i + b); ++j)
      R(i, j) = j == i ? 1.0 + rng.uniform() : rng.uniform(-1, 1);
  return R.transpose() * R + shift * DenseMatrix::Identity(n, n);
}

BandedSpd toBanded(const DenseMatrix& A, int b) {
  BandedSpd S(int(A.rows()), b);
  for (int i = 0; i < A.rows(); ++i)
    for (int j = std::max(0, i - b); j <= i; ++j) S.add(i, j, A(i, j));
  return S;
}

RowMatrix randomMatrix(lreg::Random& rng, Eigen::Index rows, Eigen::Index cols) {
  RowMatrix M(rows, cols);
  for (Eigen::Index i = 0; i < M.size(); ++i) M.data()[i] = rng.uniform(-1, 1);
  return M;
}

/// Sorted samples at random x in [xlo, xhi] with targets y = f(x) given per row.
struct Fixture {
  Samples1D samples;
  std::vector<long> start;
};

Fixture samplesOn(const Mesh1D& mesh, const RowMatrix& U, const RowMatrix& Y) {
  Fixture f;
  f.samples = Samples1D::sorted(U, Y);
  f.start = f.samples.intervalStarts(mesh);
  return f;
}

/// The hat matrix Phi (#N by D) from Eq. A7, densely.
DenseMatrix hatMatrix(const Mesh1D& mesh, const std::vector<double>& x) {
  DenseMatrix Phi(Eigen::Index(x.size()), mesh.size());
  for (size_t n = 0; n < x.size(); ++n)
    for (int i = 0; i < mesh.size(); ++i)
      Phi(Eigen::Index(n), i) = lreg::detail::hatFunction(mesh, i, x[n]);
  return Phi;
}

/// argmin |Phi c - Y|^2 + weight |S c|^2 with S the (-1/2, 1, -1/2) second differences,
/// by a dense QR of the stacked system.
RowMatrix denseLeastSquares(const DenseMatrix& Phi, const RowMatrix& Y, double weight) {
  const Eigen::Index N = Phi.rows(), D = Phi.cols();
  const Eigen::Index rows = weight > 0 ? N + std::max<Eigen::Index>(D - 2, 0) : N;
  DenseMatrix A = DenseMatrix::Zero(rows, D);
  DenseMatrix B = DenseMatrix::Zero(rows, Y.cols());
  A.topRows(N) = Phi;
  B.topRows(N) = Y;
  if (weight > 0)
    for (Eigen::Index i = 1; i + 1 < D; ++i) {
      const double s = std::sqrt(weight);
      A(N + i - 1, i - 1) = -0.5 * s;
      A(N + i - 1, i) = s;
      A(N + i - 1, i + 1) = -0.5 * s;
    }
  return A.colPivHouseholderQr().solve(B);
}

RowMatrix column(const std::vector<double>& xs) {
  RowMatrix U(Eigen::Index(xs.size()), 1);
  for (size_t i = 0; i < xs.size(); ++i) U(Eigen::Index(i), 0) = xs[i];
  return U;
}

/// A checked description of why p is not a valid coarse mesh, or "" when it is.
QString coarseMeshProblem(const std::vector<double>& p, int D, double lo, double hi,
                          double minWidth) {
  if (int(p.size()) != D) return QString("size %1, expected %2").arg(p.size()).arg(D);
  if (p.front() != lo || p.back() != hi) return "end nodes moved";
  for (size_t i = 0; i < p.size(); ++i)
    if (!std::isfinite(p[i])) return QString("node %1 not finite").arg(i);
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    if (!(p[i + 1] > p[i]))
      return QString("nodes %1 and %2 not increasing (%3, %4)")
          .arg(i)
          .arg(i + 1)
          .arg(testutil::describe(p[i]), testutil::describe(p[i + 1]));
    if (p[i + 1] - p[i] < minWidth)
      return QString("interval %1 has width %2 < minWidth %3")
          .arg(i)
          .arg(testutil::describe(p[i + 1] - p[i]), testutil::describe(minWidth));
  }
  return {};
}

/// A mass vector of one of several awkward kinds.
Vector awkwardMass(lreg::Random& rng, int M, int kind) {
  Vector m = Vector::Zero(M);
  switch (kind) {
    case 0:  // plain random
      for (int j = 0; j < M; ++j) m(j) = rng.uniform();
      break;
    case 1:  // all zero
      break;
    case 2:  // magnitudes spread over 1e-300 .. 1e300
      for (int j = 0; j < M; ++j) m(j) = std::pow(10.0, rng.uniform(-300, 300));
      break;
    case 3:  // a single spike
      m(Eigen::Index(rng.below(M))) = rng.uniform(0.1, 10);
      break;
    case 4:  // ties: all equal
      m.setConstant(rng.uniform() < 0.5 ? 1.0 : 1e300);
      break;
    case 5:  // sparse, with ties between the non-zero ones
      for (int j = 0; j < M; ++j) m(j) = rng.below(4) == 0 ? 2.0 : 0.0;
      break;
    case 6:  // one huge spike among tiny masses
      for (int j = 0; j < M; ++j) m(j) = 1e-300;
      m(Eigen::Index(rng.below(M))) = 1e300;
      break;
    default:  // denormals
      for (int j = 0; j < M; ++j)
        m(j) = rng.below(2) ? std::numeric_limits<double>::denorm_min() * double(rng.below(5)) : 0;
      break;
  }
  return m;
}

/// 5000 random fine meshes, node budgets, minimum widths and awkward mass vectors through
/// equalFrequencyNodes. Returns "" when every result is valid, else a count and the first case.
QString coarseningTrials(bool strictWidths) {
  lreg::Random rng(2024);
  int failures = 0;
  QString first;
  for (int trial = 0; trial < 5000; ++trial) {
    const int M = 1 + int(rng.below(200));  // fine intervals
    const double lo = rng.uniform(-10, 10), length = std::pow(10.0, rng.uniform(-3, 3));
    std::vector<double> fineNodes = randomNodes(rng, M + 1, lo, lo + length);
    if (rng.below(4) == 0 && M > 2) {  // a near-tie: one almost empty interval
      const int j = 1 + int(rng.below(M - 2));
      fineNodes[j + 1] = std::nextafter(fineNodes[j], HUGE_VAL) + length * 1e-12;
      if (!(fineNodes[j + 1] < fineNodes[j + 2])) continue;
    }
    const Mesh1D fine(fineNodes);
    const int D = 2 + int(rng.below(300));
    double minWidth;
    switch (rng.below(3)) {
      case 0:
        minWidth = length * 1e-7;
        break;  // the default
      case 1:
        minWidth = length / (D - 1) * rng.uniform(0.5, 0.999);
        break;  // nearly tight
      default:
        minWidth = length / (D - 1) * std::pow(10.0, rng.uniform(-9, 0)) * 0.999;
    }
    const int kind = int(rng.below(8));
    const Vector mass = awkwardMass(rng, M, kind);
    std::vector<double> p;
    const QString error =
        errorMessage([&] { p = lreg::detail::equalFrequencyNodes(fine, mass, D, minWidth); });
    QString problem;
    if (error != "<nothing thrown>") {
      problem = "threw: " + error;
    } else if (strictWidths) {
      problem = coarseMeshProblem(p, D, fine.node(0), fine.node(M), minWidth);
      if (problem.isEmpty() && !Mesh1D(p).isValid(minWidth)) problem = "isValid(minWidth) false";
    } else {
      const double slack = 4 * std::numeric_limits<double>::epsilon() *
                           std::max(std::abs(lo), std::abs(lo + length));
      problem = coarseMeshProblem(p, D, fine.node(0), fine.node(M), minWidth - slack);
      if (problem.isEmpty() && !Mesh1D(p).isValid()) problem = "Mesh1D rejects the nodes";
    }
    if (!problem.isEmpty() && failures++ == 0)
      first = QString("trial %1 (M=%2 D=%3 mass kind %4 minWidth %5 length %6): %7")
                  .arg(trial)
                  .arg(M)
                  .arg(D)
                  .arg(kind)
                  .arg(testutil::describe(minWidth), testutil::describe(length), problem);
  }
  return failures ? QString("%1 of 5000 trials failed; first: %2").arg(failures).arg(first)
                  : QString();
}

}  // namespace

Q_DECLARE_METATYPE(Eigen::MatrixXd)

class TestBandedLeastSquares : public QObject {
  Q_OBJECT

 private slots:
  // BandedSpd
  void bandedStorageIsSymmetric();
  void bandedSolveMatchesDenseLdlt_data();
  void bandedSolveMatchesDenseLdlt();
  void bandedSolveRejectsIndefinite_data();
  void bandedSolveRejectsIndefinite();

  // Samples1D / Moments1D
  void intervalStartsPutNodeSamplesRight();
  void momentsResidualEnergyEqualsDirect_data();
  void momentsResidualEnergyEqualsDirect();
  void momentsResidualEnergyNearAFit();

  // Least squares
  void fitRecoversPiecewiseLinearExactly_data();
  void fitRecoversPiecewiseLinearExactly();
  void fitWithEmptyIntervalsIsFinite();
  void fitWithEmptyIntervalsFollowsTheChord();
  void fitWithDataInOneIntervalExtrapolatesTheLine();
  void fitWithAllDataAtOnePointIsFinite();
  void fitEqualsDenseLeastSquares_data();
  void fitEqualsDenseLeastSquares();
  void hardSampleLossMatchesEvaluate();
  void hardSampleCountsFindTheBadInterval();

  // Coarsening
  void equalFrequencyOfUniformMass();
  void equalFrequencyAtQuantilesOfOneInterval();
  void equalFrequencyOfZeroMassIsUniform();
  void equalFrequencyEnforcesMinimumWidth();
  void equalFrequencyRejectsImpossibleRequests();
  void equalFrequencyAlwaysGivesAValidMesh();
  void equalFrequencyWidthsAreAtLeastMinWidthExactly();
  void equalFrequencyBelowRoundingStaysIncreasing();
  void unmatchedIdentityIsEmpty();
  void unmatchedFindsRemovedSubset();
  void unmatchedMovesNodesLeast();
  void unmatchedCountsAndOrder();
};

// ---------------------------------------------------------------------------------------------
// BandedSpd

void TestBandedLeastSquares::bandedStorageIsSymmetric() {
  BandedSpd A(5, 2);
  QCOMPARE(A.size(), 5);
  A.add(3, 1, 0.5);
  A.add(1, 3, 0.25);  // the same entry, from the other side
  A.add(2, 2, 4.0);
  A.add(2, 2, 1.0);
  QCOMPARE(A.get(3, 1), 0.75);
  QCOMPARE(A.get(1, 3), 0.75);
  QCOMPARE(A.get(2, 2), 5.0);
  QCOMPARE(A.get(4, 0), 0.0);  // outside the band
  QCOMPARE(A.get(0, 4), 0.0);
  QCOMPARE(A.get(4, 4), 0.0);
}

void TestBandedLeastSquares::bandedSolveMatchesDenseLdlt_data() {
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("bandwidth");
  QTest::addColumn<double>("shift");
  for (int b = 1; b <= 4; ++b)
    for (int n : {1, 2, 3, 7, 60, 300})
      for (double shift : {1e-3, 1.0})
        QTest::newRow(qPrintable(QString("n=%1 b=%2 shift=%3").arg(n).arg(b).arg(shift)))
            << n << b << shift;
}

void TestBandedLeastSquares::bandedSolveMatchesDenseLdlt() {
  QFETCH(int, n);
  QFETCH(int, bandwidth);
  QFETCH(double, shift);
  lreg::Random rng(std::uint64_t(1000 * n + 10 * bandwidth) + (shift < 0.5));
  const DenseMatrix A = randomBandedSpd(rng, n, bandwidth, shift);
  const BandedSpd S = toBanded(A, bandwidth);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) QCOMPARE(S.get(i, j), std::abs(i - j) <= bandwidth ? A(i, j) : 0.0);

  for (int cols : {1, 3}) {
    const RowMatrix B = randomMatrix(rng, n, cols);
    RowMatrix X = B;
    S.solve(X);
    const RowMatrix expected = A.ldlt().solve(DenseMatrix(B));
    const double err = relativeError(X, expected);
    QVERIFY2(err <= 1e-10, qPrintable(QString("relative error %1").arg(err)));
    // And it really solves the system.
    QVERIFY(relativeError(A * DenseMatrix(X), B) <= 1e-10);
  }
}

void TestBandedLeastSquares::bandedSolveRejectsIndefinite_data() {
  QTest::addColumn<DenseMatrix>("A");
  QTest::addColumn<int>("bandwidth");
  DenseMatrix indefinite(2, 2);
  indefinite << 1, 2, 2, 1;
  DenseMatrix negative(3, 3);
  negative << -1, 0, 0, 0, 2, 0, 0, 0, 3;
  DenseMatrix singular(2, 2);
  singular << 1, 1, 1, 1;
  DenseMatrix laterPivot(4, 4);  // leading 2x2 is fine, the 3x3 minor is negative
  laterPivot << 4, 1, 0, 0, 1, 4, 5, 0, 0, 5, 1, 1, 0, 0, 1, 3;
  QTest::newRow("indefinite 2x2") << indefinite << 1;
  QTest::newRow("negative diagonal") << negative << 1;
  QTest::newRow("singular") << singular << 1;
  QTest::newRow("zero") << DenseMatrix(DenseMatrix::Zero(3, 3)) << 2;
  QTest::newRow("third pivot negative") << laterPivot << 1;
}

void TestBandedLeastSquares::bandedSolveRejectsIndefinite() {
  QFETCH(DenseMatrix, A);
  QFETCH(int, bandwidth);
  const BandedSpd S = toBanded(A, bandwidth);
  RowMatrix B = RowMatrix::Ones(A.rows(), 1);
  const QString msg = errorMessage([&] { S.solve(B); });
  QVERIFY2(msg.contains("not positive definite"), qPrintable(msg));
}

// ---------------------------------------------------------------------------------------------
// Samples1D / Moments1D

void TestBandedLeastSquares::intervalStartsPutNodeSamplesRight() {
  const Mesh1D mesh({0.0, 0.25, 0.5, 1.0});
  const RowMatrix U = column({0.5, -0.1, 0.25, 0.3, 1.2, 0.0, 1.0, 0.2, 0.25});
  const RowMatrix Y = U * 2;
  const Samples1D s = Samples1D::sorted(U, Y);
  QCOMPARE(std::vector<double>(s.x.begin(), s.x.end()),
           (std::vector<double>{-0.1, 0.0, 0.2, 0.25, 0.25, 0.3, 0.5, 1.0, 1.2}));
  for (long n = 0; n < s.size(); ++n) QCOMPARE(s.y(n, 0), 2 * s.x[size_t(n)]);
  // Interval 0: -0.1, 0, 0.2; interval 1: 0.25, 0.25, 0.3; interval 2: 0.5, 1.0, 1.2.
  QCOMPARE(s.intervalStarts(mesh), (std::vector<long>{0, 3, 6, 9}));
}

void TestBandedLeastSquares::momentsResidualEnergyEqualsDirect_data() {
  QTest::addColumn<int>("outputs");
  QTest::addColumn<int>("D");
  QTest::newRow("C=1 D=2") << 1 << 2;
  QTest::newRow("C=1 D=40") << 1 << 40;
  QTest::newRow("C=2 D=9") << 2 << 9;
  QTest::newRow("C=3 D=100") << 3 << 100;
}

void TestBandedLeastSquares::momentsResidualEnergyEqualsDirect() {
  QFETCH(int, outputs);
  QFETCH(int, D);
  lreg::Random rng(std::uint64_t(D * 10 + outputs));
  const Mesh1D mesh(randomNodes(rng, D));
  std::vector<double> xs;
  for (int n = 0; n < 3000; ++n) xs.push_back(rng.uniform(-0.1, 1.1));  // some outside
  const RowMatrix Y = randomMatrix(rng, 3000, outputs) * 3;
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = randomMatrix(rng, D, outputs);

  const auto moments = lreg::detail::Moments1D::compute(mesh, f.samples, f.start);
  QCOMPARE(moments.count.sum(), 3000.0);
  const Vector fast = moments.residualEnergy(c);
  const Vector direct = lreg::detail::residualEnergy1D(mesh, c, f.samples, f.start);
  QCOMPARE(fast.size(), Eigen::Index(D - 1));
  QCOMPARE(direct.size(), Eigen::Index(D - 1));
  for (int j = 0; j < D - 1; ++j) {
    QVERIFY2(std::abs(fast(j) - direct(j)) <= 1e-9 * std::max(direct(j), 1e-300),
             qPrintable(QString("interval %1: moments %2, direct %3")
                            .arg(j)
                            .arg(testutil::describe(fast(j)), testutil::describe(direct(j)))));
    QCOMPARE(moments.residualEnergy(j, c), fast(j));
  }
}

void TestBandedLeastSquares::momentsResidualEnergyNearAFit() {
  // Near a good fit the expanded form cancels; it must stay >= 0 and close to the direct sum
  // relative to the interval's signal energy.
  lreg::Random rng(99);
  const Mesh1D mesh(randomNodes(rng, 20));
  std::vector<double> xs;
  for (int n = 0; n < 4000; ++n) xs.push_back(rng.uniform());
  RowMatrix Y(4000, 1);
  for (int n = 0; n < 4000; ++n) Y(n, 0) = std::sin(6 * xs[size_t(n)]) + 1e-3 * rng.normal();
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start);
  const auto moments = lreg::detail::Moments1D::compute(mesh, f.samples, f.start);
  const Vector fast = moments.residualEnergy(c);
  const Vector direct = lreg::detail::residualEnergy1D(mesh, c, f.samples, f.start);
  for (int j = 0; j < mesh.intervals(); ++j) {
    QVERIFY(fast(j) >= 0);
    QVERIFY(std::abs(fast(j) - direct(j)) <= 1e-9 * moments.yy(j));
  }
}

// ---------------------------------------------------------------------------------------------
// Least squares

void TestBandedLeastSquares::fitRecoversPiecewiseLinearExactly_data() {
  QTest::addColumn<int>("outputs");
  QTest::newRow("C = 1") << 1;
  QTest::newRow("C = 2") << 2;
}

void TestBandedLeastSquares::fitRecoversPiecewiseLinearExactly() {
  QFETCH(int, outputs);
  lreg::Random rng(5 + outputs);
  // Breakpoints with a very narrow interval among wide ones.
  const Mesh1D mesh({0.0, 0.13, 0.4, 0.41, 0.77, 0.9, 1.0});
  const RowMatrix truth = randomMatrix(rng, mesh.size(), outputs) * 4;
  std::vector<double> xs;
  for (int n = 0; n < 5000; ++n) xs.push_back(rng.uniform());
  const RowMatrix Y = lreg::detail::evaluate1D(mesh, truth, column(xs));
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start);
  QCOMPARE(c.rows(), Eigen::Index(mesh.size()));
  QCOMPARE(c.cols(), Eigen::Index(outputs));
  const double err = (c - truth).cwiseAbs().maxCoeff();
  QVERIFY2(err <= 1e-10, qPrintable(QString("max coefficient error %1").arg(err)));
}

void TestBandedLeastSquares::fitWithEmptyIntervalsIsFinite() {
  // Data only in [0, 0.2) and [0.5, 1]: nodes 3 (0.3) and 4 (0.4) see no sample at all.
  const Mesh1D mesh({0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0});
  lreg::Random rng(21);
  std::vector<double> xs;
  for (int n = 0; n < 2000; ++n)
    xs.push_back(n % 2 ? rng.uniform(0.0, 0.2) : rng.uniform(0.5, 1.0));
  RowMatrix Y(2000, 2);
  for (int n = 0; n < 2000; ++n)
    Y.row(n) << std::cos(3 * xs[size_t(n)]) + 0.1 * rng.normal(), 5 * xs[size_t(n)] * xs[size_t(n)];
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start);
  QVERIFY(c.allFinite());
  QVERIFY2(c.cwiseAbs().maxCoeff() <= 10.0,
           qPrintable(testutil::describe(c.cwiseAbs().maxCoeff())));
}

void TestBandedLeastSquares::fitWithEmptyIntervalsFollowsTheChord() {
  // The same gap, with data from lines (coefficients c_i = 1 + 5 p_i and -2 + 2.5 p_i on an
  // unevenly spaced mesh): each data-free node lies exactly on the chord of its neighbours, and
  // so the fit returns the lines.
  const Mesh1D mesh({0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0});
  RowMatrix truth(7, 2);
  for (int i = 0; i < 7; ++i) truth.row(i) << 1 + 5 * mesh.node(i), -2.0 + 2.5 * mesh.node(i);
  lreg::Random rng(23);
  std::vector<double> xs;
  for (int n = 0; n < 2000; ++n)
    xs.push_back(n % 2 ? rng.uniform(0.0, 0.2) : rng.uniform(0.5, 1.0));
  const RowMatrix Y = lreg::detail::evaluate1D(mesh, truth, column(xs));
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start);
  QVERIFY(c.allFinite());
  for (int k = 0; k < 2; ++k)
    for (int i : {3, 4}) {
      const double hl = mesh.width(i - 1), hr = mesh.width(i);
      const double gap = c(i, k) - (hr * c(i - 1, k) + hl * c(i + 1, k)) / (hl + hr);
      QVERIFY2(std::abs(gap) <= 1e-7,
               qPrintable(QString("node %1 output %2 off the chord by %3").arg(i).arg(k).arg(gap)));
    }
  QVERIFY((c - truth).cwiseAbs().maxCoeff() <= 1e-7);
}

void TestBandedLeastSquares::fitWithDataInOneIntervalExtrapolatesTheLine() {
  // Samples of y = 1 + 2x only in [0, 0.2] on an unevenly spaced 6-node mesh: the fit is exact
  // there and the data-free nodes continue the line (each on the chord of its neighbours).
  const Mesh1D mesh({0.0, 0.2, 0.3, 0.6, 0.65, 1.0});
  lreg::Random rng(22);
  std::vector<double> xs;
  for (int n = 0; n < 500; ++n) xs.push_back(rng.uniform(0.0, 0.2));
  RowMatrix Y(500, 1);
  for (int n = 0; n < 500; ++n) Y(n, 0) = 1 + 2 * xs[size_t(n)];
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start);
  QVERIFY(c.allFinite());
  QVERIFY(std::abs(c(0, 0) - 1.0) <= 1e-6);
  QVERIFY(std::abs(c(1, 0) - 1.4) <= 1e-6);
  for (int i = 0; i < mesh.size(); ++i)
    QVERIFY2(
        std::abs(c(i, 0) - (1 + 2 * mesh.node(i))) <= 1e-5,
        qPrintable(
            QString("node %1 off the line by %2").arg(i).arg(c(i, 0) - (1 + 2 * mesh.node(i)))));
}

void TestBandedLeastSquares::fitWithAllDataAtOnePointIsFinite() {
  // E.g. a constant input column: every sample at the same place. Whatever the coefficients,
  // they must be finite and the fit must reproduce the mean target at that place.
  const Mesh1D mesh = Mesh1D::uniform(5);
  RowMatrix U = RowMatrix::Constant(50, 1, 0.3);
  RowMatrix Y(50, 1);
  for (int n = 0; n < 50; ++n) Y(n, 0) = 2.0 + (n % 2 ? 0.1 : -0.1);
  const Fixture f = samplesOn(mesh, U, Y);
  RowMatrix c;
  const QString msg =
      errorMessage([&] { c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start); });
  QVERIFY2(msg == "<nothing thrown>", qPrintable(msg));
  QVERIFY2(c.allFinite(), qPrintable(QString("max |c| = %1").arg(c.cwiseAbs().maxCoeff())));
  const RowMatrix at = lreg::detail::evaluate1D(mesh, c, RowMatrix::Constant(1, 1, 0.3));
  QVERIFY2(std::abs(at(0, 0) - 2.0) <= 1e-6, qPrintable(testutil::describe(at(0, 0))));
}

void TestBandedLeastSquares::fitEqualsDenseLeastSquares_data() {
  QTest::addColumn<int>("seed");
  QTest::addColumn<int>("D");
  QTest::addColumn<int>("outputs");
  QTest::addColumn<double>("smoothing");
  QTest::newRow("D=12 C=1") << 1 << 12 << 1 << 0.0;
  QTest::newRow("D=30 C=2") << 2 << 30 << 2 << 0.0;
  QTest::newRow("D=2 C=1") << 3 << 2 << 1 << 0.0;
  QTest::newRow("D=20 C=2 smoothing 1e-3") << 4 << 20 << 2 << 1e-3;
  QTest::newRow("D=25 C=1 smoothing 0.1") << 5 << 25 << 1 << 0.1;
}

void TestBandedLeastSquares::fitEqualsDenseLeastSquares() {
  QFETCH(int, seed);
  QFETCH(int, D);
  QFETCH(int, outputs);
  QFETCH(double, smoothing);
  lreg::Random rng{std::uint64_t(seed)};
  const Mesh1D mesh(randomNodes(rng, D));
  const int N = 400;
  std::vector<double> xs;
  for (int n = 0; n < N; ++n) xs.push_back(rng.uniform());
  const RowMatrix Y = randomMatrix(rng, N, outputs);
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const RowMatrix c = lreg::detail::fitLeastSquares1D(mesh, f.samples, f.start, smoothing);
  const RowMatrix expected = denseLeastSquares(hatMatrix(mesh, xs), Y, smoothing * N);
  // The solver always adds a stabilising penalty of 1e-9 of the mean diagonal (see
  // least_squares1d.cpp), which moves the answer by a few 1e-9 relative: allow for it here;
  // fitRecoversPiecewiseLinearExactly holds the fit to 1e-10.
  const double err = relativeError(c, expected);
  QVERIFY2(err <= 1e-7, qPrintable(QString("relative difference %1").arg(err)));
}

// The hard-sample loss (hat.h, the math the CUDA kernel shares) is the squared distance of the
// evaluated model from the targets, summed over outputs.
void TestBandedLeastSquares::hardSampleLossMatchesEvaluate() {
  lreg::Random rng(31);
  const Mesh1D mesh(randomNodes(rng, 15));
  std::vector<double> xs;
  for (int n = 0; n < 1000; ++n) xs.push_back(rng.uniform(-0.2, 1.2));
  const RowMatrix Y = randomMatrix(rng, 1000, 2);
  const RowMatrix c = randomMatrix(rng, 15, 2);
  const RowMatrix P = lreg::detail::evaluate1D(mesh, c, column(xs));
  for (int n = 0; n < 1000; ++n) {
    const int j = mesh.locate(xs[n]);
    const double t = lreg::detail::hatPosition(xs[n], mesh.node(j), 1.0 / mesh.width(j));
    const double loss = lreg::detail::hatSquaredResidual(t, c.row(j).data(), c.row(j + 1).data(),
                                                         Y.row(n).data(), 2);
    QVERIFY(std::abs(loss - (P.row(n) - Y.row(n)).squaredNorm()) <= 1e-12 * (1 + loss));
  }
}

// The paper's indicator: with one interval's samples off by 1 and the rest fitted exactly, the
// top 5 of every shuffled batch of 100 come from that interval (it holds a tenth of the data).
void TestBandedLeastSquares::hardSampleCountsFindTheBadInterval() {
  const Mesh1D mesh = Mesh1D::uniform(11);
  std::vector<double> xs;
  for (int n = 0; n < 1000; ++n) xs.push_back((n + 0.5) / 1000);
  RowMatrix Y = RowMatrix::Zero(1000, 1);
  for (int n = 500; n < 600; ++n) Y(n, 0) = 1;  // interval 5 is [0.5, 0.6)
  const Fixture f = samplesOn(mesh, column(xs), Y);
  const std::vector<int> cell = lreg::detail::Samples1D::intervalOfEach(f.start);
  QCOMPARE(cell[550], 5);
  std::vector<long> order(1000);
  std::iota(order.begin(), order.end(), 0L);
  lreg::Random(7).shuffle(order);
  const Vector counts = lreg::detail::hardSampleCounts1D(mesh, RowMatrix::Zero(11, 1), f.samples,
                                                         cell, order, 100, 5);
  QCOMPARE(counts.sum(), 50.0);  // 5 per batch of 100
  QVERIFY2(counts(5) >= 45, qPrintable(QString::number(counts(5))));
}

// ---------------------------------------------------------------------------------------------
// Coarsening

void TestBandedLeastSquares::equalFrequencyOfUniformMass() {
  const Mesh1D fine = Mesh1D::uniform(11);
  const std::vector<double> p = lreg::detail::equalFrequencyNodes(fine, Vector::Ones(10), 5, 1e-7);
  const std::vector<double> expected{0.0, 0.25, 0.5, 0.75, 1.0};
  QCOMPARE(p.size(), expected.size());
  for (size_t i = 0; i < p.size(); ++i) QVERIFY(std::abs(p[i] - expected[i]) <= 1e-12);
  QCOMPARE(p.front(), 0.0);
  QCOMPARE(p.back(), 1.0);
}

void TestBandedLeastSquares::equalFrequencyAtQuantilesOfOneInterval() {
  // All the mass in [0.4, 0.6]: the interior nodes split that interval evenly.
  const Mesh1D fine({0.0, 0.2, 0.4, 0.6, 0.8, 1.0});
  Vector mass = Vector::Zero(5);
  mass(2) = 3.0;
  const std::vector<double> p = lreg::detail::equalFrequencyNodes(fine, mass, 5, 1e-9);
  const std::vector<double> expected{0.0, 0.45, 0.5, 0.55, 1.0};
  for (size_t i = 0; i < p.size(); ++i)
    QVERIFY2(std::abs(p[i] - expected[i]) <= 1e-12, qPrintable(testutil::describe(p[i])));

  // Two thirds of the mass in [0, 0.5], one third in [0.5, 1]: quantiles 1/3, 2/3 at 0.25, 0.5.
  const Mesh1D halves({0.0, 0.5, 1.0});
  Vector m2(2);
  m2 << 2.0, 1.0;
  const std::vector<double> q = lreg::detail::equalFrequencyNodes(halves, m2, 4, 1e-9);
  QVERIFY(std::abs(q[1] - 0.25) <= 1e-12);
  QVERIFY(std::abs(q[2] - 0.5) <= 1e-12);
}

void TestBandedLeastSquares::equalFrequencyOfZeroMassIsUniform() {
  const Mesh1D fine({-1.0, -0.9, 0.3, 1.0});
  const std::vector<double> p = lreg::detail::equalFrequencyNodes(fine, Vector::Zero(3), 5, 1e-6);
  const std::vector<double> expected{-1.0, -0.5, 0.0, 0.5, 1.0};
  for (size_t i = 0; i < p.size(); ++i) QVERIFY(std::abs(p[i] - expected[i]) <= 1e-12);
}

void TestBandedLeastSquares::equalFrequencyEnforcesMinimumWidth() {
  // A spike in a tiny interval would stack all nodes there; the minimum width spreads them.
  const Mesh1D fine({0.0, 0.5, 0.5 + 1e-6, 1.0});
  Vector mass(3);
  mass << 0.0, 1.0, 0.0;
  const double minWidth = 0.1;
  const std::vector<double> p = lreg::detail::equalFrequencyNodes(fine, mass, 6, minWidth);
  QCOMPARE(coarseMeshProblem(p, 6, 0.0, 1.0, minWidth), QString());
  // The spike stays covered: some node lies within one minimum width of it.
  QVERIFY(std::any_of(p.begin(), p.end(), [](double x) { return std::abs(x - 0.5) <= 0.1; }));
}

void TestBandedLeastSquares::equalFrequencyRejectsImpossibleRequests() {
  const Mesh1D fine = Mesh1D::uniform(5);
  QVERIFY(errorMessage([&] {
            lreg::detail::equalFrequencyNodes(fine, Vector::Ones(4), 1, 0.0);
          }).contains("D >= 2"));
  QVERIFY(errorMessage([&] {
            lreg::detail::equalFrequencyNodes(fine, Vector::Ones(4), 11, 0.1);
          }).contains("minimum width"));
}

void TestBandedLeastSquares::equalFrequencyAlwaysGivesAValidMesh() {
  // Strictly increasing, finite, ends kept, and widths >= minWidth up to the rounding of
  // "previous node + minWidth" (a few ulps of the node coordinates).
  const QString failure = coarseningTrials(/*strictWidths=*/false);
  QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestBandedLeastSquares::equalFrequencyWidthsAreAtLeastMinWidthExactly() {
  // The invariant as Mesh1D::validate(minWidth) checks it: no width below minWidth at all.
  const QString failure = coarseningTrials(/*strictWidths=*/true);
  QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestBandedLeastSquares::equalFrequencyBelowRoundingStaysIncreasing() {
  // All mass in a one-ulp interval at 0.5 and a minimum width below the spacing of doubles
  // there: (D-1) * minWidth < 1 as required, yet the nodes must still be strictly increasing.
  const Mesh1D fine({0.0, 0.5, std::nextafter(0.5, 1.0), 1.0});
  Vector mass(3);
  mass << 0.0, 1.0, 0.0;
  const std::vector<double> p = lreg::detail::equalFrequencyNodes(fine, mass, 5, 1e-17);
  QCOMPARE(coarseMeshProblem(p, 5, 0.0, 1.0, 0.0), QString());
}

void TestBandedLeastSquares::unmatchedIdentityIsEmpty() {
  const std::vector<double> p{0.0, 0.1, 0.35, 0.36, 1.0};
  QVERIFY(lreg::detail::unmatchedNodes(p, p).empty());
  QVERIFY(lreg::detail::unmatchedNodes({0.0, 1.0}, {0.0, 1.0}).empty());
}

void TestBandedLeastSquares::unmatchedFindsRemovedSubset() {
  lreg::Random rng(77);
  for (int trial = 0; trial < 500; ++trial) {
    const int M = 2 + int(rng.below(100));
    const std::vector<double> fine = randomNodes(rng, M);
    std::vector<double> coarse;
    std::vector<int> removed;
    for (int k = 0; k < M; ++k) {
      if (k > 0 && k + 1 < M && rng.below(3) == 0)
        removed.push_back(k);
      else
        coarse.push_back(fine[size_t(k)]);
    }
    QCOMPARE(lreg::detail::unmatchedNodes(fine, coarse), removed);
  }
}

void TestBandedLeastSquares::unmatchedMovesNodesLeast() {
  QCOMPARE(lreg::detail::unmatchedNodes({0.0, 0.1, 0.2, 0.5, 0.9, 1.0}, {0.0, 0.45, 1.0}),
           (std::vector<int>{1, 2, 4}));
  // 0.12 -> 0.1 and 0.28 -> 0.3 (total 0.04) beats any use of 0.2.
  QCOMPARE(lreg::detail::unmatchedNodes({0.0, 0.1, 0.2, 0.3, 1.0}, {0.0, 0.12, 0.28, 1.0}),
           std::vector<int>{2});
  // Monotone: 0.58 and 0.59 both lie nearest to 0.6, but they need two distinct fine nodes in
  // order; (0.5, 0.6) costs 0.09, less than (0.4, 0.6) at 0.19.
  QCOMPARE(lreg::detail::unmatchedNodes({0.0, 0.4, 0.5, 0.6, 1.0}, {0.0, 0.58, 0.59, 1.0}),
           std::vector<int>{1});
  // More coarse nodes than fine ones: nothing to remove.
  QVERIFY(lreg::detail::unmatchedNodes({0.0, 1.0}, {0.0, 0.5, 1.0}).empty());
}

void TestBandedLeastSquares::unmatchedCountsAndOrder() {
  lreg::Random rng(88);
  for (int trial = 0; trial < 2000; ++trial) {
    const int M = 2 + int(rng.below(150));
    const Mesh1D fine(randomNodes(rng, M));
    const int D = 2 + int(rng.below(M - 1));  // 2 .. M
    const Vector mass = awkwardMass(rng, M - 1, int(rng.below(8)));
    const std::vector<double> coarse = lreg::detail::equalFrequencyNodes(fine, mass, D, 1e-7);
    const std::vector<int> removed = lreg::detail::unmatchedNodes(fine.nodes(), coarse);
    QCOMPARE(int(removed.size()), M - D);
    for (size_t i = 0; i < removed.size(); ++i) {
      QVERIFY(removed[i] > 0 && removed[i] < M - 1);  // never an end node
      if (i) QVERIFY(removed[i] > removed[i - 1]);    // sorted, no repeats
    }
  }
}

QTEST_APPLESS_MAIN(TestBandedLeastSquares)
#include "test_banded_least_squares.moc"
