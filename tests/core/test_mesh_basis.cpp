// Mesh1D (validation, point location) and the P1 hat basis (Eq. A7): sparse weights against the
// reference formula, partition of unity, exact linear reproduction, refinement.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include "1d/basis1d.h"
#include "test_util.h"

using lreg::Mesh1D;
using lreg::RowMatrix;
using testutil::errorMessage;

namespace {

/// D strictly increasing nodes on [lo, hi] with random, uneven gaps.
Mesh1D randomMesh(lreg::Random& rng, int D, double lo = 0.0, double hi = 1.0) {
  std::vector<double> gaps(D - 1);
  for (double& g : gaps) g = 0.01 + std::pow(rng.uniform(), 3);
  double total = 0;
  for (double g : gaps) total += g;
  std::vector<double> p(D);
  p[0] = lo;
  double acc = 0;
  for (int j = 0; j + 1 < D; ++j) {
    acc += gaps[j];
    p[j + 1] = lo + (hi - lo) * acc / total;
  }
  p[D - 1] = hi;
  return Mesh1D(p);
}

/// psi_i(x) as the sparse weights say it (0 for hats not touching x).
double psiFromWeights(const Mesh1D& mesh, int i, double x) {
  const lreg::detail::HatWeights w = lreg::detail::hatWeights(mesh, x);
  if (i == w.left) return w.wLeft;
  if (i == w.left + 1) return w.wRight;
  return 0.0;
}

/// The interval holding x by a linear scan (the definition behind locate()).
int locateByScan(const Mesh1D& mesh, double x) {
  int j = 0;
  while (j + 1 < mesh.intervals() && x >= mesh.node(j + 1)) ++j;
  return j;
}

RowMatrix column(const std::vector<double>& xs) {
  RowMatrix U(Eigen::Index(xs.size()), 1);
  for (size_t i = 0; i < xs.size(); ++i) U(Eigen::Index(i), 0) = xs[i];
  return U;
}

}  // namespace

class TestMeshBasis : public QObject {
  Q_OBJECT

 private slots:
  void acceptsAValidMesh();
  void rejectsTooFewNodes();
  void rejectsNonFiniteNodes_data();
  void rejectsNonFiniteNodes();
  void rejectsNonIncreasingNodes_data();
  void rejectsNonIncreasingNodes();
  void validateWithMinimumWidth();
  void uniformMesh();
  void locateKnownPoints_data();
  void locateKnownPoints();
  void locateMatchesLinearScan();

  void hatWeightsAgreeWithEqA7();
  void hatsAreKroneckerDeltaAtNodes();
  void boundaryHatsAreConstantOutside();
  void partitionOfUnity();
  void evaluateReproducesLinearFunctions();
  void evaluateAtNodesGivesCoefficients();
  void interpolateOntoRefinedMeshPreservesTheFunction();
  void interpolateOntoAnyMeshSamplesTheFunction();
};

void TestMeshBasis::acceptsAValidMesh() {
  const Mesh1D m({-1.0, 0.0, 0.5, 2.0});
  QCOMPARE(m.size(), 4);
  QCOMPARE(m.intervals(), 3);
  QCOMPARE(m.node(2), 0.5);
  QCOMPARE(m.width(2), 1.5);
  QCOMPARE(m.smallestWidth(), 0.5);
  QVERIFY(m.isValid());
  QCOMPARE(m.nodes(), (std::vector<double>{-1.0, 0.0, 0.5, 2.0}));
}

void TestMeshBasis::rejectsTooFewNodes() {
  for (const auto& nodes : {std::vector<double>{}, std::vector<double>{0.5}}) {
    const QString msg = errorMessage([&] { Mesh1D m(nodes); });
    QVERIFY2(msg.contains("at least 2 nodes") && msg.contains(QString::number(nodes.size())),
             qPrintable(msg));
  }
  QVERIFY(errorMessage([] { Mesh1D::uniform(1); }).contains("at least 2 nodes"));
  QVERIFY(!Mesh1D().isValid());
}

