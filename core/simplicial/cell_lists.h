// The point locators' tables: simplices bucketed into the cells of a grid over the unit box,
// each simplex in every cell its bounding box meets.
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// The simplices of every cell of a grid of extent[0] x extent[1] x extent[2] cells (1 along
/// the axes a 2D mesh lacks), cell (x, y, z) at x + extent[0] * (y + extent[1] * z).
/// `cells(axis, a, b)` gives the cell range {lo, hi} that a bounding box [a, b] along `axis`
/// falls in.
template <class CellRange>
std::vector<std::vector<int>> simplicesByCell(const SimplexMesh& mesh, const int extent[3],
                                              CellRange cells) {
  std::vector<std::vector<int>> lists(size_t(extent[0]) * extent[1] * extent[2]);
  for (int t = 0; t < mesh.simplexCount(); ++t) {
    int lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
    for (int k = 0; k < mesh.dim; ++k) {
      double a = HUGE_VAL, b = -HUGE_VAL;
      for (int v = 0; v <= mesh.dim; ++v) {
        a = std::min(a, mesh.nodes(mesh.simplices(t, v), k));
        b = std::max(b, mesh.nodes(mesh.simplices(t, v), k));
      }
      std::tie(lo[k], hi[k]) = cells(k, a, b);
    }
    for (int z = lo[2]; z <= hi[2]; ++z)
      for (int y = lo[1]; y <= hi[1]; ++y)
        for (int x = lo[0]; x <= hi[0]; ++x)
          lists[size_t(x) + size_t(extent[0]) * (y + size_t(extent[1]) * z)].push_back(t);
  }
  return lists;
}

}  // namespace lreg::detail
