// Per-interval sums of a data pass on a 1D mesh. With a = 1 - t and b = t the two hat weights
// of a sample in interval j, everything the loop needs -- the least-squares normal equations,
// the residual energy per interval, the Gauss-Newton system of node polishing -- follows from
// these sums in O(D), so each mesh costs one streaming pass over the sorted samples.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "1d/samples1d.h"

namespace lreg::detail {

struct Moments1D {
  Vector aa, ab, bb;  ///< #D-1: sums of a^2, a b, b^2
  RowMatrix ay, by;   ///< #D-1 by C: sums of a y, b y
  Vector yy;          ///< #D-1: sum of |y|^2 over samples and outputs
  Vector count;       ///< #D-1: samples per interval

  /// One pass over the samples (multi-threaded over intervals). `start` = intervalStarts.
  static Moments1D compute(const Mesh1D& mesh, const Samples1D& samples,
                           const std::vector<long>& start);

  /// Sum of squared residuals in interval j for coefficients c (#D by C), clamped at 0.
  double residualEnergy(int j, const RowMatrix& c) const;
  /// All intervals: #D-1.
  Vector residualEnergy(const RowMatrix& c) const;
};

}  // namespace lreg::detail
