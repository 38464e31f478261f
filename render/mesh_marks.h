// What the views highlight on a simplicial mesh, derived from a snapshot alone: the support of
// a node's basis function and the edges the last refinement bisected.
#pragma once

#include <array>
#include <vector>

#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::render {

/// Simplices having `node` as a vertex: the support of psi_node.
std::vector<int> supportSimplices(const SimplexMesh& mesh, int node);

/// The edges (a, b) the last Refine bisected: an inserted node m sits at the midpoint of two of
/// its neighbours a and b (conforming bisection keeps both halves as edges of m). Where the two
/// triangles that shared (a, b) form a parallelogram, m is also the midpoint of the opposite
/// corners and that pair is listed too: the snapshot alone cannot tell them apart. Pairs come
/// out once, as (smaller, larger), sorted.
std::vector<std::array<int, 2>> bisectedEdges(const SimplexMesh& mesh,
                                              const std::vector<int>& inserted);

}  // namespace lreg::render
