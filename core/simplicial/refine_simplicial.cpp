#include "simplicial/refine_simplicial.h"

#include <algorithm>

namespace lreg::detail {

std::array<int, 2> longestEdge(const SimplexMesh& mesh, int t) {
  std::array<int, 2> best{mesh.simplices(t, 0), mesh.simplices(t, 1)};
  double length = -1;
  for (int a = 0; a <= mesh.dim; ++a)
    for (int b = a + 1; b <= mesh.dim; ++b) {
      const int u = mesh.simplices(t, a), v = mesh.simplices(t, b);
      const double l = (mesh.nodes.row(u) - mesh.nodes.row(v)).squaredNorm();
      if (l > length) {
        length = l;
        best = {std::min(u, v), std::max(u, v)};
      }
    }
  return best;
}

Bisection bisectEdges(SimplexMesh& mesh, RowMatrix& coefficients,
                      const std::vector<std::array<int, 2>>& edges) {
  const int v = mesh.dim + 1;
  std::vector<std::vector<int>> star = mesh.nodeSimplices();
  std::vector<std::array<int, 4>> simplices(mesh.simplexCount());
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int k = 0; k < v; ++k) simplices[t][k] = mesh.simplices(t, k);
  Bisection result;
  result.parent.resize(simplices.size());
  for (size_t t = 0; t < simplices.size(); ++t) result.parent[t] = int(t);
  std::vector<double> newNodes;
  std::vector<Eigen::RowVectorXd> newCoefficients;
  int nodeCount = mesh.nodeCount();
  auto position = [&](int i, int k) {
    return i < mesh.nodeCount() ? mesh.nodes(i, k)
                                : newNodes[size_t(i - mesh.nodeCount()) * mesh.dim + k];
  };
  auto coefficient = [&](int i) -> Eigen::RowVectorXd {
    return i < mesh.nodeCount() ? Eigen::RowVectorXd(coefficients.row(i))
                                : newCoefficients[size_t(i - mesh.nodeCount())];
  };
  for (const auto& e : edges) {
    const int a = e[0], b = e[1], m = nodeCount++;
    for (int k = 0; k < mesh.dim; ++k) newNodes.push_back(0.5 * (position(a, k) + position(b, k)));
    newCoefficients.push_back(0.5 * (coefficient(a) + coefficient(b)));
    star.emplace_back();
    // The simplices containing both ends of the edge.
    std::vector<int> shared;
    for (int t : star[a])
      if (std::find(star[b].begin(), star[b].end(), t) != star[b].end()) shared.push_back(t);
    for (int t : shared) {
      // t keeps a and takes m instead of b; the new simplex keeps b and takes m instead of a.
      // A vertex moved along an edge of its own simplex keeps the orientation.
      std::array<int, 4> second = simplices[t];
      for (int k = 0; k < v; ++k) {
        if (simplices[t][k] == b) simplices[t][k] = m;
        if (second[k] == a) second[k] = m;
      }
      const int t2 = int(simplices.size());
      simplices.push_back(second);
      result.parent.push_back(result.parent[t]);
      star[b].erase(std::find(star[b].begin(), star[b].end(), t));
      star[b].push_back(t2);
      star[m].push_back(t);
      star[m].push_back(t2);
      for (int k = 0; k < v; ++k)
        if (second[k] != b && second[k] != m) star[second[k]].push_back(t2);
    }
    result.inserted.push_back(m);
  }
  const int added = nodeCount - mesh.nodeCount();
  RowMatrix nodes(nodeCount, mesh.dim);
  nodes.topRows(mesh.nodeCount()) = mesh.nodes;
  RowMatrix c(nodeCount, coefficients.cols());
  c.topRows(mesh.nodeCount()) = coefficients;
  for (int i = 0; i < added; ++i) {
    for (int k = 0; k < mesh.dim; ++k)
      nodes(mesh.nodeCount() + i, k) = newNodes[size_t(i) * mesh.dim + k];
    c.row(mesh.nodeCount() + i) = newCoefficients[i];
  }
  mesh.nodes = std::move(nodes);
  coefficients = std::move(c);
  mesh.simplices.resize(long(simplices.size()), v);
  for (size_t t = 0; t < simplices.size(); ++t)
    for (int k = 0; k < v; ++k) mesh.simplices(long(t), k) = simplices[t][k];
  return result;
}

}  // namespace lreg::detail
