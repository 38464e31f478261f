#include "1d/samples1d.h"

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <lreg/base/parallel.h>
#include "base/huge_pages.h"
#include "base/key_sort.h"

namespace lreg::detail {

namespace {

// The smallest and largest of unit(i) over all rows, each thread scanning its own share.
template <class Share, class Unit>
std::pair<double, double> unitRangeOf(int T, const Share& share, const Unit& unit) {
  std::vector<double> lows(T, HUGE_VAL), highs(T, -HUGE_VAL);
  parallelFor(T, [&](long t0, long t1) {
    for (long t = t0; t < t1; ++t) {
      double low = HUGE_VAL, high = -HUGE_VAL;  // locals: no false sharing between threads
      for (long i = share(t).first; i < share(t).second; ++i) {
        const double u = unit(i);
        low = std::min(low, u);
        high = std::max(high, u);
      }
      lows[t] = low;
      highs[t] = high;
    }
  });
  return {*std::min_element(lows.begin(), lows.end()),
          *std::max_element(highs.begin(), highs.end())};
}

}  // namespace

Samples1D Samples1D::sorted(MatrixView X, MatrixView Y, double lo, double scale,
                            std::optional<std::pair<double, double>> unitRange) {
  // Two bucketing levels instead of a comparison sort: a stable scatter of the data into a few
  // hundred value ranges (each written as one sequential stream), then each range sorted on
  // its own in cache (sortByKey). No N-sized temporaries besides the result.
  const long N = X.rows(), C = Y.cols();
  Samples1D s;
  s.x.resize(N);  // unwritten: the scatter below touches the pages first, on every thread
  adviseHugePages(s.x.data(), sizeof(double) * size_t(N));
  s.y.resize(N, C);
  adviseHugePages(s.y.data(), sizeof(double) * size_t(N * C));
  if (N == 0) return s;
  auto unit = [&](long i) { return (X(i, 0) - lo) * scale; };
  // Each thread scans, then scatters, its own contiguous share of the input; its offsets inside
  // every range follow the shares before it, which keeps the scatter stable.
  const int T = threadCount();
  auto share = [&](long t) { return std::pair{N * t / T, N * (t + 1) / T}; };
  // The range only sizes the buckets: a known superset of it gives the same order.
  const std::pair<double, double> range = unitRange ? *unitRange : unitRangeOf(T, share, unit);
  const double umin = range.first, umax = range.second;
  const long buckets = std::clamp(N / 16384, 1L, 1024L);
  const double perUnit = umax > umin ? double(buckets) / (umax - umin) : 0.0;
  std::vector<std::vector<long>> next(T, std::vector<long>(buckets, 0));
  parallelFor(T, [&](long t0, long t1) {
    for (long t = t0; t < t1; ++t)
      for (long i = share(t).first; i < share(t).second; ++i)
        ++next[t][bucketOf(unit(i), umin, perUnit, buckets)];
  });
  std::vector<long> start(buckets + 1, 0);
  for (long k = 0; k < buckets; ++k) {
    start[k + 1] = start[k];
    for (int t = 0; t < T; ++t) {
      const long count = next[t][k];
      next[t][k] = start[k + 1];
      start[k + 1] += count;
    }
  }
  double* yOut = s.y.data();  // Y may be strided (a view of someone else's array)
  parallelFor(T, [&](long t0, long t1) {
    for (long t = t0; t < t1; ++t)
      for (long i = share(t).first; i < share(t).second; ++i) {
        const double u = unit(i);
        const long p = next[t][bucketOf(u, umin, perUnit, buckets)]++;
        s.x[p] = u;
        for (long c = 0; c < C; ++c) yOut[p * C + c] = Y(i, c);
      }
  });
  parallelFor(buckets, [&](long k0, long k1) {
    KeySortScratch scratch;
    for (long k = k0; k < k1; ++k)
      sortByKey(s.x.data() + start[k], s.y.data() + start[k] * C, start[k + 1] - start[k], C,
                scratch);
  });
  return s;
}

Samples1D Samples1D::subset(long n) const {
  Samples1D s;
  s.x.resize(n);
  s.y.resize(n, y.cols());
  for (long i = 0; i < n; ++i) {
    const long src = long(double(i) * double(size() - 1) / double(n - 1));
    s.x[i] = x[src];
    s.y.row(i) = y.row(src);
  }
  return s;
}

namespace {

// Squared pseudo-residual of sample n (summed over outputs): y_n against the smallest weighted
// sum of the values of its neighbours n-2 .. n+2 that reproduces quadratics, scaled by
// 1 / (1 + |w|^2) to be unbiased for y = quadratic + noise. Quadratic reproduction cancels the
// curvature a line through two neighbours reads as noise. Negative when the neighbours cannot
// reproduce quadratics (ties).
double quadraticPseudoResidual(const UninitializedDoubles& x, const RowMatrix& y, long n) {
  const long N = long(x.size());
  long lo = std::max(0L, n - 2), hi = std::min(N - 1, n + 2);
  while (hi - lo < 4 && lo > 0) --lo;  // near the ends: four neighbours on one side
  while (hi - lo < 4 && hi < N - 1) ++hi;
  const int k = int(hi - lo);
  if (k < 4) return -1;
  const double span = x[hi] - x[lo];
  if (!(span > 0)) return -1;
  Eigen::Matrix<double, 4, 3> P;
  std::array<long, 4> idx{};
  for (long m = lo, r = 0; m <= hi; ++m) {
    if (m == n) continue;
    const double t = (x[m] - x[n]) / span;
    P.row(r) << 1.0, t, t * t;
    idx[r++] = m;
  }
  const Eigen::Matrix3d PtP = P.transpose() * P;
  const Eigen::FullPivLU<Eigen::Matrix3d> lu(PtP);
  if (!lu.isInvertible() || lu.rcond() < 1e-12) return -1;
  const Eigen::Vector4d w = P * lu.solve(Eigen::Vector3d(1, 0, 0));
  if (!w.allFinite() || w.squaredNorm() > 50) return -1;
  double sum = 0;
  for (Eigen::Index c = 0; c < y.cols(); ++c) {
    double pred = 0;
    for (int r = 0; r < 4; ++r) pred += w(r) * y(idx[r], c);
    sum += (y(n, c) - pred) * (y(n, c) - pred);
  }
  return sum / (1.0 + w.squaredNorm());
}

}  // namespace

void Samples1D::estimateNoise() {
  const long N = size();
  noise.assign(N, 0.0);
  if (N < 5) return;
  std::vector<double> raw(N, -1.0);
  parallelFor(
      N,
      [&](long a, long b) {
        for (long n = a; n < b; ++n) raw[n] = quadraticPseudoResidual(x, y, n);
      },
      4096);
  // The local noise is the mean of the pseudo-residuals of the 11 samples around each one,
  // leaving out those above 20 times their median: the few samples whose stencil straddles a
  // jump or a kink. (Gaussian noise puts 0.05% of its values there; a median alone would be
  // biased by the skew of chi-square and the overlap of neighbouring stencils.)
  constexpr long kHalf = 5;
  constexpr double kOutlier = 20;
  parallelFor(
      N,
      [&](long a, long b) {
        std::vector<double> window;
        for (long n = a; n < b; ++n) {
          window.clear();
          for (long m = std::max(0L, n - kHalf); m <= std::min(N - 1, n + kHalf); ++m)
            if (raw[m] >= 0) window.push_back(raw[m]);
          if (window.empty()) continue;  // all ties: no information
          std::vector<double> sorted = window;
          std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size()) / 2, sorted.end());
          const double cut = kOutlier * sorted[sorted.size() / 2];
          double sum = 0, count = 0;
          for (double v : window)
            if (v <= cut) sum += v, count += 1;
          noise[n] = count > 0 ? sum / count : 0.0;
        }
      },
      4096);
}

std::vector<long> Samples1D::intervalStarts(const Mesh1D& mesh) const {
  const int D = mesh.size();
  std::vector<long> start(D);
  start[0] = 0;
  for (int j = 1; j < D - 1; ++j)
    start[j] = std::lower_bound(x.begin() + start[j - 1], x.end(), mesh.node(j)) - x.begin();
  start[D - 1] = size();
  return start;
}

std::vector<int> Samples1D::intervalOfEach(const std::vector<long>& start) {
  std::vector<int> cell(start.empty() ? 0 : size_t(start.back()));
  for (size_t j = 0; j + 1 < start.size(); ++j)
    std::fill(cell.begin() + start[j], cell.begin() + start[j + 1], int(j));
  return cell;
}

Vector Samples1D::noiseEnergy(const std::vector<long>& start) const {
  if (noise.empty() || start.empty()) return {};
  Vector e = Vector::Zero(long(start.size()) - 1);
  for (long j = 0; j < e.size(); ++j)
    for (long i = start[size_t(j)]; i < start[size_t(j) + 1]; ++i) e(j) += noise[size_t(i)];
  return e;
}

}  // namespace lreg::detail
