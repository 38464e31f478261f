// Local noise-variance estimates for scattered samples in d = 2, 3: each sample is compared
// with the smallest weighted sum of its nearest neighbours (8 in 2D, 14 in 3D) that reproduces
// quadratics, scaled so that the estimate is unbiased when y = quadratic + noise (the d-D
// analogue of the Gasser-Sroka-Jennen-Steinmetz difference estimator). An affine interpolant
// reads curvature as noise: on the paper's B2 it doubled the noise level.
#pragma once

#include <vector>

#include <lreg/base/types.h>

namespace lreg::detail {

/// U: #N by d in the unit box, Y: #N by C. Returns #N estimates of the noise variance summed
/// over outputs. Where the neighbours cannot reproduce quadratics the estimate uses affine
/// reproduction; where not even that (duplicates, all on a line), half the squared difference
/// to the nearest neighbour. An isolated sample (its neighbours more than 8 times as far as the
/// median sample's) takes the mean estimate of the others.
std::vector<double> localNoiseVariance(const RowMatrix& U, const RowMatrix& Y);

}  // namespace lreg::detail
