#include "1d/samples1d.h"

#include <algorithm>
#include <numeric>

#include <lreg/base/parallel.h>
#include "base/huge_pages.h"
#include "base/key_sort.h"

namespace lreg::detail {

Samples1D Samples1D::sorted(MatrixView X, MatrixView Y, double lo, double scale) {
  // Two bucketing levels instead of a comparison sort: a stable scatter of the data into a few
  // hundred value ranges (each written as one sequential stream), then each range sorted on
  // its own in cache (sortByKey). No N-sized temporaries besides the result.
  const long N = X.rows(), C = Y.cols();
  Samples1D s;
  s.x.reserve(N);  // advised before the first touch (resize writes zeros)
  adviseHugePages(s.x.data(), sizeof(double) * size_t(N));
  s.x.resize(N);
  s.y.resize(N, C);
  adviseHugePages(s.y.data(), sizeof(double) * size_t(N * C));
  if (N == 0) return s;
  auto unit = [&](long i) { return (X(i, 0) - lo) * scale; };
  double umin = unit(0), umax = umin;
  for (long i = 1; i < N; ++i) {
    const double u = unit(i);
    umin = std::min(umin, u);
    umax = std::max(umax, u);
  }
  const long buckets = std::clamp(N / 16384, 1L, 1024L);
  const double perUnit = umax > umin ? double(buckets) / (umax - umin) : 0.0;
  // Each thread scatters its own contiguous share of the input; its offsets inside every
  // range follow the shares before it, which keeps the scatter stable.
  const int T = threadCount();
  std::vector<std::vector<long>> next(T, std::vector<long>(buckets, 0));
  auto share = [&](long t) { return std::pair{N * t / T, N * (t + 1) / T}; };
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

void Samples1D::estimateNoise() {
  const long N = size();
  noise.assign(N, 0.0);
  for (long n = 1; n + 1 < N; ++n) {
    const double span = x[n + 1] - x[n - 1];
    if (!(span > 0)) continue;  // ties: no information about the local line
    const double a = (x[n + 1] - x[n]) / span, b = 1.0 - a;
    const double scale = 1.0 / (a * a + b * b + 1.0);
    noise[n] = scale * (a * y.row(n - 1) + b * y.row(n + 1) - y.row(n)).squaredNorm();
  }
  if (N >= 3) {  // the ends have one neighbour only: borrow the nearest estimate
    noise[0] = noise[1];
    noise[N - 1] = noise[N - 2];
  }
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

}  // namespace lreg::detail
