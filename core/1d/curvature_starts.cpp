#include "1d/curvature_starts.h"

#include <algorithm>
#include <cmath>

#include "1d/coarsen1d.h"

namespace lreg::detail {

Vector curvatureMass(const Mesh1D& mesh, const RowMatrix& coefficients, const Vector& counts) {
  const int D = mesh.size(), M = mesh.intervals();
  // |f''| at interior nodes: the change of slope over the mean of the two widths.
  Vector bend = Vector::Zero(D);
  for (int i = 1; i + 1 < D; ++i) {
    const Eigen::RowVectorXd left =
        (coefficients.row(i) - coefficients.row(i - 1)) / mesh.width(i - 1);
    const Eigen::RowVectorXd right =
        (coefficients.row(i + 1) - coefficients.row(i)) / mesh.width(i);
    bend(i) = 2 * (right - left).norm() / (mesh.width(i - 1) + mesh.width(i));
  }
  if (D > 2) bend(0) = bend(1), bend(D - 1) = bend(D - 2);
  const double N = std::max(counts.sum(), 1.0);
  Vector mass(M);
  for (int j = 0; j < M; ++j) {
    // Averages over intervals j-1 .. j+1: single intervals are rough guides.
    double f2 = 0, n = 0, h = 0, k = 0;
    for (int q = std::max(0, j - 1); q <= std::min(M - 1, j + 1); ++q, ++k) {
      f2 += 0.5 * (bend(q) + bend(q + 1));
      n += counts(q);
      h += mesh.width(q);
    }
    const double w = n / (N * h);
    mass(j) = std::pow(f2 / k, 0.4) * std::pow(w, 0.2) * mesh.width(j);
  }
  const double total = mass.sum();
  if (!(total > 0) || !std::isfinite(total)) return Vector::Constant(M, 1.0 / M);
  for (int j = 0; j < M; ++j)
    mass(j) += 0.01 * total * mesh.width(j) / (mesh.node(D - 1) - mesh.node(0));
  return mass;
}

std::vector<std::vector<double>> curvatureStarts(const Mesh1D& mesh, const Vector& mass, int D,
                                                 int phases, double minWidth) {
  std::vector<std::vector<double>> starts;
  for (int p = 0; p < phases; ++p)
    starts.push_back(equalFrequencyNodes(mesh, mass, D, minWidth, double(p) / phases));
  return starts;
}

}  // namespace lreg::detail
