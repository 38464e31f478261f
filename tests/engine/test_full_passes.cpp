// IntervalGrid (the 1D passes over unsorted rows) finds Mesh1D::locate's interval exactly. The
// 2D/3D pass over every sample (the final refit and the streamed blocks): PassLocator finds
// the same simplex and the same coordinates as SimplexLocator, bit for bit, and its per-simplex
// sums assemble to the same normal equations as the loop's sums over located samples, for one
// output (the lane kernel) and several, on a distorted mesh, with samples on vertices, edges,
// the box's border and outside it; any thread count gives the same bits. The metrics of both
// passes (1D sorted, blocks) agree with the two-pass figures on targets with a large offset and
// on large values; targets whose squares overflow are refused.
#include <QtTest>

#include <cmath>
#include <memory>

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/data/dataset.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "../core/test_util.h"
#include "engine/full_passes.h"
#include "engine/interval_grid.h"
#include "simplicial/moments_nd.h"
#include "simplicial/pass_locator.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

// A Kuhn grid with its interior nodes moved by up to a fifth of a cell: simplices of many
// shapes, still a valid tiling of the unit box.
SimplexMesh distortedGrid(int dim, int m) {
  SimplexMesh mesh = SimplexMesh::kuhnGrid(dim, m);
  Random r(7);
  for (long i = 0; i < mesh.nodes.rows(); ++i) {
    bool interior = true;
    for (int k = 0; k < dim; ++k)
      interior = interior && mesh.nodes(i, k) > 1e-9 && mesh.nodes(i, k) < 1 - 1e-9;
    if (interior)
      for (int k = 0; k < dim; ++k) mesh.nodes(i, k) += r.uniform(-0.2, 0.2) / m;
  }
  return mesh;
}

// Random points, every node, every edge's midpoint, points on the box's faces and a few
// outside it (clamped into the box by both locators).
Dataset samples(const SimplexMesh& mesh, long random, int outputs) {
  const int d = mesh.dim;
  std::vector<std::vector<double>> points;
  Random r(11);
  for (long n = 0; n < random; ++n) {
    std::vector<double> x(static_cast<size_t>(d));
    for (double& v : x) v = r.uniform();
    points.push_back(x);
  }
  for (long i = 0; i < mesh.nodes.rows(); ++i)
    points.emplace_back(mesh.nodes.row(i).data(), mesh.nodes.row(i).data() + d);
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int a = 0; a <= d; ++a)
      for (int b = a + 1; b <= d; ++b) {
        std::vector<double> x(static_cast<size_t>(d));
        for (int k = 0; k < d; ++k)
          x[size_t(k)] =
              0.5 * (mesh.nodes(mesh.simplices(t, a), k) + mesh.nodes(mesh.simplices(t, b), k));
        points.push_back(x);
      }
  for (int n = 0; n < 200; ++n) {
    std::vector<double> x(static_cast<size_t>(d));
    for (double& v : x) v = r.uniform();
    x[size_t(n % d)] = n % 3 == 0 ? 0.0 : (n % 3 == 1 ? 1.0 : (n % 2 ? -0.25 : 1.5));
    points.push_back(x);
  }
  Dataset data;
  data.X.resize(long(points.size()), d);
  data.Y.resize(long(points.size()), outputs);
  for (long n = 0; n < data.X.rows(); ++n) {
    double s = 0;
    for (int k = 0; k < d; ++k) s += (k + 1) * (data.X(n, k) = points[size_t(n)][size_t(k)]);
    for (int c = 0; c < outputs; ++c) data.Y(n, c) = std::sin(3 * s + c) + 0.1 * r.normal();
  }
  return data;
}

Normalizer unitBox(int d) {
  Normalizer n;
  n.lo = Vector::Zero(d);
  n.hi = Vector::Ones(d);
  return n;
}

