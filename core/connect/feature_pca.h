// The connection's starting projection: standardised features and their principal directions
// (the paper's "PCA" inside SigmoidNorm).
#pragma once

#include <lreg/base/types.h>

namespace lreg::detail {

/// x_hat = (x - mean) .* inverseScale per column; a constant column gets inverseScale 0.
struct FeatureScaling {
  Vector mean, inverseScale;
};
FeatureScaling standardiseColumns(const RowMatrix& X);

struct PrincipalComponents {
  RowMatrix directions;  ///< #d by C_in unit rows, largest variance first; the largest entry
                         ///< of each row (by magnitude) is positive, so the result is unique
  Vector variances;      ///< #d variances of the standardised data along them
};
/// The d leading principal directions of the standardised rows of X, from at most
/// `maxSamples` rows (evenly strided). Deterministic; one thread.
PrincipalComponents principalComponents(const RowMatrix& X, const FeatureScaling& scaling, int d,
                                        long maxSamples = 65536);

}  // namespace lreg::detail
