// The 2D/3D loop's fast paths against the plain computations they replace: SimplexLocator's
// table lookup and centre-first candidates against a scan of every simplex (after random node
// moves and data-dependent flips, for points inside, on faces and at nodes), the LDLT that
// keeps its symbolic analysis against a fresh factorisation, and the flips' parallel gains
// against one thread.
#include <QtTest>

#include "../core/test_util.h"

#include <Eigen/SparseCholesky>
#include <cmath>

#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/simplicial/barycentric.h>
#include <lreg/simplicial/simplex_locator.h>
#include "simplicial/cached_ldlt.h"
#include "simplicial/edge_flip.h"
#include "simplicial/moments_nd.h"

using namespace lreg;
using namespace lreg::detail;

namespace {

double front(const double* x) {
  return std::tanh(12 * (x[0] + 0.7 * x[1] - 0.8));
}

// The simplex a scan of every simplex in index order gives: the first that holds x (every
// coordinate >= 0), else the one x is least outside of. The coordinates are the locator's
// (the same frames), so a match must be exact.
int scanAll(const SimplexLocator& loc, int simplices, const double* xIn, double* lambda) {
  const int d = loc.dim();
  double x[3], trial[4], bestMin = -HUGE_VAL;
  for (int k = 0; k < d; ++k) x[k] = std::clamp(xIn[k], 0.0, 1.0);
  int best = -1;
  for (int t = 0; t < simplices; ++t) {
    d == 2 ? barycentric<2>(loc.frame(t), x, trial) : barycentric<3>(loc.frame(t), x, trial);
    const double m = d == 2 ? minCoordinate<2>(trial) : minCoordinate<3>(trial);
    if (m > bestMin) {
      bestMin = m, best = t;
      std::copy(trial, trial + d + 1, lambda);
      if (m >= 0) break;
    }
  }
  d == 2 ? clampToSimplex<2>(lambda) : clampToSimplex<3>(lambda);
  return best;
}

// The Kuhn grid with every interior node moved by up to a tenth of the grid spacing per axis
// (it stays valid).
SimplexMesh movedGrid(int dim, int m, std::uint64_t seed) {
  SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, m);
  Random r(seed);
  for (int i = 0; i < mesh.nodeCount(); ++i)
    for (int k = 0; k < mesh.dim; ++k) {
      const double v = mesh.nodes(i, k);
      if (v > 1e-12 && v < 1 - 1e-12) mesh.nodes(i, k) = v + 0.1 / (m - 1) * (2 * r.uniform() - 1);
    }
  return mesh;
}

// Random points, every node, every edge's midpoint and points on the lines of a uniform grid
// (faces of the starting Kuhn grid: shared by two or more simplices).
RowMatrix queries(const SimplexMesh& mesh, int m, std::uint64_t seed) {
  const int d = mesh.dim;
  const auto edges = mesh.edges();
  const RowMatrix random = testutil::randomPoints(3000, d, seed);
  RowMatrix lines = testutil::randomPoints(600, d, seed + 1);
  for (long n = 0; n < lines.rows(); ++n) lines(n, n % d) = double(n % m) / (m - 1);
  RowMatrix all(random.rows() + lines.rows() + mesh.nodeCount() + long(edges.size()), d);
  all << random, lines, mesh.nodes, RowMatrix::Zero(long(edges.size()), d);
  for (size_t e = 0; e < edges.size(); ++e)
    all.row(all.rows() - long(edges.size()) + long(e)) =
        0.5 * (mesh.nodes.row(edges[e][0]) + mesh.nodes.row(edges[e][1]));
  return all;
}

void checkAgainstScan(const SimplexMesh& mesh, const RowMatrix& points) {
  mesh.validate();
  const SimplexLocator locator(mesh);
  for (long n = 0; n < points.rows(); ++n) {
    double fast[4] = {}, scan[4] = {};
    const int t = locator.locate(points.row(n).data(), fast);
    const int s = scanAll(locator, mesh.simplexCount(), points.row(n).data(), scan);
    QVERIFY2(t == s, qPrintable(QString("point %1: simplex %2, the scan %3").arg(n).arg(t).arg(s)));
    for (int a = 0; a <= mesh.dim; ++a) QCOMPARE(fast[a], scan[a]);
  }
}

Eigen::SparseMatrix<double> laplacianPlusDiagonal(const SimplexMesh& mesh, std::uint64_t seed) {
  Random r(seed);
  std::vector<Eigen::Triplet<double>> trip;
  for (const auto& e : mesh.edges()) {
    const double w = 0.5 + r.uniform();
    trip.emplace_back(e[0], e[0], w);
    trip.emplace_back(e[1], e[1], w);
    trip.emplace_back(e[0], e[1], -w);
    trip.emplace_back(e[1], e[0], -w);
  }
  for (int i = 0; i < mesh.nodeCount(); ++i) trip.emplace_back(i, i, 0.1 + r.uniform());
  Eigen::SparseMatrix<double> A(mesh.nodeCount(), mesh.nodeCount());
  A.setFromTriplets(trip.begin(), trip.end());
  return A;
}

}  // namespace

