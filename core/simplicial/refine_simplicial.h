// Conforming refinement of a simplicial mesh by edge bisection (the paper's Figure A2): the
// midpoint of an edge becomes a node and every simplex sharing the edge is split in two. The
// piecewise-linear function is unchanged when the new node's coefficient is the average of
// the edge's ends.
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// The longest edge of simplex t (ties: the first in vertex order), as node indices.
std::array<int, 2> longestEdge(const SimplexMesh& mesh, int t);

struct Bisection {
  std::vector<int> inserted;  ///< new node indices, one per edge
  std::vector<int> parent;    ///< for every simplex of the refined mesh, the one it came from
};

/// Bisects each edge of `edges` (distinct, existing edges) in turn. Coefficients (#D by C)
/// get rows for the new nodes (edge averages). Node indices of existing nodes do not change.
Bisection bisectEdges(SimplexMesh& mesh, RowMatrix& coefficients,
                      const std::vector<std::array<int, 2>>& edges);

}  // namespace lreg::detail
