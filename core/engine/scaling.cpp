#include <lreg/engine/scaling.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>

namespace lreg {

std::vector<ScalingPoint> runScaling(const Dataset& train, const Dataset& test,
                                     const std::vector<int>& dofs, const MrcOptions& base,
                                     const std::function<void(const ScalingPoint&)>& onPoint,
                                     const std::atomic<bool>* cancel) {
  if (test.size() == 0) throw Error("the scaling experiment needs a test set");
  if (test.dim() != train.dim())
    throw Error("the test set has " + std::to_string(test.dim()) + " input columns, the " +
                "training set " + std::to_string(train.dim()));
  std::vector<ScalingPoint> points;
  for (int dof : dofs) {
    if (cancel && *cancel) break;
    MrcOptions o = base;
    o.dof = dof;
    const auto t0 = std::chrono::steady_clock::now();
    const Model m = makeEngine(train, nullptr, o)->run(cancel);
    if (cancel && *cancel) break;  // a cut-short fit is no point of the curve
    ScalingPoint p;
    p.dof = dof;
    p.simplices = long(m.simplices.rows());
    p.test = computeMetrics(test.Y, m.predict(test.X));
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    points.push_back(p);
    if (onPoint) onPoint(p);
  }
  return points;
}

double logLogSlope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = double(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += std::log(x[i]) / n, my += std::log(y[i]) / n;
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (std::log(x[i]) - mx) * (std::log(y[i]) - my);
    sxx += (std::log(x[i]) - mx) * (std::log(x[i]) - mx);
  }
  if (!(sxx > 0)) throw Error("a log-log slope needs at least two distinct budgets");
  return sxy / sxx;
}

double scalingSlope(const std::vector<ScalingPoint>& points) {
  std::vector<double> x, y;
  for (const ScalingPoint& p : points) {
    x.push_back(p.dof);
    y.push_back(std::max(p.test.mae, 1e-300));
  }
  return logLogSlope(x, y);
}

}  // namespace lreg
