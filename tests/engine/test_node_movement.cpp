// Anisotropy and r-adaptation on triangles and tetrahedra: the LM node polish, data-dependent
// flips, collapse coarsening, edge-gain refinement, tensor-product starts, the quadratic noise
// estimate and the reference search. Every mesh operation is followed by a full validity check
// (orientation, no sliver, conforming, tiling the box).
#include <QtTest>

#include "../core/test_util.h"

#include <cmath>
#include <set>

#include <lreg/base/error.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/metrics.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/samples1d.h"
#include "simplicial/collapse.h"
#include "simplicial/edge_flip.h"
#include "simplicial/edge_gain.h"
#include "simplicial/held_out.h"
#include "simplicial/moments_nd.h"
#include "simplicial/mrc_simplicial.h"
#include "simplicial/noise_estimate.h"
#include "simplicial/polish_simplicial.h"
#include "simplicial/refine_simplicial.h"
#include "simplicial/tensor_start.h"

using namespace lreg;
using namespace lreg::detail;

namespace {

RowMatrix values(const RowMatrix& U, double (*f)(const double*), double noise = 0,
                 std::uint64_t seed = 9) {
  Random r(seed);
  RowMatrix Y(U.rows(), 1);
  for (long n = 0; n < U.rows(); ++n) Y(n, 0) = f(U.row(n).data()) + noise * r.normal();
  return Y;
}

Dataset dataset(const RowMatrix& U, const RowMatrix& Y) {
  Dataset data;
  data.X = U;
  data.Y = Y;
  for (long k = 0; k < U.cols(); ++k) data.inputNames.push_back("x" + std::to_string(k + 1));
  data.outputNames = {"y"};
  data.source = "test";
  return data;
}

double front(const double* x) {  // an oblique steep front
  return std::tanh(12 * (x[0] + 0.7 * x[1] - 0.8));
}
double strips(const double* x) {  // varies fast along x1 only
  return std::sin(14 * x[0] * x[0]) + 0.1 * x[1];
}
double quadratic(const double* x) {
  return 1 + x[0] - 2 * x[1] + 3 * x[0] * x[0] - x[0] * x[1] + 2 * x[1] * x[1];
}
double front3(const double* x) {
  return std::tanh(8 * (x[0] - 0.5)) + std::sin(x[1]) * x[2];
}

// A least-squares fit on `mesh` for the samples (U, Y).
SimplicialFit fitOn(SimplexMesh mesh, const RowMatrix& U, const RowMatrix& Y) {
  SimplicialFit fit;
  fit.mesh = std::move(mesh);
  fit.locator = std::make_unique<SimplexLocator>(fit.mesh);
  fit.located = LocatedSamples::locate(fit.mesh, *fit.locator, U);
  fit.moments = MomentsND::compute(fit.mesh, fit.located, Y);
  fit.coefficients = solveLeastSquaresND(fit.mesh, fit.moments, 0);
  fit.sse = fit.moments.residualEnergy(fit.mesh, fit.coefficients).sum();
  return fit;
}

RefitFunction refitFor(const RowMatrix& U, const RowMatrix& Y) {
  return [&U, &Y](SimplicialFit& t) {
    t.locator = std::make_unique<SimplexLocator>(t.mesh);
    t.located.update(*t.locator, U);
    t.moments = MomentsND::compute(t.mesh, t.located, Y);
    t.coefficients = solveLeastSquaresND(t.mesh, t.moments, 0);
    t.sse = t.moments.residualEnergy(t.mesh, t.coefficients).sum();
  };
}

// m knots on [lo, hi] in unit coordinates equidistributing the 1D rule |g''|^(2/5) w^(1/5) for
// B2's marginal g = sin(1/x) / 2 and sampling density w = 1/x^2, with a share `uniform` of the
// uniform density mixed in.
std::vector<double> b2RuleKnots(double lo, double hi, int m, double uniform = 0) {
  constexpr int kFine = 200000;
  auto density = [](double x) {
    const double g2 =
        0.5 * (-std::sin(1 / x) / std::pow(x, 4) + 2 * std::cos(1 / x) / std::pow(x, 3));
    return std::pow(std::abs(g2), 0.4) * std::pow(x, -0.4);
  };
  const double h = (hi - lo) / kFine;
  std::vector<double> cdf(kFine + 1, 0.0);
  for (int i = 0; i < kFine; ++i)
    cdf[i + 1] = cdf[i] + 0.5 * h * (density(lo + i * h) + density(lo + (i + 1) * h));
  for (int i = 0; i <= kFine; ++i)
    cdf[i] = (1 - uniform) * cdf[i] / cdf.back() + uniform * i / kFine;
  std::vector<double> knots{0.0};
  for (int j = 1, i = 0; j + 1 < m; ++j) {
    const double target = double(j) / (m - 1);
    while (cdf[i + 1] < target) ++i;
    knots.push_back((i + (target - cdf[i]) / (cdf[i + 1] - cdf[i])) / kFine);
  }
  knots.push_back(1.0);
  return knots;
}

// Where each of `knots` lies among `rule` (fractional knot index, linear in between), less its
// own index: the largest such shift in units of the rule's local spacing.
double largestIndexShift(const std::vector<double>& knots, const std::vector<double>& rule) {
  double worst = 0;
  for (size_t j = 0; j < knots.size(); ++j) {
    const size_t i = std::min<size_t>(
        rule.size() - 2,
        size_t(std::upper_bound(rule.begin(), rule.end(), knots[j]) - rule.begin()) - 1);
    const double index = double(i) + (knots[j] - rule[i]) / (rule[i + 1] - rule[i]);
    worst = std::max(worst, std::abs(index - double(j)));
  }
  return worst;
}

// Nodes on a face of the box (or a corner) in `before` are on the same face(s) in `after`.
void checkFacesKept(const SimplexMesh& before, const RowMatrix& after) {
  const auto pinned = pinnedAxes(before);
  for (int i = 0; i < before.nodeCount(); ++i)
    for (int k = 0; k < before.dim; ++k)
      if (pinned[i][k]) QCOMPARE(after(i, k), before.nodes(i, k));
}

}  // namespace

