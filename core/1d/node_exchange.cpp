#include "1d/node_exchange.h"

#include <algorithm>
#include <numeric>

namespace lreg::detail {

Vector removalCost(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<long>& start, const Vector& residual) {
  const int D = mesh.size(), C = samples.outputs();
  Vector cost = Vector::Zero(D);
  for (int i = 1; i + 1 < D; ++i) {
    const double lo = mesh.node(i - 1), h = mesh.node(i + 1) - lo;
    double merged = 0;
    for (long s = start[size_t(i) - 1]; s < start[size_t(i) + 1]; ++s) {
      const double t = (samples.x[size_t(s)] - lo) / h;
      for (int k = 0; k < C; ++k) {
        const double r =
            (1 - t) * coefficients(i - 1, k) + t * coefficients(i + 1, k) - samples.y(s, k);
        merged += r * r;
      }
    }
    cost(i) = std::max(0.0, merged - residual(i - 1) - residual(i));
  }
  return cost;
}

Vector unexplainedEnergy(const Vector& residual, const Samples1D& samples,
                         const std::vector<long>& start) {
  const Vector noise = samples.noiseEnergy(start);
  return noise.size() ? Vector(residual - noise) : residual;
}

NodeExchange exchangeNodes(const Mesh1D& mesh, const Vector& cost, const Vector& residual,
                           const Vector& counts, int moves, double minWidth) {
  const int D = mesh.size(), M = mesh.intervals();
  std::vector<int> byCost(size_t(std::max(D - 2, 0)));
  std::iota(byCost.begin(), byCost.end(), 1);
  std::stable_sort(byCost.begin(), byCost.end(), [&](int a, int b) { return cost(a) < cost(b); });
  std::vector<int> byEnergy(static_cast<size_t>(M));
  std::iota(byEnergy.begin(), byEnergy.end(), 0);
  std::stable_sort(byEnergy.begin(), byEnergy.end(),
                   [&](int a, int b) { return residual(a) > residual(b); });
  // Removed nodes and the intervals next to them are blocked; the bisected intervals' end
  // nodes too (a node between two new ones would be judged by its old intervals).
  std::vector<char> removed(size_t(D), 0), blocked(size_t(D), 0);
  std::vector<int> bisect;
  auto next = byEnergy.begin();
  for (int i : byCost) {
    if (int(bisect.size()) >= moves) break;
    if (blocked[size_t(i)]) continue;
    // The interval this node goes to: the most energetic one still free.
    while (next != byEnergy.end()) {
      const int j = *next;
      const bool free = !removed[size_t(j)] && !removed[size_t(j) + 1] && j != i - 1 && j != i &&
                        counts(j) >= kExchangeSamples && mesh.width(j) > 2 * minWidth;
      if (free) break;
      ++next;
    }
    if (next == byEnergy.end()) break;
    const int j = *next++;
    if (!(residual(j) > cost(i))) break;  // no move would pay for itself
    removed[size_t(i)] = 1;
    blocked[size_t(i) - 1] = blocked[size_t(i)] = blocked[size_t(i) + 1] = 1;
    blocked[size_t(j)] = blocked[size_t(j) + 1] = 1;
    bisect.push_back(j);
  }
  if (bisect.empty()) return {};
  std::sort(bisect.begin(), bisect.end());
  NodeExchange out;
  std::vector<double>& nodes = out.nodes;
  nodes.reserve(size_t(D));
  auto b = bisect.begin();
  for (int i = 0; i < D; ++i) {
    if (!removed[size_t(i)]) nodes.push_back(mesh.node(i));
    if (b != bisect.end() && *b == i) nodes.push_back(mesh.node(i) + 0.5 * mesh.width(i)), ++b;
  }
  for (int i = 1; i + 1 < D; ++i)
    if (removed[size_t(i)]) out.touched.push_back(i - 1), out.touched.push_back(i);
  out.touched.insert(out.touched.end(), bisect.begin(), bisect.end());
  return out;
}

}  // namespace lreg::detail
