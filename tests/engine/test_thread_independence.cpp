// Every data pass gives bit-for-bit the same result for any thread count (the README's
// promise): the 1D and simplicial sums, point location, residual energies, metrics, hard-sample
// counts, the noise estimates, the node polish and predictions — and whole fits, snapshot by
// snapshot, for both fit methods in 1D, 2D and 3D.
#include <QtTest>

#include <cmath>
#include <functional>
#include <numeric>
#include <vector>

#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "../core/test_util.h"
#include "1d/least_squares1d.h"
#include "1d/moments1d.h"
#include "1d/polish1d.h"
#include "1d/samples1d.h"
#include "engine/hard_samples.h"
#include "simplicial/moments_nd.h"
#include "simplicial/noise_estimate.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

const std::vector<int> kThreadCounts = {1, 2, 3, 5, 8};

// Bit-for-bit equality (NaN-free inputs): a == b element by element, shapes included.
bool same(const RowMatrix& a, const RowMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::equal(a.data(), a.data() + a.size(), b.data());
}
bool same(const Vector& a, const Vector& b) {
  return a.size() == b.size() && std::equal(a.data(), a.data() + a.size(), b.data());
}
bool same(const Metrics& a, const Metrics& b) {
  return a.mae == b.mae && a.rmse == b.rmse && a.r2 == b.r2 &&
         same(a.rmsePerOutput, b.rmsePerOutput);
}

// Runs `pass` once per thread count and checks that `equal` holds between every result and the
// one-thread result.
template <class R>
void forEveryThreadCount(const std::function<R()>& pass,
                         const std::function<bool(const R&, const R&)>& equal, const char* what) {
  setThreadCount(1);
  const R reference = pass();
  for (int t : kThreadCounts) {
    setThreadCount(t);
    QVERIFY2(equal(pass(), reference),
             qPrintable(QStringLiteral("%1 differs with %2 threads").arg(what).arg(t)));
  }
  setThreadCount(0);
}

Samples1D samples1D(long n, int outputs, std::uint64_t seed) {
  Random rng(seed);
  RowMatrix X(n, 1), Y(n, outputs);
  for (long i = 0; i < n; ++i) {
    X(i, 0) = rng.uniform();
    for (int k = 0; k < outputs; ++k) Y(i, k) = std::sin(7 * X(i, 0) + k) + 0.1 * rng.normal();
  }
  return Samples1D::sorted(X, Y);
}

Mesh1D uniformMesh(int D) {
  std::vector<double> p(static_cast<size_t>(D));
  for (int i = 0; i < D; ++i) p[size_t(i)] = double(i) / (D - 1);
  return Mesh1D(p);
}

RowMatrix unitPoints(long n, int d, std::uint64_t seed) {
  Random rng(seed);
  RowMatrix U(n, d);
  for (long i = 0; i < U.size(); ++i) U.data()[i] = rng.uniform();
  return U;
}

// Every snapshot of a fit: nodes, simplices, coefficients, counts and metrics.
std::vector<SnapshotPtr> fitSnapshots(const Dataset& train, const MrcOptions& options) {
  std::vector<SnapshotPtr> out;
  auto engine = makeEngine(train, nullptr, options);
  engine->setObserver([&](const SnapshotPtr& s) { out.push_back(s); });
  engine->run();
  return out;
}

bool sameSnapshots(const std::vector<SnapshotPtr>& a, const std::vector<SnapshotPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const Snapshot &s = *a[i], &t = *b[i];
    if (!same(s.nodes, t.nodes) || !same(s.coefficients, t.coefficients) ||
        !same(s.counts, t.counts) || s.simplices != t.simplices || !same(s.train, t.train) ||
        s.inserted != t.inserted || s.toRemove != t.toRemove || !same(s.removed, t.removed))
      return false;
  }
  return true;
}

}  // namespace