class TestNodeMovement : public QObject {
  Q_OBJECT

 private slots:
  void tensorGridTilesTheBoxWithItsKnots() {
    const SimplexMesh m = SimplexMesh::tensorGrid({{0, 0.1, 0.15, 1}, {0, 0.5, 1}});
    m.validate();
    QCOMPARE(m.nodeCount(), 12);
    QCOMPARE(m.simplexCount(), 12);
    const SimplexMesh m3 = SimplexMesh::tensorGrid({{0, 0.3, 1}, {0, 1}, {0, 0.2, 0.9, 1}});
    m3.validate();
    QCOMPARE(m3.simplexCount(), 2 * 1 * 3 * 6);
    bool refused = false;
    try {
      SimplexMesh::tensorGrid({{0, 0.5, 0.5, 1}, {0, 1}});
    } catch (const Error&) {
      refused = true;
    }
    QVERIFY(refused);
  }

  void tensorSplitsStayWithinTheBudget() {
    for (int d : {2, 3})
      for (int D : {8, 100, 729, 1024, 4096}) {
        const auto splits = tensorSplits(d, D);
        QVERIFY(!splits.empty());
        for (const auto& m : splits) {
          QVERIFY(m[0] * m[1] * m[2] <= D);
          for (int k = 0; k < d; ++k) QVERIFY(m[k] >= 2);
        }
      }
    // The equal split first; 2D splits favour either axis.
    const auto s = tensorSplits(2, 1024);
    QCOMPARE(s[0][0], 32);
    QCOMPARE(s[0][1], 32);
    QVERIFY(s[1][0] > s[1][1] && s[2][0] < s[2][1]);
  }

  // Strips: a tensor start resolves a function that varies along x1 only far better than the
  // Kuhn grid of the same budget.
  void tensorStartBeatsTheKuhnGridOnStrips() {
    const RowMatrix U = testutil::randomPoints(6000, 2, 1), Y = values(U, strips);
    const Dataset data = dataset(U, Y);
    MrcOptions o{
        .dof = 100, .iterations = 0, .polishSteps = 0, .tensorStart = false, .flips = false};
    auto e1 = makeEngine(data, nullptr, o);
    const double kuhnRmse = e1->trainingMetrics(e1->run()).rmse;
    o.tensorStart = true;
    auto e2 = makeEngine(data, nullptr, o);
    const Model tensor = e2->run();
    const double tensorRmse = e2->trainingMetrics(tensor).rmse;
    QVERIFY2(tensorRmse < 0.5 * kuhnRmse,
             qPrintable(QString("%1 vs %2").arg(tensorRmse).arg(kuhnRmse)));
    SimplexMesh{2, tensor.nodes, tensor.simplices}.validate();
    QCOMPARE(tensor.dof(), 100);
  }

