#include "1d/moments1d.h"

#include <algorithm>
#include <cstring>

#include <lreg/base/parallel.h>
#include "1d/hat.h"
#include "base/lanes.h"

namespace lreg::detail {
namespace {

// The six sums of one output over the n samples (x, y) of one interval. Sample k goes to lane
// k % 4: the sums are then not one chain of dependent additions each, and the lanes are added
// in a fixed order at the end, so the result is the same bits on every CPU and thread count.
LREG_VECTOR_CLONES void sumInterval(const double* x, const double* y, long n, double left,
                                    double inverseWidth, double out[6]) {
  const Lanes zero = {0, 0, 0, 0}, one = {1, 1, 1, 1};
  const Lanes l = zero + left, w = zero + inverseWidth;
  Lanes aa = zero, ab = zero, bb = zero, ay = zero, by = zero, yy = zero;
  long k = 0;
  for (; k + 4 <= n; k += 4) {
    Lanes xv, yv;
    std::memcpy(&xv, x + k, sizeof xv);
    std::memcpy(&yv, y + k, sizeof yv);
    Lanes t = (xv - l) * w;  // hatPosition, lane by lane
    t = t < zero ? zero : t;
    t = t > one ? one : t;
    const Lanes a = one - t;
    aa += a * a;
    ab += a * t;
    bb += t * t;
    ay += a * yv;
    by += t * yv;
    yy += yv * yv;
  }
  for (int lane = 0; k < n; ++k, ++lane) {  // the last few, in the lanes they would have had
    const double t = hatPosition(x[k], left, inverseWidth), a = 1.0 - t;
    aa[lane] += a * a;
    ab[lane] += a * t;
    bb[lane] += t * t;
    ay[lane] += a * y[k];
    by[lane] += t * y[k];
    yy[lane] += y[k] * y[k];
  }
  const Lanes* sums[6] = {&aa, &ab, &bb, &ay, &by, &yy};
  for (int q = 0; q < 6; ++q) {
    const Lanes& v = *sums[q];
    out[q] = (v[0] + v[1]) + (v[2] + v[3]);
  }
}

}  // namespace

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
          if (C == 1) {  // the common case
            double sum[6];
            sumInterval(x + start[j], Y + start[j], start[j + 1] - start[j], left, inv, sum);
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
