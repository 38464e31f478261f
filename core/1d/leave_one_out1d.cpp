#include "1d/leave_one_out1d.h"

#include <algorithm>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "1d/banded_spd.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"

namespace lreg::detail {
namespace {

constexpr int kBand = 2;  // the normal matrix's bandwidth (second-difference penalty)

// The squared LOO residual (summed over outputs) of sample n in interval j with hat weights
// (a, b): the normal equations without it, solved on the window of nodes around j with the
// nodes outside held at the full fit c.
double directResidual(const BandedSpd& A, const RowMatrix& rhs, const RowMatrix& c,
                      const Samples1D& samples, long n, int j, double a, double b) {
  const int D = A.size(), C = int(c.cols());
  const int lo = std::max(0, j - kDirectWindow), hi = std::min(D - 1, j + 1 + kDirectWindow);
  const int m = hi - lo + 1;
  BandedSpd S(m, kBand);
  RowMatrix B = rhs.middleRows(lo, m);
  for (int i = lo; i <= hi; ++i) {
    for (int k = std::max(lo, i - kBand); k <= i; ++k) S.add(i - lo, k - lo, A.get(i, k));
    for (int k = i - kBand; k <= i + kBand; ++k)  // couplings to the held nodes
      if (k >= 0 && k < D && (k < lo || k > hi)) B.row(i - lo) -= A.get(i, k) * c.row(k);
  }
  S.add(j - lo, j - lo, -a * a);
  S.add(j + 1 - lo, j - lo, -a * b);
  S.add(j + 1 - lo, j + 1 - lo, -b * b);
  B.row(j - lo) -= a * samples.y.row(n);
  B.row(j + 1 - lo) -= b * samples.y.row(n);
  S.solve(B);
  double e = 0;
  for (int k = 0; k < C; ++k) {
    const double r = samples.y(n, k) - (a * B(j - lo, k) + b * B(j + 1 - lo, k));
    e += r * r;
  }
  return e;
}

}  // namespace

LeaveOneOut1D leaveOneOut1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, const Moments1D& moments,
                            const RowMatrix& coefficients, double smoothing) {
  const BandedSpd A = normalMatrix1D(moments, smoothing, mesh);
  const std::vector<double> G = A.inverseBand();
  auto g = [&](int i, int k) { return G[size_t(i) * (kBand + 1) + k]; };  // (A^-1)(i, i - k)
  const int M = mesh.intervals(), C = samples.outputs();
  // Per interval: the energy of the samples taken by formula, and which need a solve. Summed
  // in interval order afterwards: the result does not depend on the thread count.
  Vector byFormula = Vector::Zero(M);
  std::vector<std::vector<long>> toSolve(M);
  parallelFor(
      M,
      [&](long j0, long j1) {
        for (long j = j0; j < j1; ++j) {
          const double left = mesh.node(int(j)), inv = 1.0 / mesh.width(int(j));
          const double gaa = g(int(j), 0), gab = g(int(j) + 1, 1), gbb = g(int(j) + 1, 0);
          for (long n = start[j]; n < start[j + 1]; ++n) {
            const double b = hatPosition(samples.x[n], left, inv), a = 1.0 - b;
            const double h = a * a * gaa + 2 * a * b * gab + b * b * gbb;
            if (h > kDirectLeverage) {
              toSolve[j].push_back(n);
              continue;
            }
            double r2 = 0;
            for (int k = 0; k < C; ++k) {
              const double r =
                  samples.y(n, k) - (a * coefficients(j, k) + b * coefficients(j + 1, k));
              r2 += r * r;
            }
            byFormula(j) += r2 / ((1 - h) * (1 - h));
          }
        }
      },
      16);
  std::vector<std::pair<long, int>> direct;  // (sample, interval)
  for (int j = 0; j < M; ++j)
    for (long n : toSolve[j]) direct.emplace_back(n, j);
  const RowMatrix rhs = normalRightHandSide1D(moments);
  std::vector<double> solved(direct.size(), 0.0);
  parallelFor(long(direct.size()), [&](long q0, long q1) {
    for (long q = q0; q < q1; ++q) {
      const auto [n, j] = direct[size_t(q)];
      const double b = hatPosition(samples.x[n], mesh.node(j), 1.0 / mesh.width(j));
      try {
        solved[size_t(q)] = directResidual(A, rhs, coefficients, samples, n, j, 1.0 - b, b);
      } catch (const Error&) {
        // Without the sample nothing fixes its nodes (no other data, no boundary to lean on):
        // count its residual at the largest leverage the formula takes.
        double r2 = 0;
        for (int k = 0; k < C; ++k) {
          const double r =
              samples.y(n, k) - ((1 - b) * coefficients(j, k) + b * coefficients(j + 1, k));
          r2 += r * r;
        }
        solved[size_t(q)] = r2 / ((1 - kDirectLeverage) * (1 - kDirectLeverage));
      }
    }
  });
  LeaveOneOut1D out;
  out.byInterval = std::move(byFormula);
  for (size_t q = 0; q < direct.size(); ++q) out.byInterval(direct[q].second) += solved[q];
  out.energy = out.byInterval.sum();
  out.direct = long(direct.size());
  return out;
}

}  // namespace lreg::detail