  // The curvature estimate of each slab's error is h^4 times the samples' squared second
  // derivative along the axis: exact for a fit that is a quadratic in x1 (g'' = 2 everywhere,
  // on any knots) and zero along the axis it does not vary on.
  void curvatureSlabEnergyReadsTheSecondDerivative() {
    const AxisKnots knots{{0, 0.1, 0.25, 0.5, 0.8, 1}, {0, 0.3, 0.6, 1}};
    const SimplexMesh mesh = SimplexMesh::tensorGrid(knots);
    RowMatrix coef(mesh.nodeCount(), 1);
    for (int i = 0; i < mesh.nodeCount(); ++i)
      coef(i, 0) = mesh.nodes(i, 0) * mesh.nodes(i, 0) + 3 * mesh.nodes(i, 1);
    Vector count(mesh.simplexCount());
    for (int t = 0; t < mesh.simplexCount(); ++t) count(t) = 1 + t % 5;
    const std::vector<Vector> e = curvatureSlabEnergy(knots, coef, count);
    const std::vector<Vector> samples = slabSums(knots, count);
    QCOMPARE(int(e.size()), 2);
    QCOMPARE(e[0].size(), 5L);
    for (int j = 0; j < 5; ++j) {
      const double h = knots[0][j + 1] - knots[0][j];
      QVERIFY2(std::abs(e[0](j) - std::pow(h, 4) * 4 * samples[0](j)) < 1e-12,
               qPrintable(QString("slab %1: %2").arg(j).arg(e[0](j))));
    }
    QVERIFY(e[1].cwiseAbs().maxCoeff() < 1e-20);
  }

  // Where the approximation error is below the noise, a slab's residual energy is mostly noise
  // and knots placed by it are worse than the 1D rule's; the curvature of the fit finds them.
  // B2 (20,000 samples, D = 1600, the start alone): its held-out approximation error is within
  // 5% of the exact least-squares fit on the tensor grid whose knots equidistribute the true
  // marginal by |g''|^(2/5) w^(1/5) (residual-energy knots alone: 10% above it), and it trains
  // no worse than the uniform Kuhn start it was chosen against.
  void tensorStartMatchesTheOneDimensionalRuleOnB2() {
    GeneratorOptions go;
    go.trainSize = 20000;
    go.testSize = 20000;
    const GeneratedData g = generate("B2", 5, go);
    MrcOptions o{.dof = 1600, .iterations = 0, .polishSteps = 0, .flips = false};
    auto engine = makeEngine(g.train, nullptr, o);
    const Model start = engine->run();
    SimplexMesh{2, start.nodes, start.simplices}.validate();
    QCOMPARE(start.dof(), 1600);
    // The oracle: 40 knots per axis from B2's marginal g = sin(1/x) / 2 and density w = 1/x^2.
    const RowMatrix& X = g.train.X;
    const Eigen::RowVectorXd lo = X.colwise().minCoeff(), hi = X.colwise().maxCoeff();
    AxisKnots knots(2);
    for (int k = 0; k < 2; ++k) knots[k] = b2RuleKnots(lo(k), hi(k), 40);
    const RowMatrix U = (X.rowwise() - lo).array().rowwise() / (hi - lo).array();
    const SimplicialFit oracle = fitOn(SimplexMesh::tensorGrid(knots), U, g.train.Y);
    const RowMatrix Ut =
        ((g.test.X.rowwise() - lo).array().rowwise() / (hi - lo).array()).cwiseMax(0).cwiseMin(1);
    const RowMatrix oracleP = evaluateSimplicial(oracle.mesh, oracle.coefficients, Ut);
    const RowMatrix startP = start.predict(g.test.X);
    double oracleE = 0, startE = 0;
    for (long n = 0; n < Ut.rows(); ++n) {
      double y = 0;
      g.truth(g.test.X.row(n).data(), &y);
      oracleE += (oracleP(n, 0) - y) * (oracleP(n, 0) - y);
      startE += (startP(n, 0) - y) * (startP(n, 0) - y);
    }
    const double ratio = std::sqrt(startE / oracleE);
    o.tensorStart = false;
    auto kuhn = makeEngine(g.train, nullptr, o);
    QVERIFY(engine->trainingMetrics(start).rmse <= kuhn->trainingMetrics(kuhn->run()).rmse);
    qInfo("start / 1D rule (held-out approximation RMSE): %.4f", ratio);
    QVERIFY2(ratio <= 1.05, qPrintable(QString("start / 1D rule: %1").arg(ratio)));
    // The knots themselves follow the rule: no knot lies farther from the rule's than half the
    // shift a 5% uniform share in the density would make (the curvature knots had that share).
    const double priorShift = largestIndexShift(b2RuleKnots(lo(0), hi(0), 40, 0.05), knots[0]);
    for (int k = 0; k < 2; ++k) {
      std::set<double> unique(start.nodes.col(k).begin(), start.nodes.col(k).end());
      const std::vector<double> startKnots(unique.begin(), unique.end());
      QCOMPARE(int(startKnots.size()), 40);
      const double shift = largestIndexShift(startKnots, knots[k]);
      qInfo("axis %d: knots off the 1D rule's by up to %.3f of a spacing (5%% uniform: %.3f)", k,
            shift, priorShift);
      QVERIFY2(shift < 0.5 * priorShift,
               qPrintable(QString("%1 vs %2").arg(shift).arg(priorShift)));
    }
  }

