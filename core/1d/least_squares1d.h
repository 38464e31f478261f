// Exact least-squares coefficients for a fixed 1D mesh, via the banded normal equations:
// O(N + D) per fit with the samples pre-sorted (Samples1D).
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include <lreg/data/metrics.h>
#include "1d/banded_spd.h"
#include "1d/moments1d.h"
#include "1d/samples1d.h"

namespace lreg::detail {

/// argmin_c  sum_n |f(x_n) - y_n|^2 + (smoothing * N) * sum_i |c_i - (c_{i-1} + c_{i+1}) / 2|^2
/// from the interval sums of one data pass on `mesh`. A tiny fixed stabiliser is always added
/// so that nodes without data get a fill instead of making the system singular: the squared
/// distance of each c_i from the chord of its neighbours at p_i (zero for a line however the
/// nodes are spaced). The index-based second difference of the smoothing term would bend the
/// fill of unevenly spaced sample-free nodes (a data gap, nodes crowded between samples at a
/// front) away from the line the data on both sides continue. Returns #D by C.
RowMatrix solveLeastSquares1D(const Mesh1D& mesh, const Moments1D& moments, double smoothing);

/// The two halves of that system: the normal matrix with the penalty (#D, bandwidth 2) and the
/// right-hand side (#D by C).
BandedSpd normalMatrix1D(const Moments1D& moments, double smoothing, const Mesh1D& mesh);
RowMatrix normalRightHandSide1D(const Moments1D& moments);

/// The same, straight from the samples (`start` = samples.intervalStarts(mesh)).
RowMatrix fitLeastSquares1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, double smoothing = 0.0);

/// The sums behind the metrics at the sorted samples, in one pass without storing predictions.
MetricSums metricSumsSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                              const Samples1D& samples, const std::vector<long>& start);
/// MAE, RMSE and R^2 at the sorted samples in one pass, without storing predictions.
Metrics metricsSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                        const std::vector<long>& start);

/// Sum of squared residuals (over samples and outputs) per interval, by a direct pass: #D-1.
Vector residualEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                        const std::vector<long>& start);

}  // namespace lreg::detail
