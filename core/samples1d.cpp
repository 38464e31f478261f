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

Samples1D Samples1D::subset(long n) const {
  Samples1D s;
  s.x.resize(n);
  s.y.resize(n, y.cols());
  for (long i = 0; i < n; ++i) {
    const long src = long(double(i) * double(size() - 1) / double(n - 1));
    s.x[i] = x[src];
    s.y.row(i) = y.row(src);
  }
  return s;
}

void Samples1D::estimateNoise() {
  const long N = size();
  noise.assign(N, 0.0);
  for (long n = 1; n + 1 < N; ++n) {
    const double span = x[n + 1] - x[n - 1];
    if (!(span > 0)) continue;  // ties: no information about the local line
    const double a = (x[n + 1] - x[n]) / span, b = 1.0 - a;
    const double scale = 1.0 / (a * a + b * b + 1.0);
    noise[n] = scale * (a * y.row(n - 1) + b * y.row(n + 1) - y.row(n)).squaredNorm();
  }
  if (N >= 3) {  // the ends have one neighbour only: borrow the nearest estimate
    noise[0] = noise[1];
    noise[N - 1] = noise[N - 2];
  }
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
