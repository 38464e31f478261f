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

std::vector<Vector> curvatureSlabEnergy(const AxisKnots& knots, const RowMatrix& coefficients,
                                        const Vector& countPerSimplex) {
  const int d = int(knots.size()), C = int(coefficients.cols());
  std::array<int, 3> m{1, 1, 1};
  for (int k = 0; k < d; ++k) m[k] = int(knots[k].size());
  const int D = m[0] * m[1] * m[2];
  const int perCell = d == 2 ? 2 : 6;  // tensorGrid emits d! simplices per cell, cell by cell
  auto id = [&](const std::array<int, 3>& g) { return g[0] + m[0] * (g[1] + m[1] * g[2]); };
  std::vector<Vector> energy;
  for (int k = 0; k < d; ++k) {
    const auto& t = knots[k];
    // The fit's second divided difference along axis k at each node; at an end knot, its
    // interior neighbour's.
    RowMatrix kappa = RowMatrix::Zero(D, C);
    if (m[k] >= 3)
      for (int i = 0; i < D; ++i) {
        std::array<int, 3> g{0, 0, 0};
        for (int a = 0, r = i; a < d; ++a) g[a] = r % m[a], r /= m[a];
        const int j = std::clamp(g[k], 1, m[k] - 2);
        std::array<int, 3> mid = g, lo = g, hi = g;
        mid[k] = j, lo[k] = j - 1, hi[k] = j + 1;
        const double hl = t[j] - t[j - 1], hr = t[j + 1] - t[j];
        kappa.row(i) = ((coefficients.row(id(hi)) - coefficients.row(id(mid))) / hr -
                        (coefficients.row(id(mid)) - coefficients.row(id(lo))) / hl) *
                       (2 / (hl + hr));
      }
    // Per cell: the mean square of a second derivative varying linearly between the cell's two
    // knots along k, (a^2 + ab + b^2) / 3, averaged over the cell's edges along k, times the
    // cell's samples.
    Vector slab = Vector::Zero(m[k] - 1);
    const int cells = int(countPerSimplex.size()) / perCell;
    for (int c = 0; c < cells; ++c) {
      std::array<int, 3> base{0, 0, 0};
      for (int a = 0, r = c; a < d; ++a) base[a] = r % (m[a] - 1), r /= (m[a] - 1);
      double count = 0;
      for (int s = 0; s < perCell; ++s) count += countPerSimplex(c * perCell + s);
      double mean = 0;
      for (int corner = 0; corner < (1 << d); ++corner) {
        if ((corner >> k) & 1) continue;
        std::array<int, 3> g = base;
        for (int a = 0; a < d; ++a) g[a] += (corner >> a) & 1;
        std::array<int, 3> h = g;
        ++h[k];
        const auto a = kappa.row(id(g)), b = kappa.row(id(h));
        mean += (a.squaredNorm() + a.dot(b) + b.squaredNorm()) / 3;
      }
      slab(base[k]) += count * mean / (1 << (d - 1));
    }
    for (int j = 0; j + 1 < m[k]; ++j) slab(j) *= std::pow(t[j + 1] - t[j], 4);
    energy.push_back(slab);
  }
  return energy;
}

}  // namespace lreg::detail