  // At the noise floor a data-dependent flip that lowers the training error may only be fitting
  // the noise: there the flips are made only if, chosen without a fold of the samples, they
  // lower that fold's error. B2 is additive, so on a tensor grid flips cannot lower its
  // approximation error: at the floor the check refuses them, and the default fit (which stops
  // at its start there) keeps the start's triangles, and is no farther from the truth than the
  // start with the flips made anyway. Where flips do pay (a steep oblique front on a uniform
  // grid) the check lets them through.
  void flipsAtTheNoiseFloorMustPayOnHeldOutSamples() {
    GeneratorOptions go;
    go.trainSize = 20000;
    go.testSize = 20000;
    const GeneratedData g = generate("B2", 5, go);
    MrcOptions o{.dof = 1600, .iterations = 0, .polishSteps = 0, .flips = false};
    auto startEngine = makeEngine(g.train, nullptr, o);
    const Model start = startEngine->run();
    auto fitted = makeEngine(g.train, nullptr, MrcOptions{.dof = 1600});
    const Model model = fitted->run();
    QCOMPARE(fitted->iteration(), 0);  // the start is at the noise floor
    QVERIFY(model.simplices == start.simplices);
    QVERIFY(model.nodes == start.nodes);
    // The same start, flipped anyway.
    const RowMatrix& X = g.train.X;
    const Eigen::RowVectorXd lo = X.colwise().minCoeff(), hi = X.colwise().maxCoeff();
    const RowMatrix U = (X.rowwise() - lo).array().rowwise() / (hi - lo).array();
    SimplicialFit flipped = fitOn(SimplexMesh{2, start.nodes, start.simplices}, U, g.train.Y);
    const std::vector<double> noise = localNoiseVariance(U, g.train.Y);
    const double minVolume = 1e-6 / start.simplices.rows();
    QVERIFY(!flipsPayOnHeldOutSamples(flipped.mesh, U, g.train.Y, noise, minVolume, 0, 4, 4));
    const int flips = flipEdges(flipped.mesh, flipped.coefficients, flipped.located, U, g.train.Y,
                                noise, minVolume);
    QVERIFY(flips > 0);  // the training error alone would have flipped
    flipped.mesh.validate();
    flipped = fitOn(std::move(flipped.mesh), U, g.train.Y);
    const RowMatrix Ut =
        ((g.test.X.rowwise() - lo).array().rowwise() / (hi - lo).array()).cwiseMax(0).cwiseMin(1);
    const RowMatrix flippedP = evaluateSimplicial(flipped.mesh, flipped.coefficients, Ut);
    const RowMatrix modelP = model.predict(g.test.X);
    double flippedE = 0, modelE = 0;
    for (long n = 0; n < Ut.rows(); ++n) {
      double y = 0;
      g.truth(g.test.X.row(n).data(), &y);
      flippedE += (flippedP(n, 0) - y) * (flippedP(n, 0) - y);
      modelE += (modelP(n, 0) - y) * (modelP(n, 0) - y);
    }
    qInfo("approximation RMSE: fit %.6g, its start flipped anyway %.6g",
          std::sqrt(modelE / Ut.rows()), std::sqrt(flippedE / Ut.rows()));
    QVERIFY(modelE <= flippedE);

    const RowMatrix V = testutil::randomPoints(8000, 2, 3), Z = values(V, front, 0.01);
    const SimplicialFit grid = fitOn(SimplexMesh::kuhnGrid(2, 12), V, Z);
    QVERIFY(flipsPayOnHeldOutSamples(grid.mesh, V, Z, localNoiseVariance(V, Z), 1e-9, 0, 4, 4));
  }