class TestPointLocation : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { setThreadCount(0); }

  // After random node moves the fast location gives the scan's simplex and coordinates, bit
  // for bit; so do the samples that LocatedSamples::update re-locates.
  void locationMatchesTheScanAfterNodeMoves_data() { testutil::dimensionRows(); }
  void locationMatchesTheScanAfterNodeMoves() {
    QFETCH(int, dim);
    const int m = dim == 2 ? 12 : 5;
    SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, m);
    checkAgainstScan(mesh, queries(mesh, m, 1));
    const RowMatrix U = testutil::randomPoints(4000, dim, 7);
    const SimplexLocator before(mesh);
    LocatedSamples located = LocatedSamples::locate(mesh, before, U);
    for (int round = 0; round < 3; ++round) {
      mesh = movedGrid(dim, m, 10 + round);
      checkAgainstScan(mesh, queries(mesh, m, 20 + round));
      const SimplexLocator after(mesh);
      located.update(after, U);
      for (long n = 0; n < U.rows(); ++n) {
        double lambda[4];
        after.locate(U.row(n).data(), lambda);
        RowMatrix x = RowMatrix::Zero(1, dim);
        for (int a = 0; a <= dim; ++a)
          x += located.lambda(n, a) * mesh.nodes.row(mesh.simplices(located.simplex[n], a));
        QVERIFY((x - U.row(n)).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY(located.lambda.row(n).minCoeff() >= 0);
      }
    }
  }

  // Flips change which simplices hold a cell: the location still agrees with the scan, and
  // the samples' simplices that flipEdges set are ones that hold them.
  void locationMatchesTheScanAfterFlips() {
    const RowMatrix U = testutil::randomPoints(5000, 2, 4);
    RowMatrix Y(U.rows(), 1);
    for (long n = 0; n < U.rows(); ++n) Y(n, 0) = front(U.row(n).data());
    SimplexMesh mesh = movedGrid(2, 10, 3);
    for (int pass = 0; pass < 3; ++pass) {
      const SimplexLocator locator(mesh);
      LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
      const MomentsND moments = MomentsND::compute(mesh, located, Y);
      const RowMatrix c = solveLeastSquaresND(mesh, moments, 0);
      const int flips = flipEdges(mesh, c, located, U, Y, {}, 1e-9);
      if (pass == 0) QVERIFY(flips > 0);
      checkAgainstScan(mesh, queries(mesh, 10, 30 + pass));
      const SimplexLocator flipped(mesh);
      for (long n = 0; n < U.rows(); ++n) {
        double lambda[4];
        const int t = flipped.locate(U.row(n).data(), lambda);
        if (t != located.simplex[n])  // only a sample on the shared diagonal may differ
          QVERIFY(std::min({lambda[0], lambda[1], lambda[2]}) < 1e-9);
      }
    }
  }

  // The flips' gains are computed per edge in parallel: one thread and two give the same
  // mesh and the same sample coordinates.
  void flipsDoNotDependOnTheThreadCount() {
    const RowMatrix U = testutil::randomPoints(6000, 2, 5);
    RowMatrix Y(U.rows(), 1);
    for (long n = 0; n < U.rows(); ++n) Y(n, 0) = front(U.row(n).data());
    auto run = [&](int threads) {
      setThreadCount(threads);
      SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 12);
      const SimplexLocator locator(mesh);
      LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
      const MomentsND moments = MomentsND::compute(mesh, located, Y);
      const RowMatrix c = solveLeastSquaresND(mesh, moments, 0);
      std::vector<std::array<int, 2>> created;
      const int flips = flipEdges(mesh, c, located, U, Y, {}, 1e-9, &created);
      return std::tuple{flips, mesh.simplices, located.lambda, created};
    };
    const auto one = run(1), two = run(2);
    QVERIFY(std::get<0>(one) > 0);
    QCOMPARE(std::get<0>(one), std::get<0>(two));
    QVERIFY(std::get<1>(one) == std::get<1>(two));
    QVERIFY(std::get<2>(one) == std::get<2>(two));
    QVERIFY(std::get<3>(one) == std::get<3>(two));
  }

  // A reused analysis gives a fresh factorisation's solution bit for bit; a new pattern is
  // analysed again (and solved right).
  void cachedLdltGivesTheFreshSolution() {
    SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 9);
    Random r(3);
    Eigen::VectorXd b(mesh.nodeCount());
    for (int i = 0; i < b.size(); ++i) b(i) = r.normal();
    CachedLdlt cached;
    for (int round = 0; round < 3; ++round) {
      const Eigen::SparseMatrix<double> A = laplacianPlusDiagonal(mesh, 5 + round);
      const Eigen::VectorXd x = cached.factorize(A).solve(b);
      const Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> fresh(A);
      QVERIFY(x == fresh.solve(b));
      QVERIFY((A * x - b).norm() < 1e-10 * b.norm());
    }
    QCOMPARE(cached.analyses(), 1);  // the values changed, the pattern did not
    // A flip changes the pattern: a new analysis, the right solution.
    const SimplexLocator locator(mesh);
    const RowMatrix U = testutil::randomPoints(3000, 2, 6);
    RowMatrix Y(U.rows(), 1);
    for (long n = 0; n < U.rows(); ++n) Y(n, 0) = front(U.row(n).data());
    LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
    const RowMatrix c = solveLeastSquaresND(mesh, MomentsND::compute(mesh, located, Y), 0);
    QVERIFY(flipEdges(mesh, c, located, U, Y, {}, 1e-9) > 0);
    const Eigen::SparseMatrix<double> A = laplacianPlusDiagonal(mesh, 9);
    const Eigen::VectorXd x = cached.factorize(A).solve(b);
    QCOMPARE(cached.analyses(), 2);
    QVERIFY(x == Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>>(A).solve(b));
    QVERIFY((A * x - b).norm() < 1e-10 * b.norm());
  }
};

QTEST_APPLESS_MAIN(TestPointLocation)
#include "test_point_location.moc"
