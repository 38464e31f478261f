#include "data/appc1_pde.h"

#include <cmath>

#include <Eigen/SparseCholesky>

#include <lreg/base/error.h>

namespace lreg::detail {

Appc1Solution solveAppc1System(int m, double beta, const std::function<double(double, double)>& f) {
  if (m < 1 || m > 1000) throw Error("the App. C.1 grid must have 1 to 1000 points per side");
  const int n = m * m;
  const double h = 1.0 / (m + 1), inv = 1.0 / (h * h);
  Eigen::VectorXd rhs(n), w = Eigen::VectorXd::Zero(n);  // w = u - beta, 0 on the boundary
  double scale = 0;
  for (int k = 0; k < m; ++k)
    for (int i = 0; i < m; ++i) {
      rhs(k * m + i) = f((i + 1) * h, (k + 1) * h);
      scale = std::max(scale, std::abs(rhs(k * m + i)));
    }
  // In w the problem is -Lap w + w^2 = f with w = 0 on the boundary: A below has no boundary
  // terms, and u = beta + w. A and the solver's symbolic analysis depend on m only: kept per
  // thread, so that a data set of thousands of solves analyses the pattern once.
  struct Workspace {
    int m = 0;
    Eigen::SparseMatrix<double> A, J;
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver;
  };
  thread_local Workspace ws;
  if (ws.m != m) {
    std::vector<Eigen::Triplet<double>> entries;
    for (int k = 0; k < m; ++k)
      for (int i = 0; i < m; ++i) {
        const int p = k * m + i;
        entries.emplace_back(p, p, 4 * inv);
        if (i > 0) entries.emplace_back(p, p - 1, -inv);
        if (i + 1 < m) entries.emplace_back(p, p + 1, -inv);
        if (k > 0) entries.emplace_back(p, p - m, -inv);
        if (k + 1 < m) entries.emplace_back(p, p + m, -inv);
      }
    ws.A.resize(n, n);
    ws.A.setFromTriplets(entries.begin(), entries.end());
    ws.J = ws.A;
    ws.solver.analyzePattern(ws.J);
    ws.m = m;
  }
  const Eigen::SparseMatrix<double>& A = ws.A;
  Eigen::SparseMatrix<double>& J = ws.J;
  auto& solver = ws.solver;
  Appc1Solution s;
  const double tolerance = 1e-12 * (1 + scale);
  for (;;) {
    const Eigen::VectorXd F = A * w + w.cwiseAbs2() - rhs;
    s.residual = F.cwiseAbs().maxCoeff();
    if (s.residual <= tolerance) break;
    if (s.newtonSteps == 50)
      throw Error("App. C.1: Newton's method did not converge in 50 steps (residual " +
                  std::to_string(s.residual) + ")");
    J = A;
    for (int p = 0; p < n; ++p) J.coeffRef(p, p) += 2 * w(p);
    solver.factorize(J);
    if (solver.info() != Eigen::Success || (solver.vectorD().array() <= 0).any())
      throw Error("App. C.1: the Newton system is not positive definite");
    const Eigen::VectorXd step = solver.solve(F);
    w -= step;
    ++s.newtonSteps;
    // At machine precision the residual of a fine grid (entries ~ 1/h^2) may stay above the
    // tolerance; an update below rounding level means Newton has converged.
    if (step.cwiseAbs().maxCoeff() <= 1e-14 * (1 + w.cwiseAbs().maxCoeff())) {
      s.residual = (A * w + w.cwiseAbs2() - rhs).cwiseAbs().maxCoeff();
      break;
    }
  }
  s.u.resize(size_t(n));
  for (int p = 0; p < n; ++p) s.u[size_t(p)] = beta + w(p);
  return s;
}

Appc1Solution solveAppc1(int m, double alpha, double beta) {
  return solveAppc1System(m, beta, [alpha](double x, double y) {
    const double a = alpha * std::cos(x) * std::sin(y) - 1;
    return a * a + 1;
  });
}

}  // namespace lreg::detail