class TestThreadIndependence : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { setThreadCount(0); }

  void passes1D() {
    const Samples1D s = samples1D(20000, 2, 11);
    const Mesh1D mesh = uniformMesh(37);
    const std::vector<long> start = s.intervalStarts(mesh);
    const RowMatrix c = fitLeastSquares1D(mesh, s, start);

    forEveryThreadCount<Moments1D>([&] { return Moments1D::compute(mesh, s, start); },
                                   [](const Moments1D& a, const Moments1D& b) {
                                     return same(a.aa, b.aa) && same(a.ab, b.ab) &&
                                            same(a.bb, b.bb) && same(a.yy, b.yy) &&
                                            same(a.ay, b.ay) && same(a.by, b.by) &&
                                            same(a.count, b.count);
                                   },
                                   "1D interval sums");
    forEveryThreadCount<RowMatrix>([&] { return fitLeastSquares1D(mesh, s, start); },
                                   [](auto& a, auto& b) { return same(a, b); }, "1D least squares");
    forEveryThreadCount<Vector>([&] { return residualEnergy1D(mesh, c, s, start); },
                                [](auto& a, auto& b) { return same(a, b); }, "1D residual energy");
    forEveryThreadCount<Metrics>([&] { return metricsSorted1D(mesh, c, s, start); },
                                 [](auto& a, auto& b) { return same(a, b); }, "1D metrics");

    const std::vector<int> cell = Samples1D::intervalOfEach(start);
    std::vector<long> order(s.x.size());
    std::iota(order.begin(), order.end(), 0L);
    Random rng(3);
    rng.shuffle(order);
    forEveryThreadCount<Vector>(
        [&] { return hardSampleCounts1D(mesh, c, s, cell, order, 256, 16); },
        [](auto& a, auto& b) { return same(a, b); }, "1D hard-sample counts");

    const Moments1D m = Moments1D::compute(mesh, s, start);
    forEveryThreadCount<PolishResult>(
        [&] {
          return polishNodes1D(
              mesh, c, m,
              [&](const Mesh1D& trial) {
                return Moments1D::compute(trial, s, s.intervalStarts(trial));
              },
              0.0, 1e-7, 8);
        },
        [](const PolishResult& a, const PolishResult& b) {
          return a.mesh.nodes() == b.mesh.nodes() && same(a.coefficients, b.coefficients) &&
                 a.sse == b.sse;
        },
        "1D node polish");
  }

  void passesSimplicial_data() { testutil::dimensionRows(); }
  void passesSimplicial() {
    QFETCH(int, dim);
    const SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, dim == 2 ? 9 : 4);
    const SimplexLocator locator(mesh);
    const RowMatrix U = unitPoints(15000, dim, 5);
    RowMatrix Y(U.rows(), 2);
    for (long i = 0; i < U.rows(); ++i) {
      Y(i, 0) = std::sin(5 * U(i, 0)) * U(i, 1);
      Y(i, 1) = std::cos(3 * U(i, 1)) + 0.05 * std::sin(97.0 * double(i));
    }
    forEveryThreadCount<LocatedSamples>([&] { return LocatedSamples::locate(mesh, locator, U); },
                                        [](const LocatedSamples& a, const LocatedSamples& b) {
                                          return a.simplex == b.simplex && same(a.lambda, b.lambda);
                                        },
                                        "point location");
    const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
    forEveryThreadCount<MomentsND>([&] { return MomentsND::compute(mesh, located, Y); },
                                   [](const MomentsND& a, const MomentsND& b) {
                                     return same(a.G, b.G) && same(a.B, b.B) && same(a.yy, b.yy) &&
                                            same(a.count, b.count);
                                   },
                                   "per-simplex sums");
    const RowMatrix c = solveLeastSquaresND(mesh, MomentsND::compute(mesh, located, Y), 0.0);
    forEveryThreadCount<RowMatrix>([&] { return evaluateSimplicial(mesh, c, U); },
                                   [](auto& a, auto& b) { return same(a, b); },
                                   "simplicial evaluation");
    forEveryThreadCount<std::vector<double>>([&] { return localNoiseVariance(U, Y); },
                                             [](auto& a, auto& b) { return a == b; },
                                             "noise estimate");
    std::vector<long> order(size_t(U.rows()));
    std::iota(order.begin(), order.end(), 0L);
    Random rng(9);
    rng.shuffle(order);
    forEveryThreadCount<Vector>(
        [&] { return hardSampleCountsSimplicial(mesh, c, located, Y, order, 256, 16); },
        [](auto& a, auto& b) { return same(a, b); }, "simplicial hard-sample counts");
    const RowMatrix P = evaluateSimplicial(mesh, c, U);
    forEveryThreadCount<Metrics>([&] { return computeMetrics(Y, P); },
                                 [](auto& a, auto& b) { return same(a, b); }, "metrics");
  }

  void wholeFits_data() {
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("fit");
    QTest::newRow("1D lstsq") << "C"
                              << "lstsq";
    QTest::newRow("1D adam/counts") << "B1"
                                    << "adam";
    QTest::newRow("2D lstsq") << "A2"
                              << "lstsq";
    QTest::newRow("2D adam/counts") << "A2"
                                    << "adam";
    QTest::newRow("2D vector lstsq") << "appc4"
                                     << "lstsq";
    QTest::newRow("3D lstsq") << "3d"
                              << "lstsq";
  }
  void wholeFits() {
    QFETCH(QString, set);
    QFETCH(QString, fit);
    Dataset train;
    if (set == "3d") {
      train.X = unitPoints(6000, 3, 21);
      train.Y.resize(train.X.rows(), 1);
      for (long i = 0; i < train.X.rows(); ++i)
        train.Y(i, 0) = std::tanh(20 * (train.X(i, 0) - 0.5)) + train.X(i, 1) * train.X(i, 2);
      train.source = "tanh front";
    } else {
      GeneratorOptions g;
      g.trainSize = 6000;
      train = generate(set.toStdString(), 4, g).train;
    }
    MrcOptions options{.dof = train.dim() == 1 ? 48 : 125, .iterations = 4};
    if (fit == "adam") {
      options.fit = FitMethod::Adam;
      options.indicator = Indicator::HardSampleCounts;
      options.epochs = 2;
    }
    options.device = Device::Cpu;
    // Without noise awareness: at this budget the fit is at its noise floor after a round or two
    // and would stop there (the noise estimate is compared on its own above).
    options.noiseAware = false;
    QVERIFY(fitSnapshots(train, options).size() >= 4 * 5);  // every sub-step of 4 iterations
    forEveryThreadCount<std::vector<SnapshotPtr>>([&] { return fitSnapshots(train, options); },
                                                  sameSnapshots, "a whole fit");
  }
};

QTEST_GUILESS_MAIN(TestThreadIndependence)
#include "test_thread_independence.moc"
