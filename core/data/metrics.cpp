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

}  // namespace lreg
