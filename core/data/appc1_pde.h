// The PDE behind App. C.1's data set: -Lap u + (u - beta)^2 = f(x, y) on [0, 1]^2, u = beta on
// the boundary, solved by Newton's method on the 5-point finite-difference system.
#pragma once

#include <functional>
#include <vector>

namespace lreg::detail {

/// The grid: m x m interior points (x, y) = ((i + 1) h, (k + 1) h), h = 1 / (m + 1); unknown
/// k m + i is the point of column i and row k (row-major, y slowest).
struct Appc1Solution {
  std::vector<double> u;  ///< m^2 values
  int newtonSteps = 0;
  double residual = 0;  ///< max |F(u)| of the discrete system at the end
};

/// Newton's method from u = beta until max |F(u)| <= 1e-12 (1 + max |f|) — F(u) = A u +
/// (u - beta)^2 - f with A the 5-point -Lap (boundary values beta) — or until an update is
/// below 1e-14 (1 + max |u - beta|), at most 50 steps; each step solves
/// (A + 2 diag(u - beta)) du = -F by sparse Cholesky. Throws Error if the Jacobian is not
/// positive definite or Newton does not converge.
Appc1Solution solveAppc1System(int m, double beta, const std::function<double(double, double)>& f);

/// App. C.1: f = (alpha cos x sin y - 1)^2 + 1.
Appc1Solution solveAppc1(int m, double alpha, double beta);

}  // namespace lreg::detail
