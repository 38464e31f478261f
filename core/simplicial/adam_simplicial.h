// The gradient path of Algorithm 2 on a triangle or tetrahedron mesh: minibatch Adam on the
// per-sample loss plus lambda * sum_i |c_i - mean of c over i's neighbours| (the d-D form of
// the 1D second-difference penalty), counting hard samples per simplex as it goes.
#pragma once

#include <lreg/base/random.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "engine/adam.h"

namespace lreg::detail {

/// Runs options.epochs epochs over shuffled minibatches of the located samples (targets Y,
/// #N by C). Adds hard-sample counts into `counts` (#n_t). Returns the mean loss of the last
/// epoch. The per-sample loss and the Adam update are core/loss.h's, as in 1D.
double trainAdamSimplicial(const SimplexMesh& mesh, RowMatrix& coefficients,
                           const LocatedSamples& located, const RowMatrix& Y,
                           const MrcOptions& options, AdamState& state, Random& rng,
                           Vector& counts);

}  // namespace lreg::detail
