// The 2D/3D engine: meshes, the P1 basis against the paper's dense Eq. A6, refinement,
// least squares, and the MRC loop on triangles and tetrahedra.
#include <QtTest>

#include "../core/test_util.h"

#include <Eigen/LU>
#include <cmath>
#include <numeric>

#include <lreg/base/error.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/metrics.h>
#include <lreg/model/model_io.h>
#include <lreg/simplicial/simplex_locator.h>
#include "simplicial/delaunay.h"
#include "simplicial/gradient_jump.h"
#include "simplicial/moments_nd.h"
#include "simplicial/mrc_simplicial.h"
#include "simplicial/refine_simplicial.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

// psi_i(x) exactly as the paper's Eq. A6 writes it: average, over the simplices that contain x
// and have node i as a vertex, of the barycentric coordinate of node i. O(n_t) per point.
double denseEqA6(const SimplexMesh& mesh, int i, const double* x) {
  const int d = mesh.dim;
  double num = 0, den = 0;
  for (int j = 0; j < mesh.simplexCount(); ++j) {
    Eigen::MatrixXd V(d + 1, d + 1);
    for (int k = 0; k <= d; ++k) {
      V.row(k).head(d) = mesh.nodes.row(mesh.simplices(j, k));
      V(k, d) = 1;
    }
    const Eigen::MatrixXd S = V.inverse();
    Eigen::VectorXd U(d + 1);
    for (int k = 0; k <= d; ++k) {
      U(k) = S(d, k);
      for (int t = 0; t < d; ++t) U(k) += x[t] * S(t, k);
    }
    if (U.minCoeff() < -1e-12) continue;  // x not in simplex j
    for (int k = 0; k <= d; ++k)
      if (mesh.simplices(j, k) == i) {
        num += U(k);
        den += 1;
      }
  }
  return num / std::max(den, 1.0);
}

// The plain uniform Kuhn grid fit: no loop, no tensor start, no node movement, no flips.
MrcOptions uniformGrid(MrcOptions o) {
  o.iterations = 0;
  o.tensorStart = false;
  o.polishSteps = 0;
  o.flips = false;
  return o;
}

// A mesh with irregular simplices: a Kuhn grid refined at random edges.
SimplexMesh irregularMesh(int d, std::uint64_t seed) {
  SimplexMesh mesh = SimplexMesh::kuhnGrid(d, 3);
  RowMatrix c = RowMatrix::Zero(mesh.nodeCount(), 1);
  Random r(seed);
  for (int round = 0; round < 3; ++round) {
    std::vector<std::array<int, 2>> edges = {longestEdge(mesh, int(r.below(mesh.simplexCount())))};
    bisectEdges(mesh, c, edges);
  }
  return mesh;
}

Dataset sampled(int d, int n, std::uint64_t seed, double (*f)(const double*)) {
  Dataset data;
  data.X = testutil::randomPoints(n, d, seed);
  data.Y.resize(n, 1);
  for (int i = 0; i < n; ++i) data.Y(i, 0) = f(data.X.row(i).data());
  for (int k = 0; k < d; ++k) data.inputNames.push_back("x" + std::to_string(k + 1));
  data.outputNames = {"y"};
  data.source = "test";
  return data;
}

double steep(const double* x) {
  return std::tanh(40 * (x[0] + x[1] - 1.0));
}
double smooth(const double* x) {
  return std::sin(3 * x[0]) * std::cos(2 * x[1]);
}
double smooth3(const double* x) {
  return std::sin(2 * x[0]) + x[1] * x[2];
}

double testRmse(const Model& m, const Dataset& test) {
  return computeMetrics(test.Y, m.predict(test.X)).rmse;
}

void checkValid(const Snapshot& s) {
  SimplexMesh mesh{s.dim, s.nodes, s.simplices};
  mesh.validate();
  QVERIFY(s.coefficients.allFinite());
  QCOMPARE(s.counts.size(), s.simplices.rows());
}

}  // namespace

class TestSimplicial : public QObject {
  Q_OBJECT

