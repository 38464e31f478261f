// The gradient path of Algorithm 2 for a 1D mesh: minibatch Adam on the per-sample loss plus
// lambda * ||c_i - (c_{i-1} + c_{i+1})/2||_1, counting hard samples per interval as it goes.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include <lreg/base/types.h>
#include <lreg/engine/mrc_options.h>
#include "1d/samples1d.h"

namespace lreg::detail {

/// Adam's moment estimates. Reset whenever the mesh changes: the moments belong to nodes that
/// may have moved (the authors' code kept them, which mixes statistics of different nodes).
struct AdamState {
  RowMatrix m, v;
  long step = 0;
  void reset(int D, int C) {
    m = RowMatrix::Zero(D, C);
    v = RowMatrix::Zero(D, C);
    step = 0;
  }
  /// One Adam step of every coefficient (#D by C) with gradient G (core/loss.h's adamStep).
  void apply(RowMatrix& coefficients, const RowMatrix& G, double rate);
  /// The same on `size` contiguous parameters (m and v must hold as many values).
  void apply(double* parameters, const double* G, long size, double rate);
};

/// Runs options.epochs epochs over shuffled minibatches. `cellOf[n]` is the interval of sorted
/// sample n. Adds hard-sample counts into `counts` (#D-1). Returns the mean loss of the last epoch.
double trainAdam1D(const Mesh1D& mesh, RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<int>& cellOf, const MrcOptions& options, AdamState& state,
                   Random& rng, Vector& counts);

}  // namespace lreg::detail
