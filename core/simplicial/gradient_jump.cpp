#include "simplicial/gradient_jump.h"

#include <algorithm>
#include <array>
#include <limits>

#include <Eigen/Dense>

namespace lreg::detail {
namespace {

constexpr int kMaxDim = 3;

// The gradients of simplex t's barycentric coordinates, row a for local vertex a (v by d).
Eigen::MatrixXd barycentricGradients(const SimplexMesh& mesh, int t) {
  const int d = mesh.dim;
  Eigen::MatrixXd E(d, d);  // edge vectors from vertex 0, as rows
  for (int a = 1; a <= d; ++a)
    E.row(a - 1) = mesh.nodes.row(mesh.simplices(t, a)) - mesh.nodes.row(mesh.simplices(t, 0));
  // x - p0 = E^T mu, so grad mu = E^{-T}.
  const Eigen::MatrixXd M = E.transpose().inverse();
  Eigen::MatrixXd g(d + 1, d);
  g.bottomRows(d) = M;
  g.row(0) = -M.colwise().sum();
  return g;
}

// A face as its sorted nodes (unused slots INT_MAX, last), then the simplex holding it and that
// simplex's local vertex not on it: sorting brings the two sides of an interior face together.
using Face = std::array<int, kMaxDim + 2>;
constexpr int kSimplex = kMaxDim, kOpposite = kMaxDim + 1;

bool sameFace(const Face& a, const Face& b) {
  return std::equal(a.begin(), a.begin() + kMaxDim, b.begin());
}

}  // namespace

void addGradientJumpPenalty(const SimplexMesh& mesh,
                            const std::function<double(const std::vector<int>&)>& weight,
                            std::vector<Eigen::Triplet<double>>& triplets) {
  const int d = mesh.dim, v = d + 1;
  std::vector<Face> faces;
  faces.reserve(size_t(mesh.simplexCount()) * v);
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int o = 0; o < v; ++o) {
      Face f;
      f.fill(std::numeric_limits<int>::max());
      int k = 0;
      for (int a = 0; a < v; ++a)
        if (a != o) f[k++] = mesh.simplices(t, a);
      std::sort(f.begin(), f.begin() + kMaxDim);
      f[kSimplex] = t;
      f[kOpposite] = o;
      faces.push_back(f);
    }
  std::sort(faces.begin(), faces.end());
  std::vector<int> nodes(d + 2);
  std::vector<double> coef(d + 2);
  for (size_t k = 0; k + 1 < faces.size(); ++k) {
    const Face &f1 = faces[k], &f2 = faces[k + 1];
    if (!sameFace(f1, f2)) continue;  // a boundary face (a conforming mesh pairs the rest)
    ++k;
    const int t1 = f1[kSimplex], t2 = f2[kSimplex], o1 = f1[kOpposite], o2 = f2[kOpposite];
    for (int i = 0; i < d; ++i) nodes[i] = f1[i];
    nodes[d] = mesh.simplices(t1, o1);
    nodes[d + 1] = mesh.simplices(t2, o2);
    const double w = weight(nodes);
    if (!(w > 0)) continue;
    const Eigen::MatrixXd g1 = barycentricGradients(mesh, t1), g2 = barycentricGradients(mesh, t2);
    // n: the unit normal toward t1's opposite vertex; |grad lambda_o| = 1 / height.
    const Eigen::RowVectorXd toward1 = g1.row(o1);
    const double h1 = 1.0 / toward1.norm(), h2 = 1.0 / g2.row(o2).norm();
    const Eigen::RowVectorXd n = toward1 * h1;
    std::fill(coef.begin(), coef.end(), 0.0);
    auto add = [&](int t, const Eigen::MatrixXd& g, double sign) {
      for (int a = 0; a < v; ++a) {
        const int node = mesh.simplices(t, a);
        const int slot = int(std::find(nodes.begin(), nodes.end(), node) - nodes.begin());
        coef[slot] += sign * g.row(a).dot(n);
      }
    };
    add(t1, g1, 1.0);
    add(t2, g2, -1.0);
    const double scale = w * h1 * h2;
    for (int i = 0; i < d + 2; ++i)
      for (int j = 0; j < d + 2; ++j)
        triplets.emplace_back(nodes[i], nodes[j], scale * coef[i] * coef[j]);
  }
}

}  // namespace lreg::detail
