#include "render/mesh_marks.h"

#include <algorithm>
#include <cmath>

namespace lreg::render {

std::vector<int> supportSimplices(const SimplexMesh& mesh, int node) {
  std::vector<int> out;
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int k = 0; k <= mesh.dim; ++k)
      if (mesh.simplices(t, k) == node) {
        out.push_back(t);
        break;
      }
  return out;
}

std::vector<std::array<int, 2>> bisectedEdges(const SimplexMesh& mesh,
                                              const std::vector<int>& inserted) {
  if (inserted.empty()) return {};
  const std::vector<std::vector<int>> neighbours = mesh.nodeNeighbours();
  // Relative to the unit box: coordinates are exact midpoints up to rounding.
  constexpr double kTolerance = 1e-9;
  std::vector<std::array<int, 2>> out;
  for (int m : inserted) {
    if (m < 0 || m >= mesh.nodeCount()) continue;
    const std::vector<int>& around = neighbours[size_t(m)];
    for (size_t i = 0; i < around.size(); ++i)
      for (size_t j = i + 1; j < around.size(); ++j) {
        const int a = around[i], b = around[j];
        const double gap = (0.5 * (mesh.nodes.row(a) + mesh.nodes.row(b)) - mesh.nodes.row(m))
                               .cwiseAbs()
                               .maxCoeff();
        if (gap <= kTolerance) out.push_back({std::min(a, b), std::max(a, b)});
      }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lreg::render
