// The scaling experiment of the paper's Figure 3: fit each node budget to convergence and
// measure the test error; the log-log slope of test MAE against the budget tells how the error
// falls with the degrees of freedom (the paper reads about N^(-1/d); P1 theory allows N^(-2/d)).
// Shared by `lreg scaling` and the app's scaling view.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include <lreg/data/dataset.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/engine/snapshot.h>

namespace lreg {

struct ScalingPoint {
  int dof = 0;         ///< the node budget D
  long simplices = 0;  ///< simplices of the fitted mesh
  Metrics test;        ///< of the best model on the test set
  double seconds = 0;  ///< wall time of the fit
};

/// Fits `base` with dof replaced by each budget, in order. `onPoint` after each fit. Returns the
/// points done; stops early (without a point for the fit under way) when `cancel` becomes true.
std::vector<ScalingPoint> runScaling(const Dataset& train, const Dataset& test,
                                     const std::vector<int>& dofs, const MrcOptions& base,
                                     const std::function<void(const ScalingPoint&)>& onPoint = {},
                                     const std::atomic<bool>* cancel = nullptr);

/// Least-squares slope of log(y) against log(x) (needs two distinct x; y > 0).
double logLogSlope(const std::vector<double>& x, const std::vector<double>& y);

/// The slope of test MAE against dof over `points` (MAE floored at 1e-300 for the logarithm).
double scalingSlope(const std::vector<ScalingPoint>& points);

}  // namespace lreg
