#include <lreg/simplicial/simplex_mesh.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

#include <lreg/base/error.h>

namespace lreg {

SimplexMesh SimplexMesh::kuhnGrid(int dim, int m) {
  if (m < 2) throw Error("a grid needs at least 2 nodes per axis");
  std::vector<double> uniform(m);
  for (int i = 0; i < m; ++i) uniform[i] = double(i) / (m - 1);
  return tensorGrid(std::vector<std::vector<double>>(size_t(std::max(dim, 0)), uniform));
}

SimplexMesh SimplexMesh::tensorGrid(const std::vector<std::vector<double>>& knots) {
  const int dim = int(knots.size());
  if (dim < 2 || dim > 3) throw Error("simplicial meshes are 2D or 3D");
  std::array<int, 3> m{1, 1, 1};
  for (int k = 0; k < dim; ++k) {
    const auto& t = knots[k];
    m[k] = int(t.size());
    if (m[k] < 2) throw Error("a grid needs at least 2 nodes per axis");
    if (t.front() != 0.0 || t.back() != 1.0 || !std::is_sorted(t.begin(), t.end()) ||
        std::adjacent_find(t.begin(), t.end()) != t.end())
      throw Error("grid knots must increase strictly from 0 to 1");
  }
  SimplexMesh mesh;
  mesh.dim = dim;
  const int D = m[0] * m[1] * m[2];
  mesh.nodes.resize(D, dim);
  auto id = [&](const std::array<int, 3>& g) { return g[0] + m[0] * (g[1] + m[1] * g[2]); };
  for (int i = 0; i < D; ++i) {
    int r = i;
    for (int k = 0; k < dim; ++k) {
      mesh.nodes(i, k) = knots[k][r % m[k]];
      r /= m[k];
    }
  }
  std::vector<int> perm(dim);
  std::iota(perm.begin(), perm.end(), 0);
  std::vector<std::array<int, 4>> simplices;
  const int cells = (m[0] - 1) * (m[1] - 1) * (dim == 3 ? m[2] - 1 : 1);
  for (int c = 0; c < cells; ++c) {
    std::array<int, 3> base{0, 0, 0};
    int r = c;
    for (int k = 0; k < dim; ++k) {
      base[k] = r % (m[k] - 1);
      r /= (m[k] - 1);
    }
    std::sort(perm.begin(), perm.end());
    do {  // one simplex per ordering of the axes: walk from the low corner to the high one
      std::array<int, 4> s{};
      std::array<int, 3> g = base;
      s[0] = id(g);
      for (int k = 0; k < dim; ++k) {
        ++g[perm[k]];
        s[k + 1] = id(g);
      }
      simplices.push_back(s);
    } while (std::next_permutation(perm.begin(), perm.end()));
  }
  mesh.simplices.resize(long(simplices.size()), dim + 1);
  for (size_t t = 0; t < simplices.size(); ++t)
    for (int k = 0; k <= dim; ++k) mesh.simplices(long(t), k) = simplices[t][k];
  for (int t = 0; t < mesh.simplexCount(); ++t)  // orient positively
    if (mesh.signedVolume(t) < 0) std::swap(mesh.simplices(t, 0), mesh.simplices(t, 1));
  return mesh;
}

double SimplexMesh::signedVolume(int t) const {
  const auto p0 = nodes.row(simplices(t, 0));
  if (dim == 2) {
    const auto a = nodes.row(simplices(t, 1)) - p0, b = nodes.row(simplices(t, 2)) - p0;
    return a(0) * b(1) - a(1) * b(0);
  }
  Eigen::Matrix3d e;
  for (int k = 0; k < 3; ++k) e.row(k) = nodes.row(simplices(t, k + 1)) - p0;
  return e.determinant();
}

std::vector<std::vector<int>> SimplexMesh::nodeSimplices() const {
  std::vector<std::vector<int>> star(nodeCount());
  for (int t = 0; t < simplexCount(); ++t)
    for (int k = 0; k <= dim; ++k) star[simplices(t, k)].push_back(t);
  return star;
}

std::vector<std::array<int, 2>> SimplexMesh::edges() const {
  std::vector<std::array<int, 2>> e;
  e.reserve(size_t(simplexCount()) * (dim == 2 ? 3 : 6));
  for (int t = 0; t < simplexCount(); ++t)
    for (int a = 0; a <= dim; ++a)
      for (int b = a + 1; b <= dim; ++b) {
        const int u = simplices(t, a), v = simplices(t, b);
        e.push_back({std::min(u, v), std::max(u, v)});
      }
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end()), e.end());
  return e;
}

std::vector<std::vector<int>> SimplexMesh::nodeNeighbours() const {
  std::vector<std::vector<int>> nb(nodeCount());
  for (const auto& e : edges()) {
    nb[e[0]].push_back(e[1]);
    nb[e[1]].push_back(e[0]);
  }
  for (auto& v : nb) std::sort(v.begin(), v.end());
  return nb;
}

std::vector<int> SimplexMesh::cornerNodes() const {
  std::vector<int> corners;
  for (int i = 0; i < nodeCount(); ++i) {
    bool corner = true;
    for (int k = 0; k < dim; ++k)
      corner = corner && (std::abs(nodes(i, k)) < 1e-12 || std::abs(nodes(i, k) - 1) < 1e-12);
    if (corner) corners.push_back(i);
  }
  return corners;
}

double SimplexMesh::totalVolume() const {
  const double factorial = dim == 2 ? 2.0 : 6.0;
  double v = 0;
  for (int t = 0; t < simplexCount(); ++t) v += signedVolume(t) / factorial;
  return v;
}

void SimplexMesh::validate(double minVolume) const {
  if (dim < 2 || dim > 3) throw Error("mesh dimension must be 2 or 3");
  if (nodes.cols() != dim || simplices.cols() != dim + 1)
    throw Error("mesh arrays have the wrong shape");
  if (!nodes.allFinite()) throw Error("a mesh node is not finite");
  std::map<std::vector<int>, int> faces;
  for (int t = 0; t < simplexCount(); ++t) {
    std::vector<int> v(simplices.row(t).data(), simplices.row(t).data() + dim + 1);
    for (int i : v)
      if (i < 0 || i >= nodeCount())
        throw Error("simplex " + std::to_string(t) + " refers to node " + std::to_string(i) +
                    ", which does not exist");
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      throw Error("simplex " + std::to_string(t) + " repeats a vertex");
    const double vol = signedVolume(t);
    if (!(vol > minVolume))
      throw Error("simplex " + std::to_string(t) + (vol < 0 ? " is inverted" : " is degenerate"));
    for (int skip = 0; skip <= dim; ++skip) {
      std::vector<int> face;
      for (int k = 0; k <= dim; ++k)
        if (k != skip) face.push_back(sorted[k]);
      if (++faces[face] > 2)
        throw Error("a face of simplex " + std::to_string(t) +
                    " is shared by more than two simplices");
    }
  }
  if (std::abs(totalVolume() - 1.0) > 1e-9)
    throw Error("the simplices do not tile the unit box (overlap or gap)");
}

}  // namespace lreg
