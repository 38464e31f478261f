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

void MetricSums::add(const double* Y, const double* P, long n) {
  const long C = sums.cols();
  for (long k = 0; k < C; ++k) {  // one output at a time: the sums stay in registers
    double a = 0, e = 0, y = 0, yy = 0;
    for (long i = 0; i < n; ++i) {
      const double t = Y[i * C + k], r = P[i * C + k] - t;
      a += std::abs(r);
      e += r * r;
      y += t;
      yy += t * t;
    }
    sums(0, k) += a;
    sums(1, k) += e;
    sums(2, k) += y;
    sums(3, k) += yy;
  }
  count += double(n);
}

Metrics finishMetrics(const MetricSums& s) {
  const Eigen::Index C = s.sums.cols();
  const double N = s.count;
  Metrics m;
  m.maePerOutput = s.sums.row(0).transpose() / N;
  const Vector sse = s.sums.row(1).transpose();
  m.rmsePerOutput = (sse / N).cwiseSqrt();
  const Vector mean = s.sums.row(2).transpose() / N;
  const Vector sst = (s.sums.row(3).transpose() - N * mean.cwiseAbs2()).cwiseMax(0.0);
  m.r2PerOutput.resize(C);
  for (Eigen::Index k = 0; k < C; ++k)
    m.r2PerOutput(k) = sst(k) > 0 ? 1 - sse(k) / sst(k) : (sse(k) > 0 ? 0 : 1);
  m.mae = m.maePerOutput.mean();
  m.rmse = std::sqrt(sse.sum() / (N * double(C)));
  m.r2 = sst.sum() > 0 ? 1 - sse.sum() / sst.sum() : (sse.sum() > 0 ? 0 : 1);
  return m;
}

}  // namespace lreg
