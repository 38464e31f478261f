// The fit with half the nodes (simplicial/half_nodes.h): where the loop has too few samples per
// node to build its mesh, more nodes gave a worse fit (the rotated chirp below, 4,000 samples:
// test RMSE 0.0120 at D = 128, 0.0201 at D = 512). The fit with half the nodes, bisected up to
// D, is now a final candidate (0.0113 at D = 512).
#include <QtTest>

#include "../core/test_util.h"

#include <cmath>

#include <lreg/base/random.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "simplicial/half_nodes.h"

using namespace lreg;
using namespace lreg::detail;

namespace {

double rotatedChirp(const double* x) {  // 4 oscillations across the diagonal (x1 + x2 / 2)
  const double u = (x[0] + 0.5 * x[1]) / 1.5;
  return std::sin(8 * M_PI * u * u);
}
double smooth(const double* x) {
  return std::sin(3 * x[0]) * std::cos(2 * x[1]);
}

Dataset sampled(double (*f)(const double*), int n, double noise, std::uint64_t seed) {
  return testutil::sampled2D(f, n, noise, seed);
}

struct TestError {
  double rmse, standardError;  ///< on 5,000 noise-free points; the RMSE's standard error
};

// The RMSE against the noise-free function and its standard error over the test points (the
// delta method: sd of the squared errors / sqrt(M), over 2 RMSE).
TestError testError(const Model& m, double (*f)(const double*)) {
  const Dataset truth = sampled(f, 5000, 0, 77);
  const Vector e2 = (m.predict(truth.X) - truth.Y).col(0).array().square().matrix();
  const double mse = e2.mean(), rmse = std::sqrt(mse);
  const double sd = std::sqrt((e2.array() - mse).square().sum() / double(e2.size() - 1));
  return {rmse, sd / std::sqrt(double(e2.size())) / (2 * rmse)};
}

void checkMesh(const Model& m, int dof) {
  QCOMPARE(int(m.nodes.rows()), dof);
  SimplexMesh{2, m.nodes, m.simplices}.validate();
}

}  // namespace

class TestHalfNodes : public QObject {
  Q_OBJECT

 private slots:
  void shortOfSamples_() {
    QVERIFY(shortOfSamples(4000, 512, 2));     // 7.8 samples per node
    QVERIFY(!shortOfSamples(50000, 1024, 2));  // B2 at D = 1024: 49
    QVERIFY(!shortOfSamples(800, 30, 2));      // 26.7 per node, but D/2 = 15 < 16: too few to halve
    QVERIFY(shortOfSamples(800, 32, 2));       // D/2 = 16: four times the corners
  }

  // Noise-free rotated chirp: D = 512 (7.8 samples per node) is no worse than D = 128 (31) by
  // more than two standard errors of D = 128's test RMSE (without the candidate: 1.7 times).
  void moreNodesAreNoWorse() {
    const Dataset data = sampled(rotatedChirp, 4000, 0, 1);
    const Model coarse = fit(data, MrcOptions{.dof = 128});
    const Model fine = fit(data, MrcOptions{.dof = 512});
    checkMesh(coarse, 128);
    checkMesh(fine, 512);
    const TestError c = testError(coarse, rotatedChirp), f = testError(fine, rotatedChirp);
    qInfo("rotated chirp: test RMSE %g (se %g) at D = 128, %g at D = 512 (placement: %s)", c.rmse,
          c.standardError, f.rmse,
          fine.training.count("placement") ? fine.training.at("placement").c_str() : "loop");
    QVERIFY2(f.rmse <= c.rmse + 2 * c.standardError,
             qPrintable(QString("%1 vs %2").arg(f.rmse).arg(c.rmse)));
    QVERIFY(fine.training.count("placement"));  // the fit with half the nodes was taken
  }

  // Noisy smooth data, short of samples: the fit is at the noise floor and its loop with half the
  // nodes holds the floor too, so the candidate is not taken (it would only fit the noise better).
  void trueNoiseFloorKeepsTheLoopsFit() {
    const Dataset data = sampled(smooth, 4000, 0.05, 2);
    const Model m = fit(data, MrcOptions{.dof = 512});
    checkMesh(m, 512);
    QCOMPARE(QString::fromStdString(m.training.at("noise_floor")), QString("held"));
    QVERIFY(!m.training.count("placement"));
  }
};

QTEST_GUILESS_MAIN(TestHalfNodes)
#include "test_half_nodes.moc"
