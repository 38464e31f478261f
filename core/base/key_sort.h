// Stable sorting of 1D samples (a key plus a row of targets) by bucketing on the key's value:
// O(n) on spread-out data, cache-sized passes, and the same order as sorting (key, position)
// pairs. Used to sort training samples by x once (Samples1D::sorted).
#pragma once

#include <vector>

namespace lreg::detail {

/// Reusable buffers of sortByKey (one per thread).
struct KeySortScratch {
  std::vector<double> keys, rows, row;
  std::vector<long> order;
};

/// Sorts x[0..n) ascending and moves the rows of y (#n by C, row-major) with their keys.
/// Equal keys keep their order. Keys must not be NaN.
void sortByKey(double* x, double* y, long n, long C, KeySortScratch& scratch);

/// The bucket of `key` among `buckets` equal-width buckets over [lo, lo + buckets / perUnit);
/// keys outside go to the end buckets.
inline long bucketOf(double key, double lo, double perUnit, long buckets) {
  const double b = (key - lo) * perUnit;
  return b < 0 ? 0 : b < double(buckets) ? long(b) : buckets - 1;
}

}  // namespace lreg::detail
