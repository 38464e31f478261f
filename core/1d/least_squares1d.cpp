#include "1d/least_squares1d.h"

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include <lreg/base/parallel.h>
#include "1d/banded_spd.h"
#include "1d/basis1d.h"
#include "1d/hat.h"

namespace lreg::detail {
namespace {

// Share of the mean diagonal used as the always-on second-difference penalty: small enough to
// leave the fit unchanged where there is data, large enough to fix nodes where there is none.
constexpr double kStabiliser = 1e-13;

// Calls visit(j, n, w) for every sorted sample n of interval j with its hat weights w, the
// intervals split over threads (each interval is visited by one thread only).
template <typename Visit>
void forEachSample(const Mesh1D& mesh, const Samples1D& samples, const std::vector<long>& start,
                   Visit visit) {
  parallelFor(
      mesh.intervals(),
      [&](long j0, long j1) {
        for (long j = j0; j < j1; ++j)
          for (long n = start[j]; n < start[j + 1]; ++n)
            visit(int(j), n, hatWeights(mesh, int(j), samples.x[n]));
      },
      16);
}

}  // namespace

BandedSpd normalMatrix1D(const Moments1D& m, double smoothing, const Mesh1D& mesh) {
  const int D = int(m.aa.size()) + 1;
  BandedSpd A(D, 2);
  for (int j = 0; j + 1 < D; ++j) {
    A.add(j, j, m.aa(j));
    A.add(j + 1, j, m.ab(j));
    A.add(j + 1, j + 1, m.bb(j));
  }
  double trace = 0;
  for (int i = 0; i < D; ++i) trace += A.get(i, i);
  const double smooth = smoothing * m.count.sum(), stabiliser = kStabiliser * (trace / D + 1e-300);
  auto addRow = [&](int i, const double(&r)[3], double weight) {
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b <= a; ++b) A.add(i - 1 + a, i - 1 + b, weight * r[a] * r[b]);
  };
  for (int i = 1; i + 1 < D; ++i) {
    // The smoothing term's row is the second difference (-1/2, 1, -1/2) at (i-1, i, i+1); the
    // stabiliser's is c_i less the chord of its neighbours at p_i (the same on an even mesh).
    const double even[3] = {-0.5, 1.0, -0.5};
    if (smooth > 0) addRow(i, even, smooth);
    const double hl = mesh.width(i - 1), hr = mesh.width(i);
    const double chord[3] = {-hr / (hl + hr), 1.0, -hl / (hl + hr)};
    addRow(i, chord, stabiliser);
  }
  if (D == 2) {  // no interior node: a tiny ridge keeps a data-free mesh solvable
    A.add(0, 0, smooth + stabiliser);
    A.add(1, 1, smooth + stabiliser);
  }
  return A;
}

RowMatrix normalRightHandSide1D(const Moments1D& m) {
  const int D = int(m.aa.size()) + 1;
  RowMatrix B = RowMatrix::Zero(D, m.ay.cols());
  for (int j = 0; j + 1 < D; ++j) {
    B.row(j) += m.ay.row(j);
    B.row(j + 1) += m.by.row(j);
  }
  return B;
}

RowMatrix solveLeastSquares1D(const Mesh1D& mesh, const Moments1D& m, double smoothing) {
  RowMatrix B = normalRightHandSide1D(m);
  try {
    normalMatrix1D(m, smoothing, mesh).solve(B);
  } catch (const Error& e) {
    // The penalty vanishes on lines: past ~1/eps times the data's weight the data's part of
    // the matrix is rounding, and the message should say which knob did that.
    if (smoothing > 0)
      throw Error(std::string(e.what()) + " with smoothing " + significant(smoothing) +
                  ": the penalty swamps the data; a smaller smoothing gives the same straight "
                  "line long before this");
    throw;
  }
  return B;
}

RowMatrix fitLeastSquares1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, double smoothing) {
  return solveLeastSquares1D(mesh, Moments1D::compute(mesh, samples, start), smoothing);
}

MetricSums metricSumsSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                              const Samples1D& samples, const std::vector<long>& start) {
  const int M = mesh.intervals(), C = samples.outputs();
  // Per-interval partial sums, reduced in a fixed order: results do not depend on threads.
  RowMatrix absSum = RowMatrix::Zero(M, C), sqSum = RowMatrix::Zero(M, C);
  RowMatrix ySum = RowMatrix::Zero(M, C), yySum = RowMatrix::Zero(M, C);
  MetricSums s = MetricSums::aboutCoefficients(coefficients);  // the sums' units
  parallelFor(
      M,
      [&](long j0, long j1) {
        for (long j = j0; j < j1; ++j) {
          const double left = mesh.node(int(j)), inv = 1.0 / mesh.width(int(j));
          for (int k = 0; k < C; ++k) {  // one output at a time: the sums stay in registers
            const double shift = s.shift(k), unit = 1.0 / s.scale(k);
            const double c0 = (coefficients(j, k) - shift) * unit;
            const double c1 = (coefficients(j + 1, k) - shift) * unit;
            double sa = 0, ss = 0, sy = 0, syy = 0;
            for (long n = start[j]; n < start[j + 1]; ++n) {
              const double t = hatPosition(samples.x[n], left, inv);
              const double y = (samples.y(n, k) - shift) * unit;
              const double r = c0 + t * (c1 - c0) - y;
              sa += std::abs(r);
              ss += r * r;
              sy += y;
              syy += y * y;
            }
            absSum(j, k) = sa;
            sqSum(j, k) = ss;
            ySum(j, k) = sy;
            yySum(j, k) = syy;
          }
        }
      },
      16);
  s.sums.row(0) = absSum.colwise().sum();
  s.sums.row(1) = sqSum.colwise().sum();
  s.sums.row(2) = ySum.colwise().sum();
  s.sums.row(3) = yySum.colwise().sum();
  s.count = double(samples.size());
  return s;
}

Metrics metricsSorted1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                        const std::vector<long>& start) {
  return finishMetrics(metricSumsSorted1D(mesh, coefficients, samples, start));
}

Vector residualEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                        const std::vector<long>& start) {
  Vector e = Vector::Zero(mesh.intervals());
  forEachSample(mesh, samples, start, [&](int j, long n, const HatWeights& w) {
    e(j) += (w.wLeft * coefficients.row(j) + w.wRight * coefficients.row(j + 1) - samples.y.row(n))
                .squaredNorm();
  });
  return e;
}

}  // namespace lreg::detail
