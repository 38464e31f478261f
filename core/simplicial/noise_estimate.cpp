#include "simplicial/noise_estimate.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <array>
#include <cmath>

#include <lreg/base/parallel.h>
#include "simplicial/nearest_neighbours.h"

namespace lreg::detail {
namespace {

using Neighbours = NearestNeighbours::Result;
constexpr int kMaxNeighbours = NearestNeighbours::kMax;

// Sample n's squared residual against the weighted sum of its neighbours' values whose weights
// w are the smallest that reproduce every polynomial of degree `degree` (1: affine, 2:
// quadratic) at x_n, scaled by 1 / (1 + |w|^2) to be unbiased for y = polynomial + noise.
// Degree 2 cancels the curvature that an affine interpolant would read as noise. Returns a
// negative value when the neighbours cannot reproduce the polynomials (degenerate layout).
template <int d>
double polynomialResidual(const RowMatrix& U, const RowMatrix& Y, long n, const Neighbours& nb,
                          int found, int degree) {
  constexpr int maxTerms = (d + 1) * (d + 2) / 2;
  const int terms = degree == 2 ? maxTerms : d + 1;
  if (found < terms + 1) return -1;
  // Coordinates relative to x_n, scaled by the farthest neighbour: a well-scaled basis.
  double scale = 0;
  for (int j = 0; j < found; ++j) scale = std::max(scale, (U.row(nb[j]) - U.row(n)).norm());
  if (!(scale > 0)) return -1;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxNeighbours, maxTerms> P(found,
                                                                                       terms);
  for (int j = 0; j < found; ++j) {
    double q[3];
    for (int c = 0; c < d; ++c) q[c] = (U(nb[j], c) - U(n, c)) / scale;
    int col = 0;
    P(j, col++) = 1;
    for (int c = 0; c < d; ++c) P(j, col++) = q[c];
    if (degree == 2)
      for (int a = 0; a < d; ++a)
        for (int b = a; b < d; ++b) P(j, col++) = q[a] * q[b];
  }
  // Minimum-norm w with P^T w = e_1 (every term but the constant vanishes at x_n itself).
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, maxTerms, maxTerms> PtP =
      P.transpose() * P;
  // P^T P is symmetric positive semi-definite: a pivoted Cholesky, with a conditioning check.
  const Eigen::LDLT<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, maxTerms, maxTerms>>
      lu(PtP);
  if (lu.info() != Eigen::Success || !(lu.rcond() > 1e-10)) return -1;
  Eigen::Matrix<double, Eigen::Dynamic, 1, 0, maxTerms, 1> e1 =
      Eigen::Matrix<double, Eigen::Dynamic, 1, 0, maxTerms, 1>::Zero(terms);
  e1(0) = 1;
  const Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxNeighbours, 1> w = P * lu.solve(e1);
  // Large weights (one-sided neighbours at the boundary) only make the estimate noisier.
  if (!w.allFinite() || w.squaredNorm() > 100) return -1;
  double sum = 0;
  for (Eigen::Index k = 0; k < Y.cols(); ++k) {
    double pred = 0;
    for (int j = 0; j < found; ++j) pred += w(j) * Y(nb[j], k);
    sum += (Y(n, k) - pred) * (Y(n, k) - pred);
  }
  return sum / (1.0 + w.squaredNorm());
}

// U with each axis divided by its interquartile range (where that is not zero): neighbours
// by the data's own spread, not by the unit box's. One far sample along x squeezes the rest
// into a sliver of the box's x range, and neighbours chosen in the box then lie along x across
// the whole sliver -- on such a set every estimate read the function's change along x as noise.
RowMatrix byQuartiles(const RowMatrix& U) {
  RowMatrix V = U;
  for (Eigen::Index k = 0; k < U.cols(); ++k) {
    std::vector<double> x(U.col(k).begin(), U.col(k).end());
    const auto q = [&](size_t at) {
      std::nth_element(x.begin(), x.begin() + long(at), x.end());
      return x[at];
    };
    const double spread = q(x.size() * 3 / 4) - q(x.size() / 4);
    if (spread > 0) V.col(k) /= spread;
  }
  return V;
}

}  // namespace

std::vector<double> localNoiseVariance(const RowMatrix& unit, const RowMatrix& Y) {
  // A sample whose neighbourhood is this many times wider than the median one is isolated.
  constexpr double kIsolated = 8;
  const int d = int(unit.cols());
  const long N = unit.rows();
  std::vector<double> noise(N, 0.0), reach(N, 0.0);
  if (N < d + 2) return noise;
  const RowMatrix U = byQuartiles(unit);
  const NearestNeighbours tree(U);
  parallelFor(
      N,
      [&](long a, long b) {
        Neighbours nb{};
        // Quadratic reproduction needs 6 (2D) / 10 (3D) weights; a few more neighbours give it
        // room to keep the weights small.
        const int k = d == 2 ? 8 : 14;
        for (long n = a; n < b; ++n) {
          const int found = tree.query(n, k, nb);
          if (found == 0) continue;
          reach[n] = (U.row(nb[found - 1]) - U.row(n)).norm();
          double r = -1;
          for (int degree = 2; degree >= 1 && r < 0; --degree)
            r = d == 2 ? polynomialResidual<2>(U, Y, n, nb, found, degree)
                       : polynomialResidual<3>(U, Y, n, nb, found, degree);
          // Degenerate neighbourhoods (duplicates, all on a line): the nearest difference.
          noise[n] = r >= 0 ? r : 0.5 * (Y.row(n) - Y.row(nb[0])).squaredNorm();
        }
      },
      256);
  // An isolated sample (one far from the rest, a sparse tail) is compared with the function's
  // change over its long reach, not with noise: one far sample read so raised the mean of 5000
  // estimates fourfold and stopped the loop at a false floor. It takes the mean of the others.
  std::vector<double> sorted = reach;
  std::nth_element(sorted.begin(), sorted.begin() + N / 2, sorted.end());
  const double wide = kIsolated * sorted[size_t(N / 2)];
  double sum = 0;
  long kept = 0;
  for (long n = 0; n < N; ++n)
    if (!(reach[n] > wide)) sum += noise[n], ++kept;
  if (kept > 0 && kept < N)
    for (long n = 0; n < N; ++n)
      if (reach[n] > wide) noise[n] = sum / double(kept);
  return noise;
}

}  // namespace lreg::detail