  // The polish never raises the training error, keeps every mesh valid after every accepted
  // step, keeps face nodes on their faces and corners fixed, and does lower the error.
  void polishLowersTheErrorAndKeepsTheMeshValid_data() { testutil::dimensionRows(); }
  void polishLowersTheErrorAndKeepsTheMeshValid() {
    QFETCH(int, dim);
    const RowMatrix U = testutil::randomPoints(dim == 2 ? 4000 : 6000, dim, 2);
    const RowMatrix Y = values(U, dim == 2 ? front : front3);
    SimplicialFit fit = fitOn(SimplexMesh::kuhnGrid(dim, dim == 2 ? 7 : 4), U, Y);
    const SimplexMesh start = fit.mesh;
    const double before = fit.sse;
    PolishSettings settings;
    settings.steps = 12;
    settings.minVolume = 1e-9;
    settings.keepTrail = true;
    const PolishReport report = polishSimplicial(fit, refitFor(U, Y), settings);
    QVERIFY(report.accepted > 0);
    QCOMPARE(int(report.trail.size()), report.accepted);
    double previous = before;
    for (const RowMatrix& nodes : report.trail) {
      const SimplexMesh m{dim, nodes, start.simplices};
      m.validate(1e-9);
      checkFacesKept(start, nodes);
      const double sse = fitOn(m, U, Y).sse;
      QVERIFY2(sse <= previous * (1 + 1e-12),
               qPrintable(QString("%1 > %2").arg(sse).arg(previous)));
      previous = sse;
    }
    QVERIFY2(fit.sse < 0.9 * before, qPrintable(QString("%1 -> %2").arg(before).arg(fit.sse)));
  }

  // Below the noise floor the polish does not move anything: it would fit the noise.
  void polishStopsAtTheNoiseFloor() {
    const RowMatrix U = testutil::randomPoints(3000, 2, 3), Y = values(U, front, 0.1);
    SimplicialFit fit = fitOn(SimplexMesh::kuhnGrid(2, 6), U, Y);
    const RowMatrix nodes = fit.mesh.nodes;
    PolishSettings settings;
    settings.noiseFloor = 1.01 * fit.sse;
    QCOMPARE(polishSimplicial(fit, refitFor(U, Y), settings).accepted, 0);
    QVERIFY(fit.mesh.nodes == nodes);
  }

