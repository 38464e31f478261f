#include "core/hard_samples.h"

#include <algorithm>
#include <numeric>

namespace lreg {

void countTopK(const double* losses, const int* cells, int n, int k, Vector& counts) {
  if (n <= 0 || k <= 0) return;
  k = std::min(k, n);
  thread_local std::vector<int> order;
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  std::nth_element(order.begin(), order.begin() + (k - 1), order.end(), [&](int a, int b) {
    return losses[a] > losses[b] || (losses[a] == losses[b] && a < b);
  });
  for (int i = 0; i < k; ++i) counts(cells[order[i]]) += 1.0;
}

}  // namespace lreg
