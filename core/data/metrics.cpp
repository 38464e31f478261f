#include <lreg/data/metrics.h>

#include <cmath>

#include <lreg/base/error.h>

namespace lreg {

Metrics computeMetrics(const RowMatrix& Y, const RowMatrix& P) {
  if (Y.rows() != P.rows() || Y.cols() != P.cols())
    throw Error("metrics: targets and predictions differ in shape");
  Metrics m;
  const Eigen::Index n = Y.rows(), c = Y.cols();
  m.maePerOutput = Vector::Zero(c);
  m.rmsePerOutput = Vector::Zero(c);
  m.r2PerOutput = Vector::Zero(c);
  if (n == 0 || c == 0) return m;
  // Row by row (the matrices are row-major): per-output sums in two passes over contiguous
  // rows, not column walks with a stride of C values (with 256 outputs those dominated a fit).
  Eigen::ArrayXd mean = Eigen::ArrayXd::Zero(c), a = mean, e = mean, t = mean;
  for (Eigen::Index i = 0; i < n; ++i) mean += Y.row(i).transpose().array();
  mean /= double(n);
  Eigen::ArrayXd y(c), diff(c);  // sized once: no allocation per row
  for (Eigen::Index i = 0; i < n; ++i) {
    y = Y.row(i).transpose().array();
    diff = y - P.row(i).transpose().array();
    a += diff.abs();
    e += diff.square();
    t += (y - mean).square();
  }
  double absSum = 0, sse = 0, sst = 0;
  for (Eigen::Index k = 0; k < c; ++k) {
    m.maePerOutput(k) = a(k) / n;
    m.rmsePerOutput(k) = std::sqrt(e(k) / n);
    m.r2PerOutput(k) = t(k) > 0 ? 1.0 - e(k) / t(k) : (e(k) > 0 ? 0.0 : 1.0);
    absSum += a(k);
    sse += e(k);
    sst += t(k);
  }
  m.mae = absSum / double(n * c);
  m.rmse = std::sqrt(sse / double(n * c));
  m.r2 = sst > 0 ? 1.0 - sse / sst : (sse > 0 ? 0.0 : 1.0);
  return m;
}

}  // namespace lreg
