#include "simplicial/tensor_start.h"

#include <algorithm>
#include <cmath>

#include "1d/coarsen1d.h"

namespace lreg::detail {
namespace {

// Exponent of the 1D rule: an interval's P1 error energy scales as h^5 (see mrc1d.cpp).
constexpr double kEnergyExponent = 0.2;

std::vector<double> quantileKnots(const Mesh1D& fine, const Vector& mass, int m) {
  std::vector<double> knots = equalFrequencyNodes(fine, mass, m, 1e-9);
  knots.front() = 0.0;
  knots.back() = 1.0;
  return knots;
}

}  // namespace

std::vector<double> dataKnots(const std::vector<double>& x, int m) {
  const Mesh1D fine = Mesh1D::uniform(std::max(4 * m, 64));
  Vector mass = Vector::Zero(fine.intervals());
  for (double v : x)
    mass(std::clamp(int(v * fine.intervals()), 0, fine.intervals() - 1)) += 0.5 / double(x.size());
  for (int j = 0; j < fine.intervals(); ++j) mass(j) += 0.5 * fine.width(j);
  return quantileKnots(fine, mass, m);
}

std::vector<Vector> slabSums(const AxisKnots& knots, const Vector& perSimplex) {
  const int d = int(knots.size());
  const int perCell = d == 2 ? 2 : 6;  // tensorGrid emits d! simplices per cell, cell by cell
  std::vector<Vector> energy;
  for (const auto& t : knots) energy.push_back(Vector::Zero(long(t.size()) - 1));
  for (Eigen::Index s = 0; s < perSimplex.size(); ++s) {
    long c = s / perCell;
    for (int k = 0; k < d; ++k) {
      const long cells = long(knots[k].size()) - 1;
      energy[k](c % cells) += perSimplex(s);
      c /= cells;
    }
  }
  return energy;
}

std::vector<double> equidistributeAxis(const std::vector<double>& knots, const Vector& energy,
                                       const Vector& samples, double minSamples, double damping,
                                       double prior) {
  const Mesh1D mesh(knots);
  const int n = mesh.intervals();
  Vector share(n), current = Vector::Constant(n, 1.0 / n), uniform(n);
  for (int j = 0; j < n; ++j) {
    share(j) = std::pow(std::max(energy(j), 0.0), kEnergyExponent);
    uniform(j) = mesh.width(j);
  }
  if (!(share.sum() > 0)) return knots;  // a perfect fit: nothing to move
  share /= share.sum();
  const Vector mass = (1 - prior) * ((1 - damping) * current + damping * share) + prior * uniform;
  return quantileKnots(mesh, capMass(mass, samples / (minSamples * n)), int(knots.size()));
}

std::vector<double> resampleKnots(const std::vector<double>& knots, int m) {
  const Mesh1D mesh(knots);
  return quantileKnots(mesh, Vector::Constant(mesh.intervals(), 1.0), m);
}

std::vector<std::array<int, 3>> tensorSplits(int dim, int dof) {
  // Exponents e (sum 0) of m_k = D^(1/d) 2^(e_k / 2).
  std::vector<std::array<int, 3>> exponents;
  if (dim == 2) {
    for (int j : {0, 1, -1, 2, -2, 3, -3}) exponents.push_back({j, -j, 0});
  } else {
    exponents.push_back({0, 0, 0});
    for (int step : {1, 2})  // one axis 2^step finer (or coarser) than the other two
      for (int a = 0; a < 3; ++a)
        for (int sign : {1, -1}) {
          std::array<int, 3> e{-sign * step, -sign * step, -sign * step};
          e[a] = sign * 2 * step;
          exponents.push_back(e);
        }
  }
  std::vector<std::array<int, 3>> splits;
  const double root = std::pow(double(dof), 1.0 / dim);
  for (const auto& e : exponents) {
    std::array<int, 3> m{1, 1, 1};
    for (int k = 0; k < dim; ++k)
      m[k] = std::max(2, int(std::lround(root * std::pow(2.0, (dim == 2 ? 0.5 : 1.0 / 3) * e[k]))));
    // Round down the largest counts until the product fits the budget.
    while (m[0] * m[1] * m[2] > dof) {
      const int k = int(std::max_element(m.begin(), m.begin() + dim) - m.begin());
      if (m[k] <= 2) break;
      --m[k];
    }
    if (m[0] * m[1] * m[2] > dof) continue;
    if (std::find(splits.begin(), splits.end(), m) == splits.end()) splits.push_back(m);
  }
  return splits;
}

}  // namespace lreg::detail
