#include "simplicial/noise_estimate.h"

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>

#include <lreg/base/parallel.h>

namespace lreg::detail {
namespace {

// A grid over the unit box with about `perCell` samples per cell: per axis, lines at quantiles
// of the samples' coordinates, so that clustered data (B2's 1/x density) do not pile thousands
// of samples into one cell.
struct SampleGrid {
  int d, g;
  std::array<std::vector<double>, 3> lines;  // per axis: g + 1 lines, 0 to 1
  std::vector<int> start, items;

  SampleGrid(const RowMatrix& U, double perCell) : d(int(U.cols())) {
    g = std::max(1, int(std::pow(double(U.rows()) / perCell, 1.0 / d)));
    for (int k = 0; k < d; ++k) {
      std::vector<double> x(U.col(k).begin(), U.col(k).end());
      std::sort(x.begin(), x.end());
      lines[k].assign(g + 1, 0.0);
      for (int c = 1; c < g; ++c)
        lines[k][c] = std::max(lines[k][c - 1], x[size_t(double(c) / g * double(x.size() - 1))]);
      lines[k][g] = 1.0;
    }
    const int cells = int(std::pow(g, d));
    start.assign(cells + 1, 0);
    std::vector<int> cellOf(U.rows());
    for (long n = 0; n < U.rows(); ++n) ++start[(cellOf[n] = cell(U.row(n).data())) + 1];
    for (int c = 0; c < cells; ++c) start[c + 1] += start[c];
    items.resize(U.rows());
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (long n = 0; n < U.rows(); ++n) items[fill[cellOf[n]]++] = int(n);
  }
  int coord(int k, double v) const {
    const auto& l = lines[k];
    return std::clamp(int(std::upper_bound(l.begin() + 1, l.end() - 1, v) - l.begin()) - 1, 0,
                      g - 1);
  }
  int cell(const double* x) const {
    int c = 0;
    for (int k = d - 1; k >= 0; --k) c = c * g + coord(k, x[k]);
    return c;
  }
  /// Distance from x (in cell `centre`) to the outside of the block of cells within `ring`.
  double reach(const double* x, const int* centre, int ring) const {
    double r = HUGE_VAL;
    for (int k = 0; k < d; ++k) {
      if (centre[k] - ring > 0) r = std::min(r, x[k] - lines[k][centre[k] - ring]);
      if (centre[k] + ring + 1 < g) r = std::min(r, lines[k][centre[k] + ring + 1] - x[k]);
    }
    return r;
  }
};

constexpr int kMaxNeighbours = 16;
using Neighbours = std::array<int, kMaxNeighbours>;

// The k nearest other samples of sample n (k <= kMaxNeighbours), searching rings of cells until
// the k-th distance is within the searched radius.
int nearest(const SampleGrid& grid, const RowMatrix& U, long n, int k, Neighbours& out) {
  const int d = grid.d;
  std::array<double, kMaxNeighbours> dist;
  dist.fill(HUGE_VAL);
  int found = 0;
  int center[3] = {0, 0, 0};
  for (int c = 0; c < d; ++c) center[c] = grid.coord(c, U(n, c));
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
    // Every unsearched sample is at least `reach` away.
    const double reach = grid.reach(U.row(n).data(), center, ring);
    if (found == k && dist[k - 1] <= reach * reach) break;
  }
  return found;
}

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
  const Eigen::FullPivLU<
      Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, maxTerms, maxTerms>>
      lu(PtP);
  if (!lu.isInvertible() || lu.rcond() < 1e-10) return -1;
  Eigen::Matrix<double, Eigen::Dynamic, 1, 0, maxTerms, 1> e1 =
      Eigen::Matrix<double, Eigen::Dynamic, 1, 0, maxTerms, 1>::Zero(terms);
  e1(0) = 1;
  const Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxNeighbours, 1> w = P * lu.solve(e1);
  if (!w.allFinite() || w.squaredNorm() > 10) return -1;
  double sum = 0;
  for (Eigen::Index k = 0; k < Y.cols(); ++k) {
    double pred = 0;
    for (int j = 0; j < found; ++j) pred += w(j) * Y(nb[j], k);
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
        Neighbours nb{};
        // Quadratic reproduction needs 6 (2D) / 10 (3D) weights; a few more neighbours give it
        // room to keep the weights small.
        const int k = d == 2 ? 8 : 14;
        for (long n = a; n < b; ++n) {
          const int found = nearest(grid, U, n, k, nb);
          if (found == 0) continue;
          double r = -1;
          for (int degree = 2; degree >= 1 && r < 0; --degree)
            r = d == 2 ? polynomialResidual<2>(U, Y, n, nb, found, degree)
                       : polynomialResidual<3>(U, Y, n, nb, found, degree);
          // Degenerate neighbourhoods (duplicates, all on a line): the nearest difference.
          noise[n] = r >= 0 ? r : 0.5 * (Y.row(n) - Y.row(nb[0])).squaredNorm();
        }
      },
      256);
  return noise;
}

}  // namespace lreg::detail
