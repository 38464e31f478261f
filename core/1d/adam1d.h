// The gradient path of Algorithm 2 for a 1D mesh: minibatch Adam on the per-sample loss plus
// lambda * ||c_i - (c_{i-1} + c_{i+1})/2||_1, counting hard samples per interval as it goes.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include <lreg/base/types.h>
#include <lreg/engine/mrc_options.h>
#include "1d/samples1d.h"
#include "engine/adam.h"

namespace lreg::detail {

/// Runs options.epochs epochs over shuffled minibatches. `cellOf[n]` is the interval of sorted
/// sample n. Adds hard-sample counts into `counts` (#D-1). Returns the mean loss of the last epoch.
double trainAdam1D(const Mesh1D& mesh, RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<int>& cellOf, const MrcOptions& options, AdamState& state,
                   Random& rng, Vector& counts);

}  // namespace lreg::detail
