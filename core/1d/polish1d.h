// Local polishing of 1D node positions: diagonal Gauss-Newton steps on the node coordinates
// with the coefficients re-solved exactly by least squares after each step (variable
// projection). MRC makes the discrete, global moves that gradients cannot; this finishes
// the job locally, so that the mesh reaches a true local minimum of the squared error.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "1d/moments1d.h"
#include "1d/samples1d.h"

namespace lreg::detail {

struct PolishResult {
  Mesh1D mesh;
  RowMatrix coefficients;
  Moments1D moments;  ///< the interval sums on `mesh`
  double sse = 0;     ///< sum of squared residuals after polishing
};

/// Runs up to `steps` accepted steps from (mesh, coefficients), which must be the exact
/// least-squares fit on `mesh` with interval sums `moments`. Interior nodes move by at most a
/// quarter of their neighbouring widths per step, and never closer than minWidth: the mesh stays
/// valid. A step that does not lower the error is halved (up to 4 times), then polishing stops.
/// `computeMoments` makes the interval sums of a trial mesh (one data pass, CPU or GPU). No
/// step is taken once the sum of squared residuals is at or below `noiseFloor` (what noise
/// alone leaves: moving nodes further would fit the noise).
using MomentsFunction = std::function<Moments1D(const Mesh1D&)>;
/// `movable` (#D, optional): the nodes that may move (the end nodes never do). `cancel`, when
/// set and true, stops before the next step (the best mesh so far is returned).
PolishResult polishNodes1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                           const Moments1D& moments, const MomentsFunction& computeMoments,
                           double smoothing, double minWidth, int steps, double noiseFloor = 0,
                           const std::vector<char>& movable = {},
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace lreg::detail
