// Local noise-variance estimates for scattered samples in d = 2, 3: each sample is compared
// with the affine interpolant through its d+1 nearest neighbours, scaled so that the estimate
// is unbiased when y = affine + noise (the d-D analogue of the Gasser-Sroka-Jennen-Steinmetz
// difference estimator used in 1D).
#pragma once

#include <vector>

#include <lreg/base/types.h>

namespace lreg::detail {

/// U: #N by d in the unit box, Y: #N by C. Returns #N estimates of the noise variance summed
/// over outputs. Samples whose neighbours are degenerate (collinear, duplicates) fall back to
/// half the squared difference to the nearest neighbour.
std::vector<double> localNoiseVariance(const RowMatrix& U, const RowMatrix& Y);

}  // namespace lreg::detail
