#include "core/samples1d.h"

#include <algorithm>
#include <numeric>

namespace lreg {

Samples1D Samples1D::sorted(const RowMatrix& U, const RowMatrix& Y) {
  std::vector<long> order(U.rows());
  std::iota(order.begin(), order.end(), 0L);
  std::stable_sort(order.begin(), order.end(), [&](long a, long b) { return U(a, 0) < U(b, 0); });
  Samples1D s;
  s.x.resize(order.size());
  s.y.resize(Y.rows(), Y.cols());
  for (size_t i = 0; i < order.size(); ++i) {
    s.x[i] = U(order[i], 0);
    s.y.row(i) = Y.row(order[i]);
  }
  return s;
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

}  // namespace lreg
