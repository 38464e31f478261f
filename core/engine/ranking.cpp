#include "engine/ranking.h"

#include <algorithm>
#include <numeric>

namespace lreg::detail {

std::vector<int> rankedByScore(const Vector& score) {
  std::vector<int> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return score(a) > score(b); });
  return order;
}

std::vector<long> shuffledOrder(long n, Random& rng) {
  std::vector<long> order(n);
  std::iota(order.begin(), order.end(), 0L);
  rng.shuffle(order);
  return order;
}

}  // namespace lreg::detail