 private slots:
  void kuhnGridTilesTheBox() {
    const SimplexMesh m2 = SimplexMesh::kuhnGrid(2, 3), m3 = SimplexMesh::kuhnGrid(3, 3);
    QCOMPARE(m2.nodeCount(), 9);
    QCOMPARE(m2.simplexCount(), 8);
    QCOMPARE(m3.nodeCount(), 27);
    QCOMPARE(m3.simplexCount(), 48);
    m2.validate();
    m3.validate();
    QCOMPARE(int(m2.cornerNodes().size()), 4);
    QCOMPARE(int(m3.cornerNodes().size()), 8);
  }

  void validateRejectsBrokenMeshes() {
    SimplexMesh m = SimplexMesh::kuhnGrid(2, 2);
    std::swap(m.simplices(0, 0), m.simplices(0, 1));
    try {
      m.validate();
      QFAIL("an inverted triangle passed");
    } catch (const lreg::Error& e) {
      QVERIFY(QString(e.what()).contains("inverted"));
    }
    m = SimplexMesh::kuhnGrid(2, 2);
    m.nodes(1, 0) = m.nodes(0, 0);  // collapse a triangle
    m.nodes(1, 1) = m.nodes(0, 1);
    bool refused = false;
    try {
      m.validate();
    } catch (const lreg::Error&) {
      refused = true;
    }
    QVERIFY(refused);
  }

  void basisMatchesDenseEquationA6_data() { testutil::dimensionRows(); }
  void basisMatchesDenseEquationA6() {
    QFETCH(int, dim);
    const SimplexMesh mesh = irregularMesh(dim, 7);
    mesh.validate();
    // Random points, every node, and every edge midpoint (points on shared faces).
    RowMatrix P = testutil::randomPoints(300, dim, 3);
    const auto edges = mesh.edges();
    RowMatrix extra(mesh.nodeCount() + long(edges.size()), dim);
    extra.topRows(mesh.nodeCount()) = mesh.nodes;
    for (size_t e = 0; e < edges.size(); ++e)
      extra.row(mesh.nodeCount() + long(e)) =
          0.5 * (mesh.nodes.row(edges[e][0]) + mesh.nodes.row(edges[e][1]));
    RowMatrix all(P.rows() + extra.rows(), dim);
    all << P, extra;
    const SimplexLocator locator(mesh);
    for (long n = 0; n < all.rows(); ++n) {
      double lambda[4];
      const int t = locator.locate(all.row(n).data(), lambda);
      double sum = 0;
      for (int i = 0; i < mesh.nodeCount(); ++i) {
        double sparse = 0;
        for (int k = 0; k <= dim; ++k)
          if (mesh.simplices(t, k) == i) sparse = lambda[k];
        const double dense = denseEqA6(mesh, i, all.row(n).data());
        QVERIFY2(
            std::abs(sparse - dense) < 1e-9,
            qPrintable(QString("node %1 point %2: %3 vs %4").arg(i).arg(n).arg(sparse).arg(dense)));
        sum += sparse;
      }
      QVERIFY(std::abs(sum - 1) < 1e-12);  // partition of unity
    }
    // Kronecker delta at the nodes.
    for (int i = 0; i < mesh.nodeCount(); ++i)
      QVERIFY(std::abs(denseEqA6(mesh, i, mesh.nodes.row(i).data()) - 1) < 1e-12);
  }