  // Flips on an oblique front: they happen, keep the mesh valid, and the refit error falls.
  void flipsAlignEdgesWithAFront() {
    const RowMatrix U = testutil::randomPoints(5000, 2, 4), Y = values(U, front);
    SimplicialFit fit = fitOn(SimplexMesh::kuhnGrid(2, 9), U, Y);
    const double before = fit.sse;
    const int flips = flipEdges(fit.mesh, fit.coefficients, fit.located, U, Y, {}, 1e-9);
    QVERIFY(flips > 0);
    fit.mesh.validate(1e-9);
    // The samples' simplices and coordinates were updated in place: they reproduce x.
    for (long n = 0; n < U.rows(); ++n) {
      RowMatrix x = RowMatrix::Zero(1, 2);
      for (int k = 0; k < 3; ++k)
        x += fit.located.lambda(n, k) *
             fit.mesh.nodes.row(fit.mesh.simplices(fit.located.simplex[n], k));
      QVERIFY((x - U.row(n)).cwiseAbs().maxCoeff() < 1e-12);
      QVERIFY(fit.located.lambda.row(n).minCoeff() >= 0);
    }
    const double after = fitOn(fit.mesh, U, Y).sse;
    QVERIFY2(after < before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
  }

  // Flips leave a function that no flip can improve alone (a plane) untouched.
  void noFlipsOnAPlane() {
    const RowMatrix U = testutil::randomPoints(2000, 2, 5);
    const RowMatrix Y = values(U, [](const double* x) { return 2 * x[0] - x[1]; });
    SimplicialFit fit = fitOn(SimplexMesh::kuhnGrid(2, 6), U, Y);
    QCOMPARE(flipEdges(fit.mesh, fit.coefficients, fit.located, U, Y, {}, 1e-9), 0);
  }

  // Collapses: the node count falls by exactly the count asked, the mesh is valid after each
  // round, corners stay, face nodes merge only along their face.
  void collapsesKeepTheMeshValid_data() { testutil::dimensionRows(); }
  void collapsesKeepTheMeshValid() {
    QFETCH(int, dim);
    SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, dim == 2 ? 8 : 5);
    RowMatrix c = RowMatrix::Zero(mesh.nodeCount(), 1);
    for (int i = 0; i < mesh.nodeCount(); ++i) c(i, 0) = front(mesh.nodes.row(i).data());
    Random r(6);
    for (int round = 0; round < 4; ++round) {
      std::vector<int> order(mesh.nodeCount());
      for (int i = 0; i < mesh.nodeCount(); ++i) order[i] = i;
      r.shuffle(order);
      const int before = mesh.nodeCount();
      const RowMatrix positions = mesh.nodes;
      const CollapseResult res = collapseNodes(mesh, c, order, 5, 1e-9);
      QCOMPARE(int(res.removed.size()), 5);
      QCOMPARE(mesh.nodeCount(), before - 5);
      QCOMPARE(c.rows(), long(mesh.nodeCount()));
      mesh.validate(1e-9);
      QCOMPARE(int(mesh.cornerNodes().size()), 1 << dim);
      for (int i = 0; i < before; ++i)
        if (res.nodeMap[i] >= 0) QVERIFY(mesh.nodes.row(res.nodeMap[i]) == positions.row(i));
    }
  }

  // The edge gain is directional: on a function of x1 alone, the best edges to bisect have an
  // x1 extent; edges along x2 gain far less (their new hat still varies a little along x1).
  void edgeGainsAreDirectional() {
    const RowMatrix U = testutil::randomPoints(6000, 2, 7);
    const RowMatrix Y = values(U, [](const double* x) { return std::sin(6 * x[0]); });
    SimplicialFit fit = fitOn(SimplexMesh::kuhnGrid(2, 6), U, Y);
    RowMatrix residual(U.rows(), 1);
    for (long n = 0; n < U.rows(); ++n) {
      residual(n, 0) = -Y(n, 0);
      for (int a = 0; a < 3; ++a)
        residual(n, 0) += fit.located.lambda(n, a) *
                          fit.coefficients(fit.mesh.simplices(fit.located.simplex[n], a), 0);
    }
    const EdgeGains g = edgeGains(fit.mesh, fit.located, residual, {});
    double along = 0, across = 0;
    for (size_t e = 0; e < g.edges.size(); ++e) {
      const double dx =
          std::abs(fit.mesh.nodes(g.edges[e][0], 0) - fit.mesh.nodes(g.edges[e][1], 0));
      (dx < 1e-12 ? across : along) = std::max(dx < 1e-12 ? across : along, g.gain(long(e)));
    }
    QVERIFY2(across < 0.3 * along, qPrintable(QString("%1 vs %2").arg(across).arg(along)));
  }