// The global normal equations of per-simplex sums: sum_t P_t^T G_t P_t, sum_t P_t^T B_t, and
// the totals of |y|^2 and of the counts (in the last two entries of the first row of rhs).
struct Assembled {
  RowMatrix lhs, rhs;
  double yy = 0, count = 0;
};
Assembled assemble(const SimplexMesh& mesh, const MomentsND& m) {
  const int v = mesh.dim + 1, C = m.outputs;
  Assembled a;
  a.lhs = RowMatrix::Zero(mesh.nodes.rows(), mesh.nodes.rows());
  a.rhs = RowMatrix::Zero(mesh.nodes.rows(), C);
  for (int t = 0; t < mesh.simplexCount(); ++t) {
    for (int i = 0; i < v; ++i) {
      for (int j = 0; j < v; ++j)
        a.lhs(mesh.simplices(t, i), mesh.simplices(t, j)) += m.G(t, i * v + j);
      for (int c = 0; c < C; ++c) a.rhs(mesh.simplices(t, i), c) += m.B(t, i * C + c);
    }
    a.yy += m.yy(t);
    a.count += m.count(t);
  }
  return a;
}

double relativeDifference(const RowMatrix& a, const RowMatrix& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(a.cwiseAbs().maxCoeff(), 1e-300);
}

bool same(const RowMatrix& a, const RowMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::equal(a.data(), a.data() + a.size(), b.data());
}
bool same(const Vector& a, const Vector& b) {
  return a.size() == b.size() && std::equal(a.data(), a.data() + a.size(), b.data());
}

// A distorted grid of the box in `dim` dimensions, its locator, samples on it (`random` of them
// at random, plus nodes, midpoints and points on and outside the faces) and their passes.
struct GridPasses {
  SimplexMesh mesh;
  SimplexLocator frames;
  std::shared_ptr<const Dataset> data;
  std::shared_ptr<const FullPasses> passes;

  GridPasses(int dim, int outputs, long random)
      : mesh(distortedGrid(dim, dim == 2 ? 12 : 5)),
        frames(mesh),
        data(std::make_shared<Dataset>(samples(mesh, random, outputs))),
        passes(makeFullPasses(memorySource(*data, 0, data), unitBox(dim), serialCommunicator())) {}
};

}  // namespace

