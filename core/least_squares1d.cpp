#include "core/least_squares1d.h"

#include "core/banded_spd.h"
#include "core/basis1d.h"
#include "core/parallel.h"

namespace lreg {
namespace {

// Share of the mean diagonal used as the always-on second-difference penalty: small enough to
// leave the fit unchanged where there is data, large enough to fix nodes where there is none.
constexpr double kStabiliser = 1e-9;

}  // namespace

RowMatrix solveLeastSquares1D(const Moments1D& m, double smoothing) {
  const int D = int(m.aa.size()) + 1, C = int(m.ay.cols());
  BandedSpd A(D, 2);
  RowMatrix B = RowMatrix::Zero(D, C);
  for (int j = 0; j + 1 < D; ++j) {
    A.add(j, j, m.aa(j));
    A.add(j + 1, j, m.ab(j));
    A.add(j + 1, j + 1, m.bb(j));
    B.row(j) += m.ay.row(j);
    B.row(j + 1) += m.by.row(j);
  }
  double trace = 0;
  for (int i = 0; i < D; ++i) trace += A.get(i, i);
  const double penalty = smoothing * m.count.sum() + kStabiliser * (trace / D + 1e-300);
  // Row i of the second-difference operator is (-1/2, 1, -1/2) at (i-1, i, i+1).
  const double r[3] = {-0.5, 1.0, -0.5};
  for (int i = 1; i + 1 < D; ++i)
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b <= a; ++b) A.add(i - 1 + a, i - 1 + b, penalty * r[a] * r[b]);
  if (D == 2) {  // no interior node: a tiny ridge keeps a data-free mesh solvable
    A.add(0, 0, penalty);
    A.add(1, 1, penalty);
  }
  A.solve(B);
  return B;
}

RowMatrix fitLeastSquares1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, double smoothing) {
  return solveLeastSquares1D(Moments1D::compute(mesh, samples, start), smoothing);
}

RowMatrix predictSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const Samples1D& samples, const std::vector<long>& start) {
  RowMatrix P(samples.size(), coefficients.cols());
  parallelFor(
      mesh.intervals(),
      [&](long j0, long j1) {
        for (long j = j0; j < j1; ++j)
          for (long n = start[j]; n < start[j + 1]; ++n) {
            const HatWeights w = hatWeights(mesh, int(j), samples.x[n]);
            P.row(n) = w.wLeft * coefficients.row(j) + w.wRight * coefficients.row(j + 1);
          }
      },
      16);
  return P;
}

Vector residualEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                        const Samples1D& samples, const std::vector<long>& start) {
  Vector e = Vector::Zero(mesh.intervals());
  parallelFor(
      mesh.intervals(),
      [&](long j0, long j1) {
        for (long j = j0; j < j1; ++j)
          for (long n = start[j]; n < start[j + 1]; ++n) {
            const HatWeights w = hatWeights(mesh, int(j), samples.x[n]);
            e(j) += (w.wLeft * coefficients.row(j) + w.wRight * coefficients.row(j + 1) -
                     samples.y.row(n))
                        .squaredNorm();
          }
      },
      16);
  return e;
}

}  // namespace lreg