  // The noise estimate reads curvature as curvature: ~0 on a noise-free quadratic, ~sigma^2
  // with noise (2D and 1D); in 1D a jump is not noise.
  void noiseEstimateTellsNoiseFromStructure() {
    const RowMatrix U = testutil::randomPoints(8000, 2, 8);
    auto mean = [](const std::vector<double>& v) {
      double s = 0;
      for (double x : v) s += x;
      return s / double(v.size());
    };
    // (A few samples whose neighbours cannot reproduce quadratics fall back to planes.)
    const double exact = mean(localNoiseVariance(U, values(U, quadratic)));
    QVERIFY2(exact < 1e-6 * 0.0025, qPrintable(QString::number(exact)));
    const double noisy = mean(localNoiseVariance(U, values(U, quadratic, 0.05)));
    QVERIFY2(std::abs(noisy / 0.0025 - 1) < 0.1, qPrintable(QString::number(noisy)));
    // 1D: a jump of 1 on a curved function, noise-free and noisy.
    RowMatrix X(5000, 1), Yc(5000, 1), Yn(5000, 1);
    Random r(10);
    for (long n = 0; n < X.rows(); ++n) {
      X(n, 0) = r.uniform();
      Yc(n, 0) = std::sin(5 * X(n, 0)) + (X(n, 0) > 0.4 ? 1.0 : 0.0);
      Yn(n, 0) = Yc(n, 0) + 0.05 * r.normal();
    }
    Samples1D clean = Samples1D::sorted(X, Yc), dirty = Samples1D::sorted(X, Yn);
    clean.estimateNoise();
    dirty.estimateNoise();
    double worst = 0;
    for (double v : clean.noise) worst = std::max(worst, v);
    QVERIFY2(worst < 1e-8, qPrintable(QString::number(worst)));  // not even next to the jump
    QVERIFY2(std::abs(mean(dirty.noise) / 0.0025 - 1) < 0.1,
             qPrintable(QString::number(mean(dirty.noise))));
  }

  // The whole 2D loop with flips, gains, collapses and polish: valid after every sub-step.
  void subStepsStayValidWithTheAnisotropicLoop() {
    const RowMatrix U = testutil::randomPoints(5000, 2, 11), Y = values(U, front);
    MrcOptions o{.dof = 120, .iterations = 5};
    auto engine = makeEngine(dataset(U, Y), nullptr, o);
    engine->initialSnapshot();
    for (int s = 0; s < 5 * 6 + 1; ++s) {  // six sub-steps an iteration: polish after train
      const SnapshotPtr snap = engine->step();
      SimplexMesh{2, snap->nodes, snap->simplices}.validate();
      if (snap->phase == Phase::Reindex) QCOMPARE(int(snap->nodes.rows()), 120);
    }
    const Model best = engine->run();
    SimplexMesh{2, best.nodes, best.simplices}.validate();
    QCOMPARE(best.dof(), 120);
  }

