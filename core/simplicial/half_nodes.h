// The loop's fit with half the nodes, for a loop with too few samples per node to build its own
// mesh. Refinement bisects an edge only if each half keeps kMinSamples samples per simplex on
// average, so with few samples per node (a uniform mesh of D nodes has about 2 D triangles) it
// may bisect only where the function needs no nodes, while refinement and coarsening still
// move D/8 nodes each round: on a rotated chirp (20,000 samples) the loop at D = 2048 jammed at
// a training RMSE of 0.0089 where the loop at D = 512 reaches 0.0047. The same samples carry
// the loop at D/2 further; its mesh bisected up to D by error gain starts from where it ended.
#pragma once

#include <atomic>
#include <optional>

#include <lreg/base/types.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/model/model.h>

namespace lreg::detail {

/// Whether the loop with `dof` nodes on `samples` samples in `dim` dimensions is short of
/// samples per node: fewer than kSamplesPerNode of them (and D/2 still at least 4 times the
/// corners of the box).
bool shortOfSamples(long samples, int dof, int dim);

/// Fewer samples per node than this makes the loop with D nodes short of samples: 8 per
/// simplex on average, twice what refinement needs before a bisection (4 per child).
inline constexpr double kSamplesPerNode = 32;

/// The loop's fit (`options`, with options.dof / 2 nodes) on the samples U (#N by d, unit box)
/// and Y; it takes the same way again where it is short of samples itself. With
/// `unlessFloorHolds`, nothing as soon as the loop's noise floor holds (checked or not).
std::optional<Model> fitWithHalfTheNodes(const RowMatrix& U, const RowMatrix& Y,
                                         const Normalizer& normalizer, const MrcOptions& options,
                                         const std::atomic<bool>* cancel, bool unlessFloorHolds);

}  // namespace lreg::detail
