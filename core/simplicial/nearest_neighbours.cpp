#include "simplicial/nearest_neighbours.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lreg::detail {
namespace {

constexpr int kLeaf = 8;

}  // namespace

NearestNeighbours::NearestNeighbours(const RowMatrix& points)
    : points_(points), dim_(int(points.cols())), order_(points.rows()) {
  std::iota(order_.begin(), order_.end(), 0);
  nodes_.reserve(size_t(2 * points.rows() / kLeaf + 2));
  if (!order_.empty()) build(0, int(order_.size()), 0);
}

int NearestNeighbours::build(int begin, int end, int depth) {
  const int id = int(nodes_.size());
  nodes_.push_back({begin, end});
  if (end - begin <= kLeaf) return id;
  // Split the widest axis at the median.
  int axis = 0;
  double widest = -1;
  for (int k = 0; k < dim_; ++k) {
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int i = begin; i < end; ++i) {
      lo = std::min(lo, points_(order_[i], k));
      hi = std::max(hi, points_(order_[i], k));
    }
    if (hi - lo > widest) widest = hi - lo, axis = k;
  }
  if (!(widest > 0)) return id;  // all points equal: a leaf, however big
  const int mid = begin + (end - begin) / 2;
  std::nth_element(order_.begin() + begin, order_.begin() + mid, order_.begin() + end,
                   [&](int a, int b) {
                     const double pa = points_(a, axis), pb = points_(b, axis);
                     return pa < pb || (pa == pb && a < b);
                   });
  const double split = points_(order_[mid], axis);
  const int left = build(begin, mid, depth + 1), right = build(mid, end, depth + 1);
  nodes_[id].axis = axis;
  nodes_[id].split = split;
  nodes_[id].left = left;
  nodes_[id].right = right;
  return id;
}

void NearestNeighbours::search(int id, const double* x, long self, int k,
                               std::array<double, kMax>& dist, Result& out, int& found) const {
  const Node& node = nodes_[id];
  if (node.axis < 0) {
    for (int i = node.begin; i < node.end; ++i) {
      const int m = order_[i];
      if (m == self) continue;
      double dd = 0;
      for (int c = 0; c < dim_; ++c) dd += (points_(m, c) - x[c]) * (points_(m, c) - x[c]);
      if (found == k && !(dd < dist[k - 1] || (dd == dist[k - 1] && m < out[k - 1]))) continue;
      int pos = std::min(found, k - 1);  // insertion into the sorted list
      while (pos > 0 && (dist[pos - 1] > dd || (dist[pos - 1] == dd && out[pos - 1] > m))) {
        dist[pos] = dist[pos - 1];
        out[pos] = out[pos - 1];
        --pos;
      }
      dist[pos] = dd;
      out[pos] = m;
      found = std::min(found + 1, k);
    }
    return;
  }
  const double delta = x[node.axis] - node.split;
  const int nearSide = delta < 0 ? node.left : node.right;
  const int farSide = delta < 0 ? node.right : node.left;
  search(nearSide, x, self, k, dist, out, found);
  if (found < k || delta * delta <= dist[k - 1]) search(farSide, x, self, k, dist, out, found);
}

int NearestNeighbours::query(long n, int k, Result& out) const {
  k = std::min(k, kMax);
  std::array<double, kMax> dist;
  dist.fill(HUGE_VAL);
  int found = 0;
  if (!nodes_.empty() && k > 0) search(0, points_.row(n).data(), n, k, dist, out, found);
  return found;
}

}  // namespace lreg::detail