void TestMeshBasis::rejectsNonFiniteNodes_data() {
  QTest::addColumn<double>("bad");
  QTest::addColumn<int>("index");
  QTest::newRow("NaN in the middle") << std::numeric_limits<double>::quiet_NaN() << 1;
  QTest::newRow("NaN first") << std::numeric_limits<double>::quiet_NaN() << 0;
  QTest::newRow("+inf last") << std::numeric_limits<double>::infinity() << 3;
  QTest::newRow("-inf first") << -std::numeric_limits<double>::infinity() << 0;
}

void TestMeshBasis::rejectsNonFiniteNodes() {
  QFETCH(double, bad);
  QFETCH(int, index);
  std::vector<double> p{0.0, 0.3, 0.6, 1.0};
  p[index] = bad;
  const QString msg = errorMessage([&] { Mesh1D m(p); });
  QVERIFY2(msg.contains(QString("node %1 ").arg(index)) && msg.contains("finite"), qPrintable(msg));
}

void TestMeshBasis::rejectsNonIncreasingNodes_data() {
  QTest::addColumn<std::vector<double>>("nodes");
  QTest::addColumn<QString>("pair");
  QTest::newRow("equal pair") << std::vector<double>{0, 0.5, 0.5, 1} << "nodes 1 and 2";
  QTest::newRow("decreasing") << std::vector<double>{0, 0.6, 0.4, 1} << "nodes 1 and 2";
  QTest::newRow("equal at the start") << std::vector<double>{0, 0, 1} << "nodes 0 and 1";
  QTest::newRow("reversed") << std::vector<double>{1, 0} << "nodes 0 and 1";
  QTest::newRow("last step") << std::vector<double>{0, 0.2, 0.4, 0.9, 0.9} << "nodes 3 and 4";
}

void TestMeshBasis::rejectsNonIncreasingNodes() {
  QFETCH(std::vector<double>, nodes);
  QFETCH(QString, pair);
  const QString msg = errorMessage([&] { Mesh1D m(nodes); });
  QVERIFY2(msg.contains(pair) && msg.contains("increasing"), qPrintable(msg));
}

void TestMeshBasis::validateWithMinimumWidth() {
  const Mesh1D m({0.0, 0.5, 0.625, 1.0});  // widths 0.5, 0.125, 0.375 (exact in binary)
  QVERIFY(m.isValid(0.125));
  QVERIFY(!m.isValid(0.126));
  const QString msg = errorMessage([&] { m.validate(0.2); });
  QVERIFY2(msg.contains("interval 1") && msg.contains("minimum width"), qPrintable(msg));
}

void TestMeshBasis::uniformMesh() {
  const Mesh1D m = Mesh1D::uniform(5, -1.0, 3.0);
  QCOMPARE(m.nodes(), (std::vector<double>{-1.0, 0.0, 1.0, 2.0, 3.0}));
  const Mesh1D u = Mesh1D::uniform(11);
  QCOMPARE(u.node(0), 0.0);
  QCOMPARE(u.node(10), 1.0);
  for (int i = 0; i < 11; ++i) QVERIFY(std::abs(u.node(i) - i / 10.0) <= 1e-15);
  const Mesh1D odd = Mesh1D::uniform(7, 0.1, 0.7);
  QCOMPARE(odd.node(6), 0.7);  // the end is hit exactly
}

void TestMeshBasis::locateKnownPoints_data() {
  QTest::addColumn<double>("x");
  QTest::addColumn<int>("interval");
  const double inf = std::numeric_limits<double>::infinity();
  // Mesh {0, 0.25, 0.5, 1}.
  QTest::newRow("-inf") << -inf << 0;
  QTest::newRow("far left") << -5.0 << 0;
  QTest::newRow("just left") << -1e-300 << 0;
  QTest::newRow("first node") << 0.0 << 0;
  QTest::newRow("inside 0") << 0.1 << 0;
  QTest::newRow("just below node 1") << std::nextafter(0.25, 0.0) << 0;
  QTest::newRow("node 1") << 0.25 << 1;
  QTest::newRow("inside 1") << 0.3 << 1;
  QTest::newRow("node 2") << 0.5 << 2;
  QTest::newRow("inside 2") << 0.9 << 2;
  QTest::newRow("last node") << 1.0 << 2;
  QTest::newRow("just right") << std::nextafter(1.0, 2.0) << 2;
  QTest::newRow("far right") << 1e300 << 2;
  QTest::newRow("+inf") << inf << 2;
}