  // The Polish sub-step (2D least squares): after Train, nodes moved and nothing else; the
  // snapshot names the moved nodes with the positions the Train snapshot had for them, the mesh
  // stays valid, the training error does not rise, and the fit is complete after it.
  void polishSubStepReportsTheMovedNodes() {
    const RowMatrix U = testutil::randomPoints(5000, 2, 11), Y = values(U, front);
    auto engine = makeEngine(dataset(U, Y), nullptr, MrcOptions{.dof = 120, .iterations = 5});
    engine->setObserver([](const SnapshotPtr&) {});  // fresh metrics after every sub-step
    QVERIFY(engine->polishes());
    SnapshotPtr before = engine->initialSnapshot();
    QCOMPARE(nextPhase(*before), Phase::Train);
    int movedSeen = 0, newEdges = 0;
    for (int iteration = 0; iteration < 3; ++iteration) {
      const SnapshotPtr trained = engine->step();
      QCOMPARE(trained->phase, Phase::Train);
      // The edges the flips created are edges of the trained mesh (and mostly new ones).
      const auto edges = [](const Snapshot& s) {
        std::set<std::array<int, 2>> e;
        for (long t = 0; t < s.simplices.rows(); ++t)
          for (int a = 0; a < 3; ++a) {
            const int u = s.simplices(t, a), v = s.simplices(t, (a + 1) % 3);
            e.insert({std::min(u, v), std::max(u, v)});
          }
        return e;
      };
      const auto now = edges(*trained), was = edges(*before);
      for (const auto& e : trained->flipped) {
        QVERIFY(now.count(e));
        newEdges += !was.count(e);
      }
      QVERIFY(trained->polishes && !completesFit(*trained));
      QCOMPARE(nextPhase(*trained), Phase::Polish);
      QVERIFY(trained->moved.empty());
      const SnapshotPtr polished = engine->step();
      QCOMPARE(polished->phase, Phase::Polish);
      QVERIFY(completesFit(*polished));
      QCOMPARE(nextPhase(*polished), Phase::Refine);
      QCOMPARE(polished->iteration, trained->iteration);
      SimplexMesh{2, polished->nodes, polished->simplices}.validate();
      QVERIFY(polished->simplices == trained->simplices);  // moves only: same cells, numbering
      QCOMPARE(polished->movedFrom.rows(), long(polished->moved.size()));
      QCOMPARE(polished->movedFrom.cols(), 2L);
      std::vector<char> moved(size_t(polished->nodes.rows()), 0);
      for (size_t r = 0; r < polished->moved.size(); ++r) {
        const int i = polished->moved[r];
        moved[size_t(i)] = 1;
        QVERIFY(polished->movedFrom.row(long(r)) == trained->nodes.row(i));
        QVERIFY(polished->nodes.row(i) != trained->nodes.row(i));
      }
      for (long i = 0; i < polished->nodes.rows(); ++i)
        if (!moved[size_t(i)]) QVERIFY(polished->nodes.row(i) == trained->nodes.row(i));
      movedSeen += int(polished->moved.size());
      QVERIFY2(polished->train.rmse <= trained->train.rmse * (1 + 1e-12),
               qPrintable(QString("%1 -> %2").arg(trained->train.rmse).arg(polished->train.rmse)));
      const SnapshotPtr refined = engine->step();
      QCOMPARE(refined->phase, Phase::Refine);
      QVERIFY(refined->moved.empty() && refined->movedFrom.rows() == 0);  // last sub-step's only
      QVERIFY(refined->flipped.empty());
      before = engine->iterate();  // interpolate, coarsen, reindex
    }
    QVERIFY(movedSeen > 0);
    QVERIFY(newEdges > 0);  // the front makes the flips pay
  }

  // Where the loop moves no nodes (3D, the Adam path, polish off) there is no Polish sub-step.
  void noPolishSubStepWhereTheLoopMovesNoNodes() {
    const RowMatrix U2 = testutil::randomPoints(3000, 2, 11), Y2 = values(U2, front);
    const RowMatrix U3 = testutil::randomPoints(3000, 3, 11), Y3 = values(U3, front);
    MrcOptions off{.dof = 64};
    off.polishSteps = 0;
    MrcOptions adam = testutil::paperRecipe(64, 2);
    auto a = makeEngine(dataset(U2, Y2), nullptr, off);
    auto b = makeEngine(dataset(U2, Y2), nullptr, adam);
    auto c = makeEngine(dataset(U3, Y3), nullptr, MrcOptions{.dof = 64});
    for (MrcEngine* e : {a.get(), b.get(), c.get()}) {
      QVERIFY(!e->polishes());
      const SnapshotPtr trained = e->step();
      QCOMPARE(trained->phase, Phase::Train);
      QVERIFY(completesFit(*trained));
      QCOMPARE(nextPhase(*trained), Phase::Refine);
      QCOMPARE(e->step()->phase, Phase::Refine);
    }
  }

  // The reference: reproducible, valid, and it trains at least as well as the fit it starts from.
  void referenceIsReproducibleAndNoWorseThanTheFit() {
    const RowMatrix U = testutil::randomPoints(3000, 2, 12), Y = values(U, front, 0.01);
    const Dataset data = dataset(U, Y);
    MrcOptions o{.dof = 64, .iterations = 3};
    auto a = makeEngine(data, nullptr, o);
    const Model fitted = a->run();
    const Model ra = a->referenceModel(fitted);
    auto b = makeEngine(data, nullptr, o);
    const Model rb = b->referenceModel(b->run());
    QVERIFY(ra.nodes == rb.nodes);
    QVERIFY(ra.coefficients == rb.coefficients);
    SimplexMesh{2, ra.nodes, ra.simplices}.validate();
    QCOMPARE(ra.dof(), 64);
    QVERIFY(a->trainingMetrics(ra).rmse <= a->trainingMetrics(fitted).rmse * (1 + 1e-12));
  }
};

QTEST_APPLESS_MAIN(TestNodeMovement)
#include "test_node_movement.moc"
