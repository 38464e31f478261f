#include "base/key_sort.h"

#include <algorithm>
#include <numeric>

namespace lreg::detail {
namespace {

constexpr long kInsertionLimit = 32;  // ranges this short: insertion sort
constexpr int kMaxDepth = 4;          // clustered keys: after this many bucketings, a merge sort

// The row width: a compile-time 1 for the common single-output case (the copies become plain
// moves), the run-time C otherwise.
template <int Fixed>
struct Width {
  long C;
  long operator()() const { return Fixed > 0 ? Fixed : C; }
};

template <int Fixed>
void insertionSort(double* x, double* y, long n, Width<Fixed> w, std::vector<double>& row) {
  const long C = w();
  row.resize(C);
  // Element by element (no search, then block moves): the ranges are a few keys long, where a
  // memmove call per insertion cost more than the sort.
  for (long i = 1; i < n; ++i) {
    const double key = x[i];
    if (!(key < x[i - 1])) continue;  // strict: equal keys keep their order
    for (long c = 0; c < C; ++c) row[c] = y[i * C + c];
    long j = i;
    do {
      x[j] = x[j - 1];
      for (long c = 0; c < C; ++c) y[j * C + c] = y[(j - 1) * C + c];
      --j;
    } while (j > 0 && x[j - 1] > key);
    x[j] = key;
    for (long c = 0; c < C; ++c) y[j * C + c] = row[c];
  }
}

template <int Fixed>
void mergeSort(double* x, double* y, long n, Width<Fixed> w, KeySortScratch& s) {
  const long C = w();
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

template <int Fixed>
void sortRange(double* x, double* y, long n, Width<Fixed> w, KeySortScratch& s, int depth) {
  if (n < 2) return;
  if (n <= kInsertionLimit) return insertionSort(x, y, n, w, s.row);
  if (depth >= kMaxDepth) return mergeSort(x, y, n, w, s);
  const auto [lo, hi] = std::minmax_element(x, x + n);
  if (!(*lo < *hi)) return;  // all keys equal: already in order
  // About 2 keys per bucket: a stable counting scatter into the scratch and back; then the
  // crowded buckets (clustered keys) on their own, and one insertion pass over the range, which
  // only has to order the few keys inside each small bucket (the scratch is reused, so the
  // buckets are sorted after the copy back).
  const long C = w(), buckets = std::max(2L, n / 2);
  const double low = *lo, perUnit = double(buckets) / (*hi - *lo);
  std::vector<long> start(buckets + 1, 0);
  s.order.resize(n);  // each key's bucket, computed once
  for (long i = 0; i < n; ++i) ++start[(s.order[i] = bucketOf(x[i], low, perUnit, buckets)) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  s.keys.resize(n);
  s.rows.resize(size_t(n * C));
  std::vector<long> next(start.begin(), start.end() - 1);
  for (long i = 0; i < n; ++i) {
    const long p = next[s.order[i]]++;
    s.keys[p] = x[i];
    std::copy_n(y + i * C, C, s.rows.begin() + p * C);
  }
  std::copy_n(s.keys.begin(), n, x);
  std::copy_n(s.rows.begin(), n * C, y);
  for (long b = 0; b < buckets; ++b)
    if (start[b + 1] - start[b] > kInsertionLimit)
      sortRange(x + start[b], y + start[b] * C, start[b + 1] - start[b], w, s, depth + 1);
  insertionSort(x, y, n, w, s.row);
}

}  // namespace

void sortByKey(double* x, double* y, long n, long C, KeySortScratch& scratch) {
  if (C == 1)
    sortRange(x, y, n, Width<1>{1}, scratch, 0);
  else
    sortRange(x, y, n, Width<0>{C}, scratch, 0);
}

}  // namespace lreg::detail