void TestMeshBasis::locateKnownPoints() {
  QFETCH(double, x);
  QFETCH(int, interval);
  const Mesh1D m({0.0, 0.25, 0.5, 1.0});
  QCOMPARE(m.locate(x), interval);
  QCOMPARE(Mesh1D({0.0, 1.0}).locate(x), 0);  // a single interval holds everything
}

void TestMeshBasis::locateMatchesLinearScan() {
  lreg::Random rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const Mesh1D m = randomMesh(rng, 2 + int(rng.below(60)), -2.0, 3.0);
    for (int n = 0; n < 400; ++n) {
      const double x = rng.uniform(-3.0, 4.0);
      QCOMPARE(m.locate(x), locateByScan(m, x));
    }
    for (int i = 0; i < m.size(); ++i) QCOMPARE(m.locate(m.node(i)), std::min(i, m.size() - 2));
  }
}

void TestMeshBasis::hatWeightsAgreeWithEqA7() {
  lreg::Random rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    const Mesh1D m = randomMesh(rng, 2 + int(rng.below(30)), -1.0, 2.0);
    for (int n = 0; n < 5000; ++n) {
      const double x = rng.uniform(-1.5, 2.5);  // inside and outside the domain
      for (int i = 0; i < m.size(); ++i) {
        const double fromWeights = psiFromWeights(m, i, x);
        const double reference = lreg::detail::hatFunction(m, i, x);
        if (std::abs(fromWeights - reference) > 1e-12)
          QFAIL(qPrintable(QString("psi_%1(%2): weights %3, Eq. A7 %4")
                               .arg(i)
                               .arg(testutil::describe(x), testutil::describe(fromWeights),
                                    testutil::describe(reference))));
      }
    }
  }
}

void TestMeshBasis::hatsAreKroneckerDeltaAtNodes() {
  lreg::Random rng(12);
  for (int trial = 0; trial < 20; ++trial) {
    const Mesh1D m = randomMesh(rng, 2 + int(rng.below(30)));
    for (int k = 0; k < m.size(); ++k)
      for (int i = 0; i < m.size(); ++i) {
        const double delta = i == k ? 1.0 : 0.0;
        QCOMPARE(lreg::detail::hatFunction(m, i, m.node(k)), delta);
        QCOMPARE(psiFromWeights(m, i, m.node(k)), delta);
      }
  }
}

void TestMeshBasis::boundaryHatsAreConstantOutside() {
  const Mesh1D m({0.0, 0.3, 0.7, 1.0});
  for (double x : {-1e9, -2.0, -1e-12}) {
    QCOMPARE(lreg::detail::hatFunction(m, 0, x), 1.0);
    QCOMPARE(psiFromWeights(m, 0, x), 1.0);
    for (int i = 1; i < 4; ++i) {
      QCOMPARE(lreg::detail::hatFunction(m, i, x), 0.0);
      QCOMPARE(psiFromWeights(m, i, x), 0.0);
    }
  }
  for (double x : {1.0 + 1e-12, 3.0, 1e9}) {
    QCOMPARE(lreg::detail::hatFunction(m, 3, x), 1.0);
    QCOMPARE(psiFromWeights(m, 3, x), 1.0);
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(lreg::detail::hatFunction(m, i, x), 0.0);
      QCOMPARE(psiFromWeights(m, i, x), 0.0);
    }
  }
}

void TestMeshBasis::partitionOfUnity() {
  lreg::Random rng(13);
  for (int trial = 0; trial < 20; ++trial) {
    const Mesh1D m = randomMesh(rng, 2 + int(rng.below(40)), 0.5, 0.75);
    for (int n = 0; n < 2000; ++n) {
      const double x = rng.uniform(0.0, 1.0);
      double sum = 0;
      for (int i = 0; i < m.size(); ++i) {
        const double psi = lreg::detail::hatFunction(m, i, x);
        QVERIFY(psi >= 0.0 && psi <= 1.0);
        sum += psi;
      }
      QVERIFY(std::abs(sum - 1.0) <= 1e-14);
      const lreg::detail::HatWeights w = lreg::detail::hatWeights(m, x);
      QVERIFY(w.wLeft >= 0.0 && w.wRight >= 0.0);
      QVERIFY(std::abs(w.wLeft + w.wRight - 1.0) <= 1e-15);
    }
  }
}

