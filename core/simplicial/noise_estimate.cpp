#include "simplicial/noise_estimate.h"

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>

#include <lreg/base/parallel.h>

namespace lreg::detail {
namespace {

// Uniform grid over the unit box with about `perCell` samples per cell.
struct SampleGrid {
  int d, g;
  std::vector<int> start, items;

  SampleGrid(const RowMatrix& U, double perCell) : d(int(U.cols())) {
    g = std::max(1, int(std::pow(double(U.rows()) / perCell, 1.0 / d)));
    const int cells = int(std::pow(g, d));
    start.assign(cells + 1, 0);
    std::vector<int> cellOf(U.rows());
    for (long n = 0; n < U.rows(); ++n) ++start[(cellOf[n] = cell(U.row(n).data())) + 1];
    for (int c = 0; c < cells; ++c) start[c + 1] += start[c];
    items.resize(U.rows());
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (long n = 0; n < U.rows(); ++n) items[fill[cellOf[n]]++] = int(n);
  }
  int coord(double v) const { return std::clamp(int(v * g), 0, g - 1); }
  int cell(const double* x) const {
    int c = 0;
    for (int k = d - 1; k >= 0; --k) c = c * g + coord(x[k]);
    return c;
  }
};

// The k nearest other samples of sample n (k <= 4), searching rings of cells until the k-th
// distance is within the searched radius.
int nearest(const SampleGrid& grid, const RowMatrix& U, long n, int k, std::array<int, 4>& out) {
  const int d = grid.d;
  std::array<double, 4> dist;
  dist.fill(HUGE_VAL);
  int found = 0;
  int center[3] = {0, 0, 0};
  for (int c = 0; c < d; ++c) center[c] = grid.coord(U(n, c));
  for (int ring = 0; ring <= grid.g; ++ring) {
    const int lo = -ring, hi = ring;
    for (int dz = (d == 3 ? lo : 0); dz <= (d == 3 ? hi : 0); ++dz)
      for (int dy = lo; dy <= hi; ++dy)
        for (int dx = lo; dx <= hi; ++dx) {
          if (std::max({std::abs(dx), std::abs(dy), std::abs(dz)}) != ring) continue;
          const int cx = center[0] + dx, cy = center[1] + dy, cz = center[2] + dz;
          if (cx < 0 || cy < 0 || cz < 0 || cx >= grid.g || cy >= grid.g ||
              (d == 3 && cz >= grid.g))
            continue;
          const int c = cx + grid.g * (cy + (d == 3 ? grid.g * cz : 0));
          for (int i = grid.start[c]; i < grid.start[c + 1]; ++i) {
            const int m = grid.items[i];
            if (m == n) continue;
            const double dd = (U.row(m) - U.row(n)).squaredNorm();
            if (found < k || dd < dist[k - 1]) {  // insertion into the sorted top-k
              int pos = std::min(found, k - 1);
              while (pos > 0 && dist[pos - 1] > dd) {
                dist[pos] = dist[pos - 1];
                out[pos] = out[pos - 1];
                --pos;
              }
              dist[pos] = dd;
              out[pos] = m;
              found = std::min(found + 1, k);
            }
          }
        }
    // Every unsearched sample is at least `ring / g` away.
    const double reach = double(ring) / grid.g;
    if (found == k && dist[k - 1] <= reach * reach) break;
  }
  return found;
}

// Sample n's squared residual against the affine interpolant of its d+1 nearest neighbours,
// scaled to be unbiased for y = affine + noise. Fixed sizes: no allocation per sample.
template <int d>
double planeResidual(const RowMatrix& U, const RowMatrix& Y, long n, const std::array<int, 4>& nb,
                     int found) {
  // Affine interpolation weights w of x_n from the neighbours: sum w_j (p_j, 1) = (x, 1).
  Eigen::Matrix<double, d + 1, d + 1> V;
  Eigen::Matrix<double, d + 1, 1> rhs;
  for (int j = 0; j < d + 1; ++j) {
    for (int c = 0; c < d; ++c) V(c, j) = U(nb[std::min(j, found - 1)], c);
    V(d, j) = 1;
  }
  for (int c = 0; c < d; ++c) rhs(c) = U(n, c);
  rhs(d) = 1;
  const Eigen::FullPivLU<Eigen::Matrix<double, d + 1, d + 1>> lu(V);
  Eigen::Matrix<double, d + 1, 1> w;
  const bool solved = found == d + 1 && lu.isInvertible();
  if (solved) w = lu.solve(rhs);
  if (!solved || w.squaredNorm() > 10)  // degenerate: nearest-neighbour difference
    return 0.5 * (Y.row(n) - Y.row(nb[0])).squaredNorm();
  double sum = 0;
  for (Eigen::Index k = 0; k < Y.cols(); ++k) {
    double pred = 0;
    for (int j = 0; j <= d; ++j) pred += w(j) * Y(nb[j], k);
    sum += (Y(n, k) - pred) * (Y(n, k) - pred);
  }
  return sum / (1.0 + w.squaredNorm());
}

}  // namespace

std::vector<double> localNoiseVariance(const RowMatrix& U, const RowMatrix& Y) {
  const int d = int(U.cols());
  const long N = U.rows();
  std::vector<double> noise(N, 0.0);
  if (N < d + 2) return noise;
  const SampleGrid grid(U, 4.0);
  parallelFor(
      N,
      [&](long a, long b) {
        std::array<int, 4> nb{};
        for (long n = a; n < b; ++n) {
          const int found = nearest(grid, U, n, d + 1, nb);
          if (found == 0) continue;
          noise[n] =
              d == 2 ? planeResidual<2>(U, Y, n, nb, found) : planeResidual<3>(U, Y, n, nb, found);
        }
      },
      256);
  return noise;
}

}  // namespace lreg::detail
