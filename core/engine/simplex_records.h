// The 2D/3D pass over every sample: each sample located (PassLocator) and added to its
// simplex's sums, with no per-sample state kept; in memory or streamed alike.
#pragma once

#include <lreg/simplicial/simplex_locator.h>
#include "engine/chunked_sums.h"
#include "simplicial/moments_nd.h"

namespace lreg::detail {

/// The per-simplex sums (MomentsND) of this process's samples of `source` on `mesh`, whose
/// frames `locator` holds; the samples are mapped to the unit box with `unit`.
MomentsND blockMomentsND(const SimplexMesh& mesh, const SimplexLocator& locator,
                         const SampleSource& source, const UnitMap& unit);

}  // namespace lreg::detail
