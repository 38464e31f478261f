// Refinement of a 1D mesh (Algorithm 3, lines 1-6): the midpoints of the k hardest intervals
// are inserted. Shared by the 1D loop and the connection's per-component meshes.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg::detail {

struct RefinedMesh1D {
  Mesh1D fine;                 ///< the coarse nodes plus the inserted midpoints
  Vector hardness;             ///< #fine.intervals(): a split interval's hardness halved per half
  std::vector<char> original;  ///< #fine.size(): 1 for nodes of the coarse mesh, 0 for inserted
  std::vector<int> inserted;   ///< indices (in `fine`) of the inserted nodes, increasing
};

/// Splits the (at most) k intervals of `mesh` with the largest hardness > 0 (ties: the lower
/// index first) at their midpoints, skipping intervals narrower than 2 minWidth so that the
/// halves keep the minimum width. The function on the mesh is unchanged by this: coefficients
/// move over with interpolate1D.
RefinedMesh1D refineHardest(const Mesh1D& mesh, const Vector& hardness, int k, double minWidth);

/// Per-interval amounts of the coarse mesh carried onto the refined one (#fine intervals): an
/// interval that was split gives half to each half. `original` as in RefinedMesh1D.
Vector splitAmounts(const std::vector<char>& original, const Vector& coarse);

}  // namespace lreg::detail