void TestMeshBasis::evaluateReproducesLinearFunctions() {
  // f(x) = (3x - 2, -x + 0.5): coefficients f(p_i) reproduce f inside, its end values outside.
  auto f = [](double x, int k) { return k == 0 ? 3 * x - 2 : -x + 0.5; };
  lreg::Random rng(14);
  const Mesh1D m = randomMesh(rng, 17, -1.0, 2.0);
  RowMatrix c(m.size(), 2);
  for (int i = 0; i < m.size(); ++i)
    for (int k = 0; k < 2; ++k) c(i, k) = f(m.node(i), k);
  std::vector<double> xs;
  for (int n = 0; n < 3000; ++n) xs.push_back(rng.uniform(-3.0, 4.0));
  const RowMatrix out = lreg::detail::evaluate1D(m, c, column(xs));
  QCOMPARE(out.rows(), Eigen::Index(xs.size()));
  QCOMPARE(out.cols(), 2);
  for (size_t n = 0; n < xs.size(); ++n) {
    const double inside = std::clamp(xs[n], -1.0, 2.0);
    for (int k = 0; k < 2; ++k)
      QVERIFY2(std::abs(out(Eigen::Index(n), k) - f(inside, k)) <= 1e-12,
               qPrintable(QString("x=%1").arg(xs[n])));
  }
}

void TestMeshBasis::evaluateAtNodesGivesCoefficients() {
  lreg::Random rng(15);
  const Mesh1D m = randomMesh(rng, 9);
  RowMatrix c = RowMatrix::Random(9, 3);
  const RowMatrix out = lreg::detail::evaluate1D(m, c, column(m.nodes()));
  QCOMPARE(out, c);
}

void TestMeshBasis::interpolateOntoRefinedMeshPreservesTheFunction() {
  lreg::Random rng(16);
  for (int trial = 0; trial < 20; ++trial) {
    const Mesh1D coarse = randomMesh(rng, 2 + int(rng.below(25)));
    std::vector<double> refined;
    for (int j = 0; j < coarse.intervals(); ++j) {
      refined.push_back(coarse.node(j));
      refined.push_back(0.5 * (coarse.node(j) + coarse.node(j + 1)));
    }
    refined.push_back(coarse.node(coarse.size() - 1));
    const Mesh1D fine(refined);

    RowMatrix c(coarse.size(), 2);
    for (int i = 0; i < c.rows(); ++i) c.row(i) << rng.uniform(-5, 5), rng.uniform(-1, 1);
    const RowMatrix cf = lreg::detail::interpolate1D(coarse, c, fine);
    QCOMPARE(cf.rows(), Eigen::Index(fine.size()));
    for (int i = 0; i < coarse.size(); ++i) QCOMPARE(RowMatrix(cf.row(2 * i)), RowMatrix(c.row(i)));

    std::vector<double> xs;
    for (int n = 0; n < 1000; ++n) xs.push_back(rng.uniform(-0.2, 1.2));
    const RowMatrix before = lreg::detail::evaluate1D(coarse, c, column(xs));
    const RowMatrix after = lreg::detail::evaluate1D(fine, cf, column(xs));
    QVERIFY2((before - after).cwiseAbs().maxCoeff() <= 1e-12,
             qPrintable(testutil::describe((before - after).cwiseAbs().maxCoeff())));
  }
}

void TestMeshBasis::interpolateOntoAnyMeshSamplesTheFunction() {
  lreg::Random rng(17);
  const Mesh1D from = randomMesh(rng, 8);
  const Mesh1D to = randomMesh(rng, 13, -0.5, 1.5);  // not a refinement, wider domain
  const RowMatrix c = RowMatrix::Random(8, 2);
  const RowMatrix ct = lreg::detail::interpolate1D(from, c, to);
  QCOMPARE(ct, lreg::detail::evaluate1D(from, c, column(to.nodes())));
  QCOMPARE(RowMatrix(ct.row(0)), RowMatrix(c.row(0)));   // clamped at the left
  QCOMPARE(RowMatrix(ct.row(12)), RowMatrix(c.row(7)));  // and at the right
}

QTEST_APPLESS_MAIN(TestMeshBasis)
#include "test_mesh_basis.moc"
