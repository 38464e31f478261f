#include "core/samples1d.h"

#include <algorithm>

namespace lreg {

Samples1D Samples1D::sorted(const RowMatrix& U, const RowMatrix& Y) {
  // Sorting (x, original index) pairs keeps ties in input order: deterministic, and cheaper
  // than an indirect stable sort.
  std::vector<std::pair<double, long>> keyed(U.rows());
  for (long i = 0; i < U.rows(); ++i) keyed[i] = {U(i, 0), i};
  std::sort(keyed.begin(), keyed.end());
  Samples1D s;
  s.x.resize(keyed.size());
  s.y.resize(Y.rows(), Y.cols());
  for (size_t i = 0; i < keyed.size(); ++i) {
    s.x[i] = keyed[i].first;
    s.y.row(i) = Y.row(keyed[i].second);
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
