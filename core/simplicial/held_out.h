// Held-out checks for a fit at the noise floor. There the training error cannot tell a better
// mesh from one that fits the noise better (both lower it), so an operation chosen by it (the
// data-dependent flips) is made only if, chosen without some of the samples, it also lowers
// the error on those.
#pragma once

#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// K-fold check of the data-dependent flips (edge_flip.h) on `mesh`: for each fold f (the
/// samples n with n % folds == f) the least-squares fit on the other samples is flipped (up to
/// `passes` passes, each refitted, on those samples alone) and scored, with and without its
/// flips, on fold f. True when the flips lower the summed held-out squared error. `noise`
/// holds the samples' local noise variances (or is empty).
bool flipsPayOnHeldOutSamples(const SimplexMesh& mesh, const RowMatrix& U, const RowMatrix& Y,
                              const std::vector<double>& noise, double minVolume, double smoothing,
                              int passes, int folds);

}  // namespace lreg::detail
