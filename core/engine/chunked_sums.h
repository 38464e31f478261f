// What the passes over every sample share: per-chunk sums that do not depend on the thread
// count or on whether the rows are in memory or streamed, and the normalizer's unit map.
#pragma once

#include <algorithm>
#include <vector>

#include <lreg/base/parallel.h>
#include <lreg/data/normalizer.h>
#include "engine/sample_source.h"

namespace lreg::detail {

// Per-chunk sums over every block of `source`: `accumulate(partial, X, Y, n)` adds n rows into a
// zeroed partial of `size` values; the partials are added to the total in chunk order. Chunks are
// `chunk` consecutive rows of this process (blocks hold whole chunks), so the sums depend neither
// on the thread count nor on whether the rows are in memory or streamed.
template <class Accumulate>
std::vector<double> chunkedSums(const SampleSource& source, long size,
                                const Accumulate& accumulate) {
  const long chunk = std::max(1L << 15, 4 * size);
  const int d = source.dim, C = source.outputs;
  std::vector<double> total(size_t(size), 0.0);
  const int wave = threadCount();
  std::vector<std::vector<double>> partial(wave, std::vector<double>(size));
  source.forEachBlock(
      [&](const double* X, const double* Y, long n, long) {
        const long chunks = (n + chunk - 1) / chunk;
        for (long c0 = 0; c0 < chunks; c0 += wave) {
          const long w = std::min<long>(wave, chunks - c0);
          parallelFor(w, [&](long a, long b) {
            for (long i = a; i < b; ++i) {
              const long first = (c0 + i) * chunk, m = std::min(chunk, n - first);
              std::fill(partial[size_t(i)].begin(), partial[size_t(i)].end(), 0.0);
              accumulate(partial[size_t(i)].data(), X + first * d, Y + first * C, m);
            }
          });
          for (long i = 0; i < w; ++i)
            for (long k = 0; k < size; ++k) total[size_t(k)] += partial[size_t(i)][size_t(k)];
        }
      },
      chunk);
  return total;
}

// The unit-domain map of the normalizer, as Normalizer::toUnit computes it.
struct UnitMap {
  int d = 1;
  double lo[3] = {0, 0, 0}, scale[3] = {1, 1, 1};
  explicit UnitMap(const Normalizer& n) : d(n.dim()) {
    const Vector inverse = (n.hi - n.lo).cwiseInverse();
    for (int k = 0; k < d; ++k) lo[k] = n.lo(k), scale[k] = inverse(k);
  }
  void apply(const double* x, double* u) const {
    for (int k = 0; k < d; ++k) u[k] = (x[k] - lo[k]) * scale[k];
  }
};

}  // namespace lreg::detail
