// Coarsening by half-edge collapse: a node is removed by merging it into one of its neighbours;
// the simplices that shared the edge disappear and the others of its star take the neighbour
// in its place. Everything else keeps its shape, so thin cells that refinement, node movement
// or flips built survive (a Delaunay re-mesh of the kept nodes would make them round again).
// A collapse is made only if the result is a valid mesh: the link condition holds (no
// pinched or duplicated simplices), every new simplex is positively oriented, nodes on a face
// of the box merge only along that face, and corners stay.
#pragma once

#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

struct CollapseResult {
  std::vector<int> removed;  ///< removed nodes (old numbering), in removal order
  std::vector<int> nodeMap;  ///< old node -> new index, -1 when removed
};

/// Removes up to `count` nodes, trying `candidates` in order. Each removed node i goes into the
/// neighbour j whose collapse changes the function least at p_i (|c_i - f_new(p_i)|^2 with the
/// kept coefficients); a candidate with no valid collapse is skipped. New simplices must keep
/// more than `minVolume` (d! times the volume). Mesh and coefficients are compacted.
CollapseResult collapseNodes(SimplexMesh& mesh, RowMatrix& coefficients,
                             const std::vector<int>& candidates, int count, double minVolume);

}  // namespace lreg::detail