class TestFullPasses : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { setThreadCount(0); }

  // A graded mesh (intervals from 1e-6 to 0.1 wide): random points, every node, the points just
  // below and above each node, and points outside the domain.
  void intervalGridIsMeshLocate() {
    std::vector<double> nodes{0.0};
    Random r(5);
    while (nodes.back() < 1.0) nodes.push_back(nodes.back() + std::pow(10.0, r.uniform(-6, -1)));
    nodes.back() = 1.0;
    const Mesh1D mesh(nodes);
    const IntervalGrid grid(mesh);
    std::vector<double> queries{-1.0, -1e-300, 1.0, 1.5, 2.0};
    for (int n = 0; n < 100000; ++n) queries.push_back(r.uniform());
    for (double p : nodes)
      queries.insert(queries.end(), {p, std::nextafter(p, -1.0), std::nextafter(p, 2.0)});
    for (double x : queries) QCOMPARE(grid.locate(x), mesh.locate(x));
  }

  void locatorsAgree_data() { testutil::dimensionRows(); }
  // Random points lie inside one simplex (never on a face): both locators name it and give the
  // same coordinates, in scalars and in lanes.
  void locatorsAgree() {
    QFETCH(int, dim);
    const SimplexMesh mesh = distortedGrid(dim, dim == 2 ? 12 : 5);
    const SimplexLocator frames(mesh);
    const Dataset data = samples(mesh, 20000, 1);
    auto check = [&](const auto& locator) {
      double lambda[4], expected[4];
      for (long n = 0; n < 20000; ++n) {
        const double* x = data.X.row(n).data();
        const int t = frames.locate(x, expected);
        QCOMPARE(locator.locate(x, lambda), t);
        for (int a = 0; a <= dim; ++a) QCOMPARE(lambda[a], expected[a]);
        Lanes l;
        QCOMPARE(locator.locate(x, l), t);
        int guessed;
        Lanes g;
        if (locator.guess(x, guessed, g)) {
          QCOMPARE(guessed, t);
          for (int a = 0; a <= dim; ++a) QCOMPARE(g[a], expected[a]);
        }
        for (int a = 0; a <= dim; ++a) QCOMPARE(l[a], expected[a]);
        for (int a = dim + 1; a < 4; ++a) QCOMPARE(l[a], 0.0);
      }
    };
    if (dim == 2)
      check(PassLocator<2>(mesh, frames));
    else
      check(PassLocator<3>(mesh, frames));
  }

  void sumsMatchLocatedSamples_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("outputs");
    QTest::newRow("2D, one output") << 2 << 1;
    QTest::newRow("2D, two outputs") << 2 << 2;
    QTest::newRow("3D, one output") << 3 << 1;
    QTest::newRow("3D, three outputs") << 3 << 3;
  }
  void sumsMatchLocatedSamples() {
    QFETCH(int, dim);
    QFETCH(int, outputs);
    const GridPasses grid(dim, outputs, 150000);
    const MomentsND pass = grid.passes->moments(grid.mesh, grid.frames);
    RowMatrix U = grid.data->X.cwiseMax(0.0).cwiseMin(1.0);
    const MomentsND loop = MomentsND::compute(
        grid.mesh, LocatedSamples::locate(grid.mesh, grid.frames, U), grid.data->Y);
    // The pass's own G is symmetric bit for bit.
    const int v = dim + 1;
    for (int t = 0; t < grid.mesh.simplexCount(); ++t)
      for (int a = 0; a < v; ++a)
        for (int b = 0; b < v; ++b) QCOMPARE(pass.G(t, a * v + b), pass.G(t, b * v + a));
    const Assembled a = assemble(grid.mesh, pass), b = assemble(grid.mesh, loop);
    QCOMPARE(a.count, double(grid.data->X.rows()));
    QCOMPARE(b.count, a.count);
    QVERIFY2(relativeDifference(a.lhs, b.lhs) < 1e-12,
             qPrintable(QString::number(relativeDifference(a.lhs, b.lhs))));
    QVERIFY2(relativeDifference(a.rhs, b.rhs) < 1e-12,
             qPrintable(QString::number(relativeDifference(a.rhs, b.rhs))));
    QVERIFY(std::abs(a.yy - b.yy) <= 1e-12 * b.yy);
  }

  void threadCountIndependent_data() { sumsMatchLocatedSamples_data(); }
  // Several chunks (more than 2^15 rows each is one): the same bits on 1, 2 and 3 threads.
  void threadCountIndependent() {
    QFETCH(int, dim);
    QFETCH(int, outputs);
    const GridPasses grid(dim, outputs, 300000);
    setThreadCount(1);
    const MomentsND reference = grid.passes->moments(grid.mesh, grid.frames);
    for (int threads : {2, 3}) {
      setThreadCount(threads);
      const MomentsND m = grid.passes->moments(grid.mesh, grid.frames);
      QVERIFY2(same(m.G, reference.G) && same(m.B, reference.B) && same(m.yy, reference.yy) &&
                   same(m.count, reference.count),
               qPrintable(QString("differs with %1 threads").arg(threads)));
    }
  }

  // SST as sum y^2 - N mean^2 cancelled on y = 1e9 + sin(6x): R^2 read 0 (the fit's is 0.9998).
  // Values near 1e140 keep finite squares in the sums' units; targets near 1e300 are refused.
  void metricsOnOffsetAndHugeTargets_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("scale");
    QTest::newRow("1D offset 1e9") << 1 << 1e9 << 1.0;
    QTest::newRow("2D offset 1e9") << 2 << 1e9 << 1.0;
    QTest::newRow("1D values 1e140") << 1 << 0.0 << 1e140;
    QTest::newRow("2D values 1e140") << 2 << 0.0 << 1e140;
    QTest::newRow("1D values 1e300") << 1 << 0.0 << 1e300;
    QTest::newRow("2D values 1e300") << 2 << 0.0 << 1e300;
  }
  void metricsOnOffsetAndHugeTargets() {
    QFETCH(int, dim);
    QFETCH(double, offset);
    QFETCH(double, scale);
    Random r(5);
    auto data = std::make_shared<Dataset>();
    data->source = "offset.csv";
    const long n = 3000;
    data->X.resize(n, dim);
    data->Y.resize(n, 1);
    for (long i = 0; i < n; ++i) {
      double s = 0;
      for (int k = 0; k < dim; ++k) s += (data->X(i, k) = r.uniform());
      data->Y(i, 0) = offset + scale * (std::sin(6 * s) + 0.05 * r.normal());
    }
    MrcOptions o;
    o.dof = dim == 1 ? 16 : 64;
    o.iterations = 3;
    if (scale > 1e150) {  // squares beyond double's range: refused, naming the first row
      data->Y(1234, 0) = 2e300;
      for (long i = 0; i < 1234; ++i) data->Y(i, 0) = std::sin(double(i));
      try {
        fit(*data, o);
        QFAIL("targets near 1e300 were fitted");
      } catch (const Error& e) {
        QCOMPARE(QString(e.what()),
                 QString("offset.csv: row 1235, target column 1: 2e+300 is beyond "
                         "1e150 in size (its square overflows the "
                         "least-squares sums): scale the targets"));
      }
      return;
    }
    const Model model = fit(*data, o);
    // The two-pass figures in units where squares stay finite (the predictions, like the
    // targets, carry rounding errors of about 1e-16 of the offset: the tolerances below).
    const RowMatrix P = model.predict(data->X);
    const Metrics exact =
        computeMetrics((data->Y.array() - offset) / scale, (P.array() - offset) / scale);
    QVERIFY2(exact.r2 > 0.9, qPrintable(QString::number(exact.r2)));
    const auto passes =
        makeFullPasses(memorySource(*data, 0, data), model.normalizer, serialCommunicator());
    const Metrics m = passes->metrics(model);
    QVERIFY2(std::abs(m.r2 - exact.r2) < 1e-7,
             qPrintable(QString("R2 %1 vs %2").arg(m.r2, 0, 'g', 12).arg(exact.r2, 0, 'g', 12)));
    QVERIFY2(std::isfinite(m.rmse) && std::abs(m.rmse / (scale * exact.rmse) - 1) < 1e-6,
             qPrintable(QString("RMSE %1 vs %2").arg(m.rmse).arg(scale * exact.rmse)));
    QVERIFY(std::abs(m.mae / (scale * exact.mae) - 1) < 1e-6);
  }

  // A constant target: the fit's coefficients agree to rounding (2.9999999999999982 ..
  // 3.0000000000000027 in the case found), the sums' scale is that spread, and sum t^2 - N mean^2
  // left a residue as the variance: `lreg fit` printed R^2 = -5e15 where `lreg eval` (two passes)
  // said 0, and the two-pass sum reads the mean's rounding (0.74 on one of these). Both say 0.
  void aConstantTargetHasTheTwoPassR2() {
    Random r(3);
    for (int trial = 0; trial < 100; ++trial) {
      const double level = std::exp(r.uniform() * 20), ulp = level * 2.220446049250313e-16;
      RowMatrix coefficients(3, 1), Y = RowMatrix::Constant(200, 1, level), P = Y;
      coefficients << level - std::floor(1 + 8 * r.uniform()) * ulp, level,
          level + std::floor(1 + 12 * r.uniform()) * ulp;
      for (long i = 0; i < 200; ++i) P(i, 0) = coefficients(long(3 * r.uniform()), 0);
      MetricSums sums = MetricSums::aboutCoefficients(coefficients);
      sums.add(Y.data(), P.data(), 200);
      const Metrics one = finishMetrics(sums), two = computeMetrics(Y, P);
      QCOMPARE(two.r2, 0.0);
      QCOMPARE(one.r2, two.r2);
      QCOMPARE(one.r2PerOutput(0), 0.0);
      QVERIFY(std::abs(one.rmse - two.rmse) <= 1e-6 * two.rmse);
    }
  }
};

QTEST_APPLESS_MAIN(TestFullPasses)
#include "test_full_passes.moc"
