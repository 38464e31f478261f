#include "1d/moments1d.h"

#include <algorithm>

#include <lreg/base/parallel.h>
#include "1d/hat.h"

namespace lreg::detail {

Moments1D Moments1D::compute(const Mesh1D& mesh, const Samples1D& samples,
                             const std::vector<long>& start) {
  const int M = mesh.intervals(), C = samples.outputs();
  Moments1D m;
  m.aa = m.ab = m.bb = m.yy = m.count = Vector::Zero(M);
  m.ay = m.by = RowMatrix::Zero(M, C);
  parallelFor(
      M,
      [&](long j0, long j1) {
        const double* x = samples.x.data();
        const double* Y = samples.y.data();  // row-major: sample n's outputs are contiguous
        for (long j = j0; j < j1; ++j) {
          const double left = mesh.node(int(j)), inv = 1.0 / mesh.width(int(j));
          double aa = 0, ab = 0, bb = 0, yy = 0;
          if (C == 1) {  // the common case, kept in registers
            double ay = 0, by = 0;
            for (long n = start[j]; n < start[j + 1]; ++n) {
              const double t = hatPosition(x[n], left, inv), a = 1.0 - t, y = Y[n];
              aa += a * a;
              ab += a * t;
              bb += t * t;
              ay += a * y;
              by += t * y;
              yy += y * y;
            }
            m.ay(j, 0) = ay;
            m.by(j, 0) = by;
          } else {
            for (long n = start[j]; n < start[j + 1]; ++n) {
              const double t = hatPosition(x[n], left, inv), a = 1.0 - t;
              aa += a * a;
              ab += a * t;
              bb += t * t;
              for (int k = 0; k < C; ++k) {
                const double y = Y[n * C + k];
                m.ay(j, k) += a * y;
                m.by(j, k) += t * y;
                yy += y * y;
              }
            }
          }
          m.aa(j) = aa;
          m.ab(j) = ab;
          m.bb(j) = bb;
          m.yy(j) = yy;
          m.count(j) = double(start[j + 1] - start[j]);
        }
      },
      16);
  return m;
}

double Moments1D::residualEnergy(int j, const RowMatrix& c) const {
  double e = yy(j);
  for (Eigen::Index k = 0; k < c.cols(); ++k) {
    const double u = c(j, k), v = c(j + 1, k);
    e += aa(j) * u * u + 2 * ab(j) * u * v + bb(j) * v * v - 2 * (u * ay(j, k) + v * by(j, k));
  }
  return std::max(e, 0.0);
}

Vector Moments1D::residualEnergy(const RowMatrix& c) const {
  Vector e(aa.size());
  for (Eigen::Index j = 0; j < e.size(); ++j) e(j) = residualEnergy(int(j), c);
  return e;
}

}  // namespace lreg::detail
