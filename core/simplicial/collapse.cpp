#include "simplicial/collapse.h"

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>

namespace lreg::detail {
namespace {

using Simplex = std::array<int, 4>;

// d! times the signed volume of a simplex given by vertex positions.
double signedVolume(const RowMatrix& nodes, const Simplex& s, int d) {
  if (d == 2) {
    const double ax = nodes(s[1], 0) - nodes(s[0], 0), ay = nodes(s[1], 1) - nodes(s[0], 1);
    const double bx = nodes(s[2], 0) - nodes(s[0], 0), by = nodes(s[2], 1) - nodes(s[0], 1);
    return ax * by - ay * bx;
  }
  Eigen::Matrix3d e;
  for (int k = 0; k < 3; ++k) e.row(k) = nodes.row(s[k + 1]) - nodes.row(s[0]);
  return e.determinant();
}

// Barycentric coordinates of x in simplex s (d+1 values).
Eigen::VectorXd barycentricOf(const RowMatrix& nodes, const Simplex& s, int d,
                              const Eigen::RowVectorXd& x) {
  Eigen::MatrixXd V(d + 1, d + 1);
  Eigen::VectorXd rhs(d + 1);
  for (int k = 0; k <= d; ++k) {
    V.col(k).head(d) = nodes.row(s[k]).transpose();
    V(d, k) = 1;
  }
  rhs.head(d) = x.transpose();
  rhs(d) = 1;
  return V.partialPivLu().solve(rhs);
}

struct Mesh {
  int d;
  std::vector<Simplex> simplices;
  std::vector<char> alive;
  std::vector<std::vector<int>> star;  // node -> alive simplices
  bool has(int t, int node) const {
    for (int k = 0; k <= d; ++k)
      if (simplices[t][k] == node) return true;
    return false;
  }
  std::vector<int> neighbours(int i) const {
    std::vector<int> nb;
    for (int t : star[i])
      for (int k = 0; k <= d; ++k)
        if (simplices[t][k] != i) nb.push_back(simplices[t][k]);
    std::sort(nb.begin(), nb.end());
    nb.erase(std::unique(nb.begin(), nb.end()), nb.end());
    return nb;
  }
};

// The link condition for collapsing edge (i, j): the vertices (and in 3D the edges) that both
// ends see must be exactly those of the simplices sharing the edge.
bool linkCondition(const Mesh& m, int i, int j, const std::vector<int>& shared) {
  std::vector<int> opposite;
  for (int t : shared)
    for (int k = 0; k <= m.d; ++k)
      if (m.simplices[t][k] != i && m.simplices[t][k] != j) opposite.push_back(m.simplices[t][k]);
  std::sort(opposite.begin(), opposite.end());
  opposite.erase(std::unique(opposite.begin(), opposite.end()), opposite.end());
  const std::vector<int> a = m.neighbours(i), b = m.neighbours(j);
  std::vector<int> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  common.erase(std::remove(common.begin(), common.end(), i), common.end());
  common.erase(std::remove(common.begin(), common.end(), j), common.end());
  if (common != opposite) return false;
  if (m.d == 2) return true;
  // 3D: a triangle (x, y) seen from both i and j must belong to a tetrahedron (i, j, x, y).
  auto triangleWith = [&](int apex, int x, int y) {
    for (int t : m.star[apex])
      if (m.has(t, x) && m.has(t, y)) return true;
    return false;
  };
  for (size_t p = 0; p < common.size(); ++p)
    for (size_t q = p + 1; q < common.size(); ++q) {
      const int x = common[p], y = common[q];
      if (!triangleWith(i, x, y) || !triangleWith(j, x, y)) continue;
      bool inShared = false;
      for (int t : shared) inShared = inShared || (m.has(t, x) && m.has(t, y));
      if (!inShared) return false;
    }
  return true;
}

// Nodes on a face of the box may only merge along it: j must share every pinned coordinate.
bool staysOnFaces(const RowMatrix& nodes, int i, int j, int d) {
  for (int k = 0; k < d; ++k) {
    const double x = nodes(i, k);
    const bool onFace = std::abs(x) < 1e-12 || std::abs(x - 1) < 1e-12;
    if (onFace && std::abs(nodes(j, k) - x) > 1e-12) return false;
  }
  return true;
}

}  // namespace

CollapseResult collapseNodes(SimplexMesh& mesh, RowMatrix& coefficients,
                             const std::vector<int>& candidates, int count, double minVolume) {
  const int d = mesh.dim, D = mesh.nodeCount();
  Mesh m{d, std::vector<Simplex>(mesh.simplexCount()), std::vector<char>(mesh.simplexCount(), 1),
         std::vector<std::vector<int>>(D)};
  for (int t = 0; t < mesh.simplexCount(); ++t) {
    m.simplices[t] = {-1, -1, -1, -1};
    for (int k = 0; k <= d; ++k) {
      m.simplices[t][k] = mesh.simplices(t, k);
      m.star[mesh.simplices(t, k)].push_back(t);
    }
  }
  const std::vector<int> corners = mesh.cornerNodes();
  std::vector<char> gone(D, 0);
  CollapseResult result;
  for (int i : candidates) {
    if (int(result.removed.size()) == count) break;
    if (gone[i] || std::find(corners.begin(), corners.end(), i) != corners.end()) continue;
    int bestJ = -1;
    double bestCost = HUGE_VAL;
    for (int j : m.neighbours(i)) {
      if (!staysOnFaces(mesh.nodes, i, j, d)) continue;
      std::vector<int> shared, changed;
      for (int t : m.star[i]) (m.has(t, j) ? shared : changed).push_back(t);
      if (!linkCondition(m, i, j, shared)) continue;
      bool valid = true;
      double cost = 1e300;  // finite: a valid collapse is possible even if round-off hides p_i
      for (int t : changed) {
        Simplex s = m.simplices[t];
        std::replace(s.begin(), s.begin() + d + 1, i, j);
        if (!(signedVolume(mesh.nodes, s, d) > minVolume)) {
          valid = false;
          break;
        }
        // f after the collapse at p_i: interpolated in the new simplex that contains p_i.
        const Eigen::VectorXd l = barycentricOf(mesh.nodes, s, d, mesh.nodes.row(i));
        if (l.minCoeff() >= -1e-9) {
          Eigen::RowVectorXd f = Eigen::RowVectorXd::Zero(coefficients.cols());
          for (int k = 0; k <= d; ++k) f += l(k) * coefficients.row(s[k]);
          cost = std::min(cost, (f - coefficients.row(i)).squaredNorm());
        }
      }
      if (valid && cost < bestCost) bestCost = cost, bestJ = j;
    }
    if (bestJ < 0) continue;
    const int j = bestJ;
    for (int t : std::vector<int>(m.star[i])) {
      if (m.has(t, j)) {
        m.alive[t] = 0;
        for (int k = 0; k <= d; ++k) {
          auto& st = m.star[m.simplices[t][k]];
          st.erase(std::remove(st.begin(), st.end(), t), st.end());
        }
      } else {
        std::replace(m.simplices[t].begin(), m.simplices[t].begin() + d + 1, i, j);
        m.star[j].push_back(t);
      }
    }
    m.star[i].clear();
    gone[i] = 1;
    result.removed.push_back(i);
  }
  // Compact nodes and simplices.
  result.nodeMap.assign(D, -1);
  int kept = 0;
  for (int i = 0; i < D; ++i)
    if (!gone[i]) result.nodeMap[i] = kept++;
  RowMatrix nodes(kept, d), coef(kept, coefficients.cols());
  for (int i = 0; i < D; ++i)
    if (!gone[i]) {
      nodes.row(result.nodeMap[i]) = mesh.nodes.row(i);
      coef.row(result.nodeMap[i]) = coefficients.row(i);
    }
  const long alive = std::count(m.alive.begin(), m.alive.end(), 1);
  IndexMatrix simplices(alive, d + 1);
  for (size_t t = 0, r = 0; t < m.simplices.size(); ++t)
    if (m.alive[t]) {
      for (int k = 0; k <= d; ++k) simplices(long(r), k) = result.nodeMap[m.simplices[t][k]];
      ++r;
    }
  mesh.nodes = std::move(nodes);
  mesh.simplices = std::move(simplices);
  coefficients = std::move(coef);
  return result;
}

}  // namespace lreg::detail
