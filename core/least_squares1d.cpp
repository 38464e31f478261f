#include "core/least_squares1d.h"

#include "core/banded_spd.h"
#include "core/basis1d.h"

namespace lreg {
namespace {

// Share of the mean diagonal used as the always-on second-difference penalty: small enough to
// leave the fit unchanged where there is data, large enough to fix nodes where there is none.
constexpr double kStabiliser = 1e-9;

}  // namespace

RowMatrix fitLeastSquares1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, double smoothing) {
  const int D = mesh.size(), C = samples.outputs();
  BandedSpd A(D, 2);
  RowMatrix B = RowMatrix::Zero(D, C);
  for (int j = 0; j + 1 < D; ++j) {
    double a00 = 0, a01 = 0, a11 = 0;
    for (long n = start[j]; n < start[j + 1]; ++n) {
      const HatWeights w = hatWeights(mesh, j, samples.x[n]);
      a00 += w.wLeft * w.wLeft;
      a01 += w.wLeft * w.wRight;
      a11 += w.wRight * w.wRight;
      B.row(j) += w.wLeft * samples.y.row(n);
      B.row(j + 1) += w.wRight * samples.y.row(n);
    }
    A.add(j, j, a00);
    A.add(j + 1, j, a01);
    A.add(j + 1, j + 1, a11);
  }
  double trace = 0;
  for (int i = 0; i < D; ++i) trace += A.get(i, i);
  const double penalty = smoothing * samples.size() + kStabiliser * (trace / D + 1e-300);
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

RowMatrix predictSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const Samples1D& samples, const std::vector<long>& start) {
  RowMatrix P(samples.size(), coefficients.cols());
  for (int j = 0; j + 1 < mesh.size(); ++j)
    for (long n = start[j]; n < start[j + 1]; ++n) {
      const HatWeights w = hatWeights(mesh, j, samples.x[n]);
      P.row(n) = w.wLeft * coefficients.row(j) + w.wRight * coefficients.row(j + 1);
    }
  return P;
}

Vector residualEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                        const Samples1D& samples, const std::vector<long>& start) {
  Vector e = Vector::Zero(mesh.intervals());
  for (int j = 0; j + 1 < mesh.size(); ++j)
    for (long n = start[j]; n < start[j + 1]; ++n) {
      const HatWeights w = hatWeights(mesh, j, samples.x[n]);
      e(j) += (w.wLeft * coefficients.row(j) + w.wRight * coefficients.row(j + 1) -
               samples.y.row(n))
                  .squaredNorm();
    }
  return e;
}

}  // namespace lreg
