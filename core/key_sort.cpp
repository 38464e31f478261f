#include "core/key_sort.h"

#include <algorithm>
#include <numeric>

namespace lreg {
namespace {

constexpr long kInsertionLimit = 32;  // ranges this short: insertion sort
constexpr int kMaxDepth = 4;          // clustered keys: after this many bucketings, a merge sort

void insertionSort(double* x, double* y, long n, long C, std::vector<double>& row) {
  row.resize(C);
  for (long i = 1; i < n; ++i) {
    if (!(x[i] < x[i - 1])) continue;  // strict: equal keys keep their order
    const double key = x[i];
    long j = i - 1;
    while (j > 0 && x[j - 1] > key) --j;
    std::copy_n(y + i * C, C, row.begin());
    std::copy_backward(x + j, x + i, x + i + 1);
    std::copy_backward(y + j * C, y + i * C, y + (i + 1) * C);
    x[j] = key;
    std::copy_n(row.begin(), C, y + j * C);
  }
}

void mergeSort(double* x, double* y, long n, long C, KeySortScratch& s) {
  s.order.resize(n);
  std::iota(s.order.begin(), s.order.end(), 0L);
  std::stable_sort(s.order.begin(), s.order.end(), [&](long p, long q) { return x[p] < x[q]; });
  s.keys.resize(n);
  s.rows.resize(size_t(n * C));
  for (long i = 0; i < n; ++i) {
    s.keys[i] = x[s.order[i]];
    std::copy_n(y + s.order[i] * C, C, s.rows.begin() + i * C);
  }
  std::copy_n(s.keys.begin(), n, x);
  std::copy_n(s.rows.begin(), n * C, y);
}

void sortRange(double* x, double* y, long n, long C, KeySortScratch& s, int depth) {
  if (n < 2) return;
  if (n <= kInsertionLimit) return insertionSort(x, y, n, C, s.row);
  if (depth >= kMaxDepth) return mergeSort(x, y, n, C, s);
  const auto [lo, hi] = std::minmax_element(x, x + n);
  if (!(*lo < *hi)) return;  // all keys equal: already in order
  // About 8 keys per bucket: a stable counting scatter into the scratch, back, then each
  // bucket on its own (the scratch is reused, so the buckets are sorted after the copy back).
  const long buckets = std::max(2L, n / 8);
  const double low = *lo, perUnit = double(buckets) / (*hi - *lo);
  std::vector<long> start(buckets + 1, 0);
  for (long i = 0; i < n; ++i) ++start[bucketOf(x[i], low, perUnit, buckets) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  s.keys.resize(n);
  s.rows.resize(size_t(n * C));
  std::vector<long> next(start.begin(), start.end() - 1);
  for (long i = 0; i < n; ++i) {
    const long p = next[bucketOf(x[i], low, perUnit, buckets)]++;
    s.keys[p] = x[i];
    std::copy_n(y + i * C, C, s.rows.begin() + p * C);
  }
  std::copy_n(s.keys.begin(), n, x);
  std::copy_n(s.rows.begin(), n * C, y);
  for (long b = 0; b < buckets; ++b)
    sortRange(x + start[b], y + start[b] * C, start[b + 1] - start[b], C, s, depth + 1);
}

}  // namespace

void sortByKey(double* x, double* y, long n, long C, KeySortScratch& scratch) {
  sortRange(x, y, n, C, scratch, 0);
}

}  // namespace lreg
