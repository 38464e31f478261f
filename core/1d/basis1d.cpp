#include "1d/basis1d.h"

#include <algorithm>

#include <lreg/base/parallel.h>

namespace lreg::detail {

double hatFunction(const Mesh1D& mesh, int i, double x) {
  const int last = mesh.size() - 1;
  x = std::clamp(x, mesh.node(0), mesh.node(last));
  // Eq. A7: min(ReLU(x - p_{i-1}) / (p_i - p_{i-1}), ReLU(p_{i+1} - x) / (p_{i+1} - p_i)).
  // A missing neighbour (i = 0 or i = D-1) makes that ramp +inf, i.e. drops it from the min.
  const double up = i > 0 ? std::max(x - mesh.node(i - 1), 0.0) / mesh.width(i - 1) : 1.0;
  const double down = i < last ? std::max(mesh.node(i + 1) - x, 0.0) / mesh.width(i) : 1.0;
  return std::min({up, down, 1.0});
}

RowMatrix evaluate1D(const Mesh1D& mesh, const RowMatrix& coefficients, const RowMatrix& U) {
  RowMatrix out(U.rows(), coefficients.cols());
  parallelFor(
      U.rows(),
      [&](long a, long b) {
        for (long n = a; n < b; ++n) {
          const HatWeights w = hatWeights(mesh, U(n, 0));
          out.row(n) = w.wLeft * coefficients.row(w.left) + w.wRight * coefficients.row(w.left + 1);
        }
      },
      4096);
  return out;
}

RowMatrix interpolate1D(const Mesh1D& from, const RowMatrix& coefficients, const Mesh1D& to) {
  RowMatrix points(to.size(), 1);
  for (int i = 0; i < to.size(); ++i) points(i, 0) = to.node(i);
  return evaluate1D(from, coefficients, points);
}

}  // namespace lreg::detail
