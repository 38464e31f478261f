// Held-out accuracy of the default 1D fit, for tests: the test RMSE against the true function
// of `lreg`'s default fit on data a user would bring, and the asymptotic optimum to judge it by.
#pragma once

#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include <lreg/base/random.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>

namespace lreg::test {

// The test RMSE against the truth of the default fit at `dof` to 5000 samples of f (plus
// Gaussian noise of level `noise`), on 20000 other points: held-out data, as a user brings.
// Test points between the two training samples around each of `jumps` are left out: no sample
// says where the jump is, and the error there measures luck, not the placement. Training
// samples drawn inside `dataGap` (lo, hi) are dropped (test points there stay: a gap in the
// data, not in the function).
inline double heldOutRmse(const std::function<double(double)>& f, double noise, int dof,
                          std::uint64_t seed, const std::vector<double>& jumps = {},
                          std::pair<double, double> dataGap = {0.0, 0.0}) {
  Random r(seed);
  Dataset train;
  train.X.resize(5000, 1);
  train.Y.resize(5000, 1);
  int drawn = 0;
  for (int n = 0; n < 5000; ++n) {
    const double x = r.uniform();
    const double y = f(x) + (noise > 0 ? noise * r.normal() : 0.0);
    if (x > dataGap.first && x < dataGap.second) continue;
    train.X(drawn, 0) = x;
    train.Y(drawn++, 0) = y;
  }
  train.X.conservativeResize(drawn, 1);
  train.Y.conservativeResize(drawn, 1);
  train.inputNames = {"x"};
  train.outputNames = {"y"};
  std::vector<std::pair<double, double>> gaps;
  for (double at : jumps) {
    std::pair<double, double> gap{0.0, 1.0};
    for (int n = 0; n < drawn; ++n) {
      const double x = train.X(n, 0);
      if (x <= at)
        gap.first = std::max(gap.first, x);
      else
        gap.second = std::min(gap.second, x);
    }
    gaps.push_back(gap);
  }
  RowMatrix X(20000, 1), truth(20000, 1);
  int kept = 0;
  for (int n = 0; n < 20000; ++n) {
    const double x = r.uniform();
    if (std::any_of(gaps.begin(), gaps.end(), [&](auto g) { return x > g.first && x < g.second; }))
      continue;
    X(kept, 0) = x;
    truth(kept++, 0) = f(x);
  }
  X.conservativeResize(kept, 1);
  truth.conservativeResize(kept, 1);
  MrcOptions o;
  o.dof = dof;
  const Model m = makeEngine(train, nullptr, o)->run();
  return computeMetrics(truth, m.predict(X)).rmse;
}

// The asymptotically optimal L2 error of a continuous P1 least-squares fit with D free nodes to
// f on [0, 1] under uniform sampling: equidistributing |f''|^(2/5), each of the D - 1 intervals
// carries h^4 |f''|^2 / 720 per unit length, and the RMSE is
// sqrt((integral |f''|^(2/5))^5 / (720 (D - 1)^4)). f'' by central differences on a fine grid,
// 1e-3 around each of `jumps` left out.
inline double asymptoticOptimum(const std::function<double(double)>& f, int dof,
                                const std::vector<double>& jumps = {}) {
  constexpr int kGrid = 1 << 20;
  const double h = 1.0 / kGrid;
  double integral = 0;
  for (int i = 1; i < kGrid; ++i) {
    const double x = i * h;
    if (std::any_of(jumps.begin(), jumps.end(), [&](double at) { return std::abs(x - at) < 1e-3; }))
      continue;
    integral += std::pow(std::abs(f(x + h) - 2 * f(x) + f(x - h)) / (h * h), 0.4) * h;
  }
  return std::sqrt(std::pow(integral, 5) / (720 * std::pow(dof - 1.0, 4)));
}

// The geometric mean over data sets 1..`sets` of heldOutRmse (noise-free, test points in the
// gaps at `jumps` left out) / asymptoticOptimum; `shown` gets each ratio.
inline double meanRatioToOptimum(const std::function<double(double)>& f, int dof, int sets,
                                 QString& shown, const std::vector<double>& jumps = {}) {
  const double optimum = asymptoticOptimum(f, dof, jumps);
  double logSum = 0;
  for (int seed = 1; seed <= sets; ++seed) {
    const double ratio = heldOutRmse(f, 0, dof, std::uint64_t(seed), jumps) / optimum;
    logSum += std::log(ratio);
    shown += QString(" %1").arg(ratio, 0, 'f', 2);
  }
  return std::exp(logSum / sets);
}

}  // namespace lreg::test
