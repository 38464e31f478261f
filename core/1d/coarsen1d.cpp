#include "1d/coarsen1d.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <lreg/base/error.h>

namespace lreg::detail {
namespace {

Vector normalised(Vector v) {
  const double s = v.sum();
  if (s > 0 && std::isfinite(s)) v /= s;
  return v;
}

}  // namespace

std::vector<double> equalFrequencyNodes(const Mesh1D& fine, const Vector& mass, int D,
                                        double minWidth, double shift) {
  const int M = fine.intervals();
  const double lo = fine.node(0), hi = fine.node(fine.size() - 1);
  if (D < 2) throw Error("coarsening needs D >= 2");
  if ((D - 1) * minWidth >= hi - lo) throw Error("minimum width too large for the node budget");
  std::vector<double> cum(M + 1, 0.0);
  for (int j = 0; j < M; ++j) cum[j + 1] = cum[j] + std::max(0.0, mass(j));
  const double total = cum[M];
  std::vector<double> p(D);
  p[0] = lo;
  p[D - 1] = hi;
  for (int i = 1; i < D - 1; ++i) {
    if (!(total > 0) || !std::isfinite(total)) {
      p[i] = lo + (hi - lo) * i / (D - 1);
      continue;
    }
    const double target = std::min(total, total * (i + shift) / (D - 1));
    // First interval whose cumulative end reaches the target: never a zero-mass interval.
    int j =
        static_cast<int>(std::lower_bound(cum.begin() + 1, cum.end(), target) - cum.begin()) - 1;
    j = std::clamp(j, 0, M - 1);
    const double m = cum[j + 1] - cum[j];
    const double t = m > 0 ? std::clamp((target - cum[j]) / m, 0.0, 1.0) : 0.0;
    p[i] = fine.node(j) + t * fine.width(j);
  }
  // Enforce the minimum width: push forward, then pull back from the right end. Because
  // (D-1) * minWidth < hi - lo, both passes together leave every gap >= minWidth. The gaps are
  // checked as computed (p[i] - p[i-1]), stepping by one ulp where rounding falls short.
  auto atLeast = [&](double left) {
    double v = left + minWidth;
    while (!(v - left >= minWidth) || !(v > left)) v = std::nextafter(v, HUGE_VAL);
    return v;
  };
  auto atMost = [&](double right) {
    double v = right - minWidth;
    while (!(right - v >= minWidth) || !(v < right)) v = std::nextafter(v, -HUGE_VAL);
    return v;
  };
  for (int i = 1; i < D - 1; ++i) p[i] = std::max(p[i], atLeast(p[i - 1]));
  for (int i = D - 2; i >= 1; --i) p[i] = std::min(p[i], atMost(p[i + 1]));
  return p;
}

Vector capMass(Vector mass, const Vector& cap) {
  const double total = mass.sum();
  if (cap.sum() <= 1.0 || !(total > 0) || !std::isfinite(total)) return mass;  // cannot hold
  mass /= total;
  for (int round = 0; round < 20; ++round) {
    double excess = 0, free = 0;
    for (Eigen::Index j = 0; j < mass.size(); ++j) {
      if (mass(j) > cap(j))
        excess += mass(j) - cap(j), mass(j) = cap(j);
      else if (mass(j) < cap(j))
        free += mass(j);
    }
    if (excess <= 1e-12 || !(free > 0)) break;
    for (Eigen::Index j = 0; j < mass.size(); ++j)
      if (mass(j) < cap(j)) mass(j) *= 1 + excess / free;
  }
  return mass;
}

std::vector<int> unmatchedNodes(const std::vector<double>& fine,
                                const std::vector<double>& coarse) {
  const int M = static_cast<int>(fine.size()), D = static_cast<int>(coarse.size());
  const int slack =
      M - D;  // coarse node i matches fine node i + s, s in [0, slack], s non-decreasing
  if (slack <= 0) return {};
  const double inf = std::numeric_limits<double>::infinity();
  // cost[i][s]: best total for coarse nodes 0..i with node i matched to fine node i + s.
  std::vector<double> cost(size_t(D) * (slack + 1), inf);
  std::vector<int> from(size_t(D) * (slack + 1), 0);
  auto at = [&](int i, int s) { return size_t(i) * (slack + 1) + s; };
  cost[at(0, 0)] = 0;  // the left ends match
  for (int i = 1; i < D; ++i) {
    double best = inf;
    int bestS = 0;
    for (int s = 0; s <= slack; ++s) {  // running minimum over s' <= s
      if (cost[at(i - 1, s)] < best) best = cost[at(i - 1, s)], bestS = s;
      cost[at(i, s)] = best + std::abs(coarse[i] - fine[i + s]);
      from[at(i, s)] = bestS;
    }
  }
  std::vector<char> kept(M, 0);
  int s = slack;  // the right ends match
  for (int i = D - 1; i >= 0; --i) {
    kept[i + s] = 1;
    s = from[at(i, s)];
  }
  std::vector<int> removed;
  for (int k = 0; k < M; ++k)
    if (!kept[k]) removed.push_back(k);
  return removed;
}

Vector coarseningMass(const Mesh1D& fine, const std::vector<char>& original,
                      const Vector& indicator, const Vector& dataShare, int coarseIntervals,
                      double damping, double prior) {
  const int M = fine.intervals();
  Vector current(M);
  for (int j = 0; j < M;) {
    int e = j + 1;
    while (!original.empty() && !original[e]) ++e;
    const double H = fine.node(e) - fine.node(j);
    for (int q = j; q < e; ++q) current(q) = fine.width(q) / H / coarseIntervals;
    j = e;
  }
  Vector hard = indicator.cwiseMax(0.0), density(M);
  for (int j = 0; j < M; ++j) density(j) = 0.5 * dataShare(j) + 0.5 * fine.width(j);
  if (!(hard.sum() > 0)) hard = current;  // a perfect fit: nothing to move
  return (1 - prior) * ((1 - damping) * normalised(current) + damping * normalised(hard)) +
         prior * normalised(density);
}

}  // namespace lreg::detail
