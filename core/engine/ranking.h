// The orders the MRC loops visit cells and samples in, shared by 1D and 2D/3D.
#pragma once

#include <vector>

#include <lreg/base/random.h>
#include <lreg/base/types.h>

namespace lreg::detail {

/// The indices of `score`, highest score first; ties keep index order (deterministic).
std::vector<int> rankedByScore(const Vector& score);

/// 0..n-1 in a random order drawn from `rng` (the batches of the hard-sample counts).
std::vector<long> shuffledOrder(long n, Random& rng);

}  // namespace lreg::detail
