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
          if (C == 1) {
            // The common case: four independent lanes (sample n goes to lane (n - start) % 4),
            // so the sums are not one chain of dependent additions and the compiler can keep
            // them in vector registers; the lanes are added in a fixed order at the end.
            double s[6][4] = {};
            auto add = [&](int l, double xn, double y) {
              const double t = hatPosition(xn, left, inv), a = 1.0 - t;
              s[0][l] += a * a;
              s[1][l] += a * t;
              s[2][l] += t * t;
              s[3][l] += a * y;
              s[4][l] += t * y;
              s[5][l] += y * y;
            };
            long n = start[j];
            for (; n + 4 <= start[j + 1]; n += 4)
              for (int l = 0; l < 4; ++l) add(l, x[n + l], Y[n + l]);
            for (int l = 0; n < start[j + 1]; ++n, ++l) add(l, x[n], Y[n]);
            double sum[6];
            for (int q = 0; q < 6; ++q) sum[q] = (s[q][0] + s[q][1]) + (s[q][2] + s[q][3]);
            aa = sum[0];
            ab = sum[1];
            bb = sum[2];
            m.ay(j, 0) = sum[3];
            m.by(j, 0) = sum[4];
            yy = sum[5];
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
