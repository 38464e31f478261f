// Training samples sorted by x once, so that every mesh sees each interval's samples as one
// contiguous range: point location becomes D binary searches instead of N.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "base/uninitialized.h"

namespace lreg::detail {

struct Samples1D {
  UninitializedDoubles x;  ///< #N sorted inputs (unit domain)
  RowMatrix y;             ///< #N by C targets, in the same order
  /// #N local noise-variance estimates (summed over outputs; empty until estimateNoise()): over
  /// the 11 samples around each one, the mean squared pseudo-residual against the quadratic
  /// through each sample's four neighbours, scaled to be unbiased for y = quadratic + noise (a
  /// higher-order Gasser-Sroka-Jennen-Steinmetz estimator), outliers left out so that a jump or
  /// a kink does not count as noise. Summed over an interval it estimates the part of the
  /// residual energy no placement of nodes can remove.
  std::vector<double> noise;

  /// The rows of X (#N by 1) and Y (#N by C) sorted by X, with x mapped to (x - lo) * scale on
  /// the way (the engine's unit domain; no mapped copy of the data is made). Ties keep the input
  /// order. `unitRange`, when the caller knows it, bounds every mapped x (saves a pass over X;
  /// the order does not depend on it).
  static Samples1D sorted(MatrixView X, MatrixView Y, double lo = 0, double scale = 1,
                          std::optional<std::pair<double, double>> unitRange = std::nullopt);
  /// Fills `noise` (one pass).
  void estimateNoise();
  /// An evenly spaced subset of n samples (both ends kept).
  Samples1D subset(long n) const;
  long size() const { return static_cast<long>(x.size()); }
  int outputs() const { return static_cast<int>(y.cols()); }

  /// #D+... first sample of each interval: interval j holds samples [start[j], start[j+1]).
  /// Has mesh.size() entries; start[D-1] = N. Samples outside the mesh go to the end intervals.
  std::vector<long> intervalStarts(const Mesh1D& mesh) const;
  /// Per interval (`start` from intervalStarts(), #D-1 intervals): the sum of `noise` over its
  /// samples, the residual energy its noise leaves. Empty when there is no estimate.
  Vector noiseEnergy(const std::vector<long>& start) const;
  /// #N: the interval of each sample, from intervalStarts().
  static std::vector<int> intervalOfEach(const std::vector<long>& start);
};

}  // namespace lreg::detail
