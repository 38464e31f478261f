#include "simplicial/gradient_jump.h"

#include <algorithm>
#include <array>
#include <limits>

#include <Eigen/Dense>

namespace lreg::detail {
namespace {

constexpr int kMaxDim = 3;

// Small matrices with a fixed capacity: no heap allocation per face.
using Gradients =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor, kMaxDim + 1, kMaxDim>;
using Square = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxDim, kMaxDim>;
using Row = Eigen::Matrix<double, 1, Eigen::Dynamic, Eigen::RowMajor, 1, kMaxDim>;

// The gradients of simplex t's barycentric coordinates, row a for local vertex a (v by d).
Gradients barycentricGradients(const SimplexMesh& mesh, int t) {
  const int d = mesh.dim;
  Square E(d, d);  // edge vectors from vertex 0, as rows
  for (int a = 1; a <= d; ++a)
    E.row(a - 1) = mesh.nodes.row(mesh.simplices(t, a)) - mesh.nodes.row(mesh.simplices(t, 0));
  // x - p0 = E^T mu, so grad mu = E^{-T}.
  const Square M = E.transpose().inverse();
  Gradients g(d + 1, d);
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

// An interior face as its two sides: simplex t1, its local vertex o1 off the face; t2, o2.
struct FacePair {
  int t1, o1, t2, o2;
};

std::vector<FacePair> interiorFaces(const SimplexMesh& mesh) {
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
  std::vector<FacePair> pairs;
  for (size_t k = 0; k + 1 < faces.size(); ++k) {
    const Face &f1 = faces[k], &f2 = faces[k + 1];
    if (!sameFace(f1, f2)) continue;  // a boundary face (a conforming mesh pairs the rest)
    pairs.push_back({f1[kSimplex], f1[kOpposite], f2[kSimplex], f2[kOpposite]});
    ++k;
  }
  return pairs;
}

// The polish's steps and the refits of one mesh share the topology: each thread keeps the
// face pairs of the last one (comparing the simplices costs far less than sorting the faces).
const std::vector<FacePair>& cachedInteriorFaces(const SimplexMesh& mesh) {
  thread_local IndexMatrix simplices;
  thread_local std::vector<FacePair> pairs;
  if (simplices.rows() != mesh.simplices.rows() || simplices.cols() != mesh.simplices.cols() ||
      simplices != mesh.simplices) {
    pairs = interiorFaces(mesh);
    simplices = mesh.simplices;
  }
  return pairs;
}

}  // namespace

void addGradientJumpPenalty(const SimplexMesh& mesh, const Vector& nodeWeight,
                            std::vector<Eigen::Triplet<double>>& triplets) {
  const int d = mesh.dim, v = d + 1;
  std::array<int, kMaxDim + 2> nodes;
  std::array<double, kMaxDim + 2> coef;
  for (const FacePair& f : cachedInteriorFaces(mesh)) {
    const int t1 = f.t1, t2 = f.t2, o1 = f.o1, o2 = f.o2;
    for (int i = 0, k = 0; i < v; ++i)
      if (i != o1) nodes[k++] = mesh.simplices(t1, i);
    nodes[d] = mesh.simplices(t1, o1);
    nodes[d + 1] = mesh.simplices(t2, o2);
    double w = 0;
    for (int i = 0; i < d + 2; ++i) w += nodeWeight(nodes[i]);
    w *= 0.5;
    if (!(w > 0)) continue;
    const Gradients g1 = barycentricGradients(mesh, t1), g2 = barycentricGradients(mesh, t2);
    // n: the unit normal toward t1's opposite vertex; |grad lambda_o| = 1 / height.
    const Row toward1 = g1.row(o1);
    const double h1 = 1.0 / toward1.norm(), h2 = 1.0 / g2.row(o2).norm();
    const Row n = toward1 * h1;
    coef.fill(0.0);
    auto add = [&](int t, const Gradients& g, double sign) {
      for (int a = 0; a < v; ++a) {
        const int node = mesh.simplices(t, a);
        const int slot = int(std::find(nodes.begin(), nodes.begin() + d + 2, node) - nodes.begin());
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
