// What noise leaves in a least-squares fit, shared by the 1D and simplicial loops: the part of
// a cell's residual energy a better mesh can still remove, and the noise level itself.
#pragma once

#include <vector>

namespace lreg::detail {

/// A cell's residual energy less its noise floor: `noise` is the sum of its samples' noise
/// variance estimates, of which the fit absorbs about one degree of freedom per cell
/// ((count - 1) / count remain). Never below 1e-3 of the energy, so that the ranking among
/// cells at the floor still follows their residuals.
double approximationEnergy(double residual, double noise, double count);

/// The sum of squared residuals that noise alone leaves after a least-squares fit with `dof`
/// coefficients to the samples with these noise variance estimates, (N - dof) sigma^2, raised
/// by three standard deviations of its estimate and by 5%: a fit at or below it has at most 5%
/// of the noise energy left to explain, less than moving nodes after the noise would cost in
/// generalisation. 0 for no estimates (no noise awareness).
double noiseFloorEnergy(const std::vector<double>& variance, int dof);

/// The standard deviation of the noise on one output, from per-sample noise variance
/// estimates summed over `outputs` outputs (0 for none).
double noiseStandardDeviation(const std::vector<double>& variance, int outputs);

}  // namespace lreg::detail