  void bisectionKeepsTheFunctionAndGivesFourNeighbours() {
    SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 4);
    RowMatrix c(mesh.nodeCount(), 1);
    Random r(1);
    for (int i = 0; i < c.rows(); ++i) c(i, 0) = r.normal();
    const RowMatrix U = testutil::randomPoints(500, 2, 8);
    const RowMatrix before = evaluateSimplicial(mesh, c, U);
    // An interior edge: shared by two triangles.
    const auto edges = mesh.edges();
    std::array<int, 2> interior{};
    for (const auto& e : edges) {
      const auto mid = 0.5 * (mesh.nodes.row(e[0]) + mesh.nodes.row(e[1]));
      if (mid(0) > 0.01 && mid(0) < 0.99 && mid(1) > 0.01 && mid(1) < 0.99) {
        interior = e;
        break;
      }
    }
    const int trianglesBefore = mesh.simplexCount();
    const Bisection b = bisectEdges(mesh, c, {interior});
    mesh.validate();
    QCOMPARE(mesh.simplexCount(), trianglesBefore + 2);
    QCOMPARE(int(mesh.nodeNeighbours()[b.inserted[0]].size()), 4);  // Figure A2
    QVERIFY((evaluateSimplicial(mesh, c, U) - before).cwiseAbs().maxCoeff() < 1e-12);
  }

  // relocate() after a bisection and after a node removal + re-triangulation must give every
  // sample a simplex that contains it and coordinates that reproduce it.
  void relocationAgreesWithAFreshSearch() {
    for (int d : {2, 3}) {
      SimplexMesh mesh = SimplexMesh::kuhnGrid(d, 4);
      RowMatrix c = RowMatrix::Zero(mesh.nodeCount(), 1);
      const RowMatrix U = testutil::randomPoints(3000, d, 12);
      LocatedSamples located = LocatedSamples::locate(mesh, SimplexLocator(mesh), U);
      auto check = [&](const char* when) {
        for (long n = 0; n < U.rows(); ++n) {
          const int t = located.simplex[n];
          QVERIFY2(t >= 0 && t < mesh.simplexCount(), when);
          Eigen::RowVectorXd x = Eigen::RowVectorXd::Zero(d);
          double sum = 0;
          for (int k = 0; k <= d; ++k) {
            QVERIFY2(located.lambda(n, k) >= 0, when);
            sum += located.lambda(n, k);
            x += located.lambda(n, k) * mesh.nodes.row(mesh.simplices(t, k));
          }
          QVERIFY2(std::abs(sum - 1) < 1e-12, when);
          QVERIFY2((x - U.row(n)).cwiseAbs().maxCoeff() < 1e-12, when);
        }
      };
      // Bisection keeps node indices.
      IndexMatrix before = mesh.simplices;
      std::vector<int> same(mesh.nodeCount());
      std::iota(same.begin(), same.end(), 0);
      bisectEdges(mesh, c, {longestEdge(mesh, 0), longestEdge(mesh, mesh.simplexCount() - 1)});
      located.relocate(before, same, mesh, SimplexLocator(mesh), U);
      check("after bisection");
      // Removing an interior node renumbers the rest; re-triangulate.
      const std::vector<int> corners = mesh.cornerNodes();
      int drop = 0;
      while (std::find(corners.begin(), corners.end(), drop) != corners.end()) ++drop;
      std::vector<int> nodeMap(mesh.nodeCount());
      RowMatrix nodes(mesh.nodeCount() - 1, d);
      for (int i = 0, k = 0; i < mesh.nodeCount(); ++i) {
        nodeMap[i] = i == drop ? -1 : k;
        if (i != drop) nodes.row(k++) = mesh.nodes.row(i);
      }
      before = mesh.simplices;
      mesh.nodes = nodes;
      mesh.simplices = delaunay(nodes);
      for (int t = 0; t < mesh.simplexCount(); ++t)
        if (mesh.signedVolume(t) < 0) std::swap(mesh.simplices(t, 0), mesh.simplices(t, 1));
      located.relocate(before, nodeMap, mesh, SimplexLocator(mesh), U);
      check("after removing a node");
    }
  }

  void leastSquaresRecoversAPiecewiseLinearFunction() {
    const SimplexMesh mesh = irregularMesh(2, 3);
    RowMatrix c(mesh.nodeCount(), 2);
    Random r(5);
    for (int i = 0; i < c.rows(); ++i) c.row(i) << r.normal(), r.normal();
    const RowMatrix U = testutil::randomPoints(4000, 2, 6);
    const RowMatrix Y = evaluateSimplicial(mesh, c, U);
    const SimplexLocator locator(mesh);
    const MomentsND m = MomentsND::compute(mesh, LocatedSamples::locate(mesh, locator, U), Y);
    const RowMatrix fitted = solveLeastSquaresND(mesh, m, 0.0);
    QVERIFY((fitted - c).cwiseAbs().maxCoeff() < 1e-6);
    QVERIFY(m.residualEnergy(mesh, fitted).sum() < 1e-10);
  }

  // Linear data stay exact where nodes are short of data: the tie of such nodes penalises the
  // gradient's jumps (zero on a linear function), not coefficient differences, which pulled
  // slopes flat (3D, x.(1,2,3) + 0.5: a fit whose error rose from 1e-8 to 0.01 as the loop ran).
  void linearDataStayExactWhereNodesLackData_data() { testutil::dimensionRows(); }
  void linearDataStayExactWhereNodesLackData() {
    QFETCH(int, dim);
    const SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, dim == 2 ? 12 : 6);
    const RowMatrix U = testutil::randomPoints(dim == 2 ? 150 : 250, dim, 4);  // ~1 per node
    auto linear = [&](const auto& x) { return 0.5 + x(0) + 2 * x(1) + (dim == 3 ? 3 * x(2) : 0); };
    RowMatrix Y(U.rows(), 1);
    for (int n = 0; n < U.rows(); ++n) Y(n, 0) = linear(U.row(n));
    const SimplexLocator locator(mesh);
    const MomentsND m = MomentsND::compute(mesh, LocatedSamples::locate(mesh, locator, U), Y);
    const RowMatrix c = solveLeastSquaresND(mesh, m, 0.0);
    double worst = 0;
    for (int i = 0; i < mesh.nodeCount(); ++i)
      worst = std::max(worst, std::abs(c(i, 0) - linear(mesh.nodes.row(i))));
    QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
  }

  // ... and the tie still does its job: a node whose hat holds one noisy sample near its far
  // edge takes about the value its neighbours' slopes give, not the one that sample dictates.
  void aNodeWithOneSampleAtItsEdgeIsTiedToItsNeighbours() {
    const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 9);
    int centre = 0;
    for (int i = 0; i < mesh.nodeCount(); ++i)
      if ((mesh.nodes.row(i) - Eigen::RowVector2d(0.5, 0.5)).norm() < 1e-12) centre = i;
    auto f = [](double x, double y) { return std::sin(2 * x) + y; };
    RowMatrix U = testutil::randomPoints(4000, 2, 8);
    std::vector<int> keep;  // every sample outside the centre's hat (|dx|,|dy| <= h covers it)
    for (int n = 0; n < U.rows(); ++n)
      if ((U.row(n) - Eigen::RowVector2d(0.5, 0.5)).cwiseAbs().maxCoeff() > 0.125)
        keep.push_back(n);
    RowMatrix X(keep.size() + 1, 2), Y(keep.size() + 1, 1);
    for (size_t k = 0; k < keep.size(); ++k) X.row(k) = U.row(keep[k]);
    X.row(keep.size()) << 0.5 + 0.118, 0.5;  // psi_centre = 0.056 there
    for (int n = 0; n < X.rows(); ++n) Y(n, 0) = f(X(n, 0), X(n, 1));
    Y(keep.size(), 0) += 0.1;  // its noise
    const SimplexLocator locator(mesh);
    const MomentsND m = MomentsND::compute(mesh, LocatedSamples::locate(mesh, locator, X), Y);
    const double tied = solveLeastSquaresND(mesh, m, 0.0)(centre, 0) - f(0.5, 0.5);
    // Untied, that one sample decides: its 0.1 over psi = 0.056 is about 1.8.
    QVERIFY2(std::abs(tied) < 0.2, qPrintable(QString::number(tied)));
  }

  // The gradient-jump tie of one face pair is w h1 h2 times its gradient's jump squared: a ridge
  // of height 1 over the face (opposite vertices at 0, at heights h1 and 1) jumps by 1/h1 + 1,
  // costing w (1 + h1)^2 / h1, for alike and for thin triangles. A linear function costs nothing.
  void aFacePairIsTiedByItsHeightsTimesItsJumpSquared() {
    for (double h1 : {1.0, 0.1, 0.01}) {
      SimplexMesh mesh;
      mesh.dim = 2;
      mesh.nodes.resize(4, 2);
      mesh.nodes << 0, -1, 0, 1, -h1, 0, 1, 0;  // face 0-1; opposite vertices 2 (thin side), 3
      mesh.simplices.resize(2, 3);
      mesh.simplices << 0, 1, 2, 1, 0, 3;
      for (int t = 0; t < 2; ++t) QVERIFY(mesh.signedVolume(t) > 0);
      std::vector<Eigen::Triplet<double>> triplets;
      addGradientJumpPenalty(mesh, Vector::Constant(4, 0.25), triplets);  // w = 0.5
      Eigen::SparseMatrix<double> A(4, 4);
      A.setFromTriplets(triplets.begin(), triplets.end());
      const Vector ridge = (Vector(4) << 1, 1, 0, 0).finished();
      const double expected = 0.5 * (1 + h1) * (1 + h1) / h1;
      QVERIFY2(std::abs(ridge.dot(A * ridge) - expected) < 1e-9 * expected,
               qPrintable(QString("h1 %1: %2").arg(h1).arg(ridge.dot(A * ridge))));
      Vector linear(4);
      for (int i = 0; i < 4; ++i) linear(i) = 0.3 + 2 * mesh.nodes(i, 0) - mesh.nodes(i, 1);
      QVERIFY(std::abs(linear.dot(A * linear)) < 1e-9);
      // The same triangles with their vertices listed from another corner: the same penalty
      // (the face pairs kept from the last call must not be reused for other simplices).
      mesh.simplices << 1, 2, 0, 0, 3, 1;
      triplets.clear();
      addGradientJumpPenalty(mesh, Vector::Constant(4, 0.25), triplets);
      Eigen::SparseMatrix<double> rotated(4, 4);
      rotated.setFromTriplets(triplets.begin(), triplets.end());
      QVERIFY((Eigen::MatrixXd(rotated) - Eigen::MatrixXd(A)).cwiseAbs().maxCoeff() < 1e-12);
    }
  }

  // The whole loop on exact linear 3D data (2000 samples, D = 64: refinement leaves nodes
  // short of data): the function after every sub-step stays exact.
  void theLoopKeepsLinearDataExact() {
    Dataset data =
        sampled(3, 2000, 12, [](const double* x) { return 0.5 + x[0] + 2 * x[1] + 3 * x[2]; });
    auto engine = makeEngine(data, nullptr, MrcOptions{.dof = 64, .iterations = 6});
    double worst = 0;
    int seen = 0;
    engine->setObserver([&](const SnapshotPtr& s) {
      if (s->phase == Phase::Initial) return;  // nothing fitted yet
      worst = std::max(worst, s->train.rmse);
      ++seen;
    });
    engine->run();
    QVERIFY(seen > 6);
    QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
  }

  void delaunayIsPositivelyOriented() {
    for (int d : {2, 3}) {
      RowMatrix P = testutil::randomPoints(200, d, 9);
      const SimplexMesh grid = SimplexMesh::kuhnGrid(d, 2);  // the corners
      RowMatrix all(P.rows() + grid.nodeCount(), d);
      all << P, grid.nodes;
      SimplexMesh mesh{d, all, delaunay(all)};
      for (int t = 0; t < mesh.simplexCount(); ++t) QVERIFY(mesh.signedVolume(t) > 0);
      mesh.validate();
    }
  }

  void subStepsKeepTheMeshValidAndTheBudget_data() {
    QTest::addColumn<int>("fit");
    QTest::addColumn<int>("indicator");
    QTest::newRow("least squares, residual")
        << int(FitMethod::LeastSquares) << int(Indicator::ResidualEnergy);
    QTest::newRow("least squares, counts")
        << int(FitMethod::LeastSquares) << int(Indicator::HardSampleCounts);
    QTest::newRow("adam, counts (paper)")
        << int(FitMethod::Adam) << int(Indicator::HardSampleCounts);
  }
  void subStepsKeepTheMeshValidAndTheBudget() {
    QFETCH(int, fit);
    QFETCH(int, indicator);
    const GeneratedData g = generate("A2", 2, {3000, 500, 1.0});
    MrcOptions o{.dof = 100, .fit = FitMethod(fit), .indicator = Indicator(indicator)};
    auto engine = makeEngine(g.train, nullptr, o);
    checkValid(*engine->initialSnapshot());
    QCOMPARE(int(engine->initialSnapshot()->nodes.rows()), 100);
    for (int iteration = 0; iteration < 4; ++iteration) {
      const SnapshotPtr trained = engine->step();
      QCOMPARE(trained->phase, Phase::Train);
      checkValid(*trained);
      // Least squares moves nodes after the fit (Polish); the indicator is measured after that.
      QCOMPARE(trained->polishes, o.fit == FitMethod::LeastSquares);
      const SnapshotPtr fitted = trained->polishes ? engine->step() : trained;
      QVERIFY(completesFit(*fitted));
      checkValid(*fitted);
      if (o.indicator == Indicator::HardSampleCounts) {  // k per batch (of 256), every epoch
        const double batches = std::ceil(3000.0 / o.batchSize);
        const int epochs = o.fit == FitMethod::Adam ? o.epochs : 1;
        QCOMPARE(fitted->counts.sum(), batches * o.hardPerBatch * epochs);
      }
      const SnapshotPtr refined = engine->step();
      checkValid(*refined);
      QVERIFY(!refined->inserted.empty());
      QCOMPARE(int(refined->nodes.rows()), 100 + int(refined->inserted.size()));
      const SnapshotPtr interpolated = engine->step();
      QCOMPARE(interpolated->toRemove.size(), refined->inserted.size());
      for (int i : interpolated->toRemove) {  // corners stay
        const auto p = interpolated->nodes.row(i);
        QVERIFY(!((p(0) < 1e-12 || p(0) > 1 - 1e-12) && (p(1) < 1e-12 || p(1) > 1 - 1e-12)));
      }
      const SnapshotPtr coarse = engine->step();
      checkValid(*coarse);
      QCOMPARE(int(coarse->nodes.rows()), 100);
      QCOMPARE(coarse->removed.rows(), long(refined->inserted.size()));
      checkValid(*engine->step());  // reindex
    }
  }

  // Algorithm 2 on triangles: Adam lowers the loss of the initial mesh, and MRC with the
  // paper's counts ends below where the first fit started.
  void adamPathLearnsIn2D() {
    const GeneratedData g = generate("A2", 2, {3000, 500, 1.0});
    auto engine = makeEngine(g.train, nullptr, testutil::paperRecipe(100, 6));
    const double before = engine->initialSnapshot()->train.rmse;
    const double first = engine->step()->train.rmse;
    QVERIFY2(first < 0.7 * before, qPrintable(QString("%1 -> %2").arg(before).arg(first)));
    const Model best = engine->run();
    QVERIFY(engine->trainingMetrics(best).rmse <= first);
  }

  void adaptivityPaysOnASteepFeature() {
    const Dataset train = sampled(2, 20000, 1, steep), test = sampled(2, 4000, 2, steep);
    MrcOptions o;
    o.dof = 289;  // a 17 x 17 grid for the uniform fit
    const double uniform = testRmse(makeEngine(train, nullptr, uniformGrid(o))->run(), test);
    o.iterations = 40;
    const double adaptive = testRmse(makeEngine(train, nullptr, o)->run(), test);
    QVERIFY2(adaptive <= 0.5 * uniform,
             qPrintable(QString("%1 vs uniform %2").arg(adaptive).arg(uniform)));
  }

  void neverWorseThanUniformOnASmoothFunction() {
    const Dataset train = sampled(2, 20000, 3, smooth), test = sampled(2, 4000, 4, smooth);
    MrcOptions o{.dof = 289};
    const double uniform = testRmse(makeEngine(train, nullptr, uniformGrid(o))->run(), test);
    o.iterations = 30;
    const double adaptive = testRmse(makeEngine(train, nullptr, o)->run(), test);
    QVERIFY2(adaptive <= uniform * 1.0001,
             qPrintable(QString("%1 vs uniform %2").arg(adaptive).arg(uniform)));
  }

  void threeDimensionsFitSaveAndPredict() {
    const Dataset train = sampled(3, 8000, 5, smooth3), test = sampled(3, 1000, 6, smooth3);
    MrcOptions o{.dof = 125, .iterations = 6};
    auto engine = makeEngine(train, nullptr, o);
    for (int s = 0; s < 10; ++s) checkValid(*engine->step());
    const Model m = engine->run();
    QCOMPARE(m.dim, 3);
    QCOMPARE(m.simplices.cols(), 4);
    QVERIFY(testRmse(m, test) < 0.05);
    QTemporaryDir dir;
    const std::string path = dir.filePath("m3.json").toStdString();
    saveModel(m, path);
    const Model back = loadModel(path);
    QVERIFY((back.predict(test.X) - m.predict(test.X)).cwiseAbs().maxCoeff() == 0.0);
  }

  void vectorOutputsOnTheSphericalHarmonic() {
    const GeneratedData g = generate("appc4", 1, {8000, 1000, 1.0});
    MrcOptions o{.dof = 256};
    const Model m = makeEngine(g.train, nullptr, o)->run();
    QCOMPARE(m.outputs, 2);
    const Metrics test = computeMetrics(g.test.Y, m.predict(g.test.X));
    QCOMPARE(test.r2PerOutput.size(), 2);
    QVERIFY(test.r2PerOutput(0) > 0.98 && test.r2PerOutput(1) > 0.98);
  }

  void tooSmallABudgetIsRefused() {
    const GeneratedData g = generate("A2", 1, {500, 100, 1.0});
    MrcOptions o{.dof = 3};
    try {
      makeEngine(g.train, nullptr, o);
      QFAIL("expected an error");
    } catch (const lreg::Error& e) {
      QVERIFY(QString(e.what()).contains("at least 4"));
    }
  }

  // B2's tensor start is a placement the loop moves away from: its first three fits all train
  // more than 5% worse, and the loop ends there (not after the patience's eight) with the
  // start's model. On a steep front the loop beats its start at once and runs on.
  void loopEndsWhenItsFirstFitsLoseToTheStart() {
    auto fitLosses = [](const Dataset& train, int dof, Model& model) {
      auto engine = makeEngine(train, nullptr, MrcOptions{.dof = dof});
      std::vector<double> losses;
      engine->setObserver(
          [&](const SnapshotPtr& s) {
            if (completesFit(*s)) losses.push_back(s->train.rmse);
          },
          false);
      model = engine->run();
      return losses;
    };
    const GeneratedData b2 = generate("B2", 1, {});
    Model model;
    const std::vector<double> b2Losses = fitLosses(b2.train, 1024, model);
    QCOMPARE(int(b2Losses.size()), 4);  // the start's fit and three iterations
    for (int i = 1; i <= 3; ++i)
      QVERIFY2(
          b2Losses[i] > 1.05 * b2Losses[0],
          qPrintable(QString("fit %1: %2, start %3").arg(i).arg(b2Losses[i]).arg(b2Losses[0])));
    QCOMPARE(model.training.at("iterations"), std::string("0"));  // the start's model
    const std::vector<double> frontLosses = fitLosses(sampled(2, 6000, 3, steep), 256, model);
    QVERIFY(frontLosses.size() > 4);
    QVERIFY(*std::min_element(frontLosses.begin() + 1, frontLosses.begin() + 4) < frontLosses[0]);
  }
};

QTEST_APPLESS_MAIN(TestSimplicial)
#include "test_simplicial.moc"
