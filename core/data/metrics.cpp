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
  double absSum = 0, sse = 0, sst = 0;
  for (Eigen::Index k = 0; k < c; ++k) {
    const double mean = Y.col(k).mean();
    const auto diff = (Y.col(k) - P.col(k)).array();
    const double a = diff.abs().sum(), e = diff.square().sum();
    const double t = (Y.col(k).array() - mean).square().sum();
    m.maePerOutput(k) = a / n;
    m.rmsePerOutput(k) = std::sqrt(e / n);
    m.r2PerOutput(k) = t > 0 ? 1.0 - e / t : (e > 0 ? 0.0 : 1.0);
    absSum += a;
    sse += e;
    sst += t;
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
