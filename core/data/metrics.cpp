#include <lreg/data/metrics.h>

#include <algorithm>
#include <cmath>

#include <lreg/base/error.h>

namespace lreg {
namespace {

// A constant target has a rounding residue for a variance: the two-pass sum (y - mean)^2 the
// mean's rounding, the one-pass sum t^2 - N mean^2 its cancellation (its fit's coefficients
// agree to rounding, and the sums' scale is their spread), and R^2 read 0.74 or -5e15 where it
// is 0. Two passes: a column whose values are all equal has none. One pass (t shifted to the
// fit's centre, so no offset dominates sum t^2): a variance sum below 1e-9 of sum t^2 (the
// sums round at about N eps of it) is none.
constexpr double kCancelled = 1e-9;

}  // namespace

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
  Eigen::ArrayXd lo = Y.row(0).transpose().array(), hi = lo;
  for (Eigen::Index i = 0; i < n; ++i) {
    mean += Y.row(i).transpose().array();
    lo = lo.min(Y.row(i).transpose().array());
    hi = hi.max(Y.row(i).transpose().array());
  }
  mean /= double(n);
  Eigen::ArrayXd y(c), diff(c);  // sized once: no allocation per row
  for (Eigen::Index i = 0; i < n; ++i) {
    y = Y.row(i).transpose().array();
    diff = y - P.row(i).transpose().array();
    a += diff.abs();
    e += diff.square();
    t += (y - mean).square();
  }
  for (Eigen::Index k = 0; k < c; ++k)  // a constant column: the mean's rounding, no variance
    if (lo(k) == hi(k)) t(k) = 0;
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

MetricSums MetricSums::aboutCoefficients(const RowMatrix& coefficients) {
  MetricSums s(int(coefficients.cols()));
  if (coefficients.rows() == 0) return s;
  for (Eigen::Index k = 0; k < coefficients.cols(); ++k) {
    const auto c = coefficients.col(k);
    const double lo = c.minCoeff(), hi = c.maxCoeff();
    if (!std::isfinite(lo) || !std::isfinite(hi)) continue;
    s.shift(k) = 0.5 * lo + 0.5 * hi;  // halves first: no overflow near the largest double
    const double spread = 0.5 * hi - 0.5 * lo;
    s.scale(k) = spread > 0 ? spread : std::max(std::abs(s.shift(k)), 1.0);
  }
  return s;
}

void MetricSums::add(const double* Y, const double* P, long n) {
  const long C = sums.cols();
  for (long k = 0; k < C; ++k) {  // one output at a time: the sums stay in registers
    const double s0 = shift(k), inv = 1.0 / scale(k);
    double a = 0, e = 0, y = 0, yy = 0;
    for (long i = 0; i < n; ++i) {
      const double t = (Y[i * C + k] - s0) * inv, r = (P[i * C + k] - s0) * inv - t;
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
  m.maePerOutput = s.sums.row(0).transpose().cwiseProduct(s.scale) / N;
  const Vector sse = s.sums.row(1).transpose();  // in each output's units
  m.rmsePerOutput = (sse / N).cwiseSqrt().cwiseProduct(s.scale);
  const Vector mean = s.sums.row(2).transpose() / N;
  Vector sst = (s.sums.row(3).transpose() - N * mean.cwiseAbs2()).cwiseMax(0.0);
  for (Eigen::Index k = 0; k < C; ++k)
    if (sst(k) <= kCancelled * s.sums(3, k)) sst(k) = 0;
  m.r2PerOutput.resize(C);
  for (Eigen::Index k = 0; k < C; ++k)
    m.r2PerOutput(k) = sst(k) > 0 ? 1 - sse(k) / sst(k) : (sse(k) > 0 ? 0 : 1);
  // Over all outputs in the units of the largest scale (a common unit; squares stay finite).
  const double top = C > 0 ? s.scale.maxCoeff() : 1.0;
  const Vector w = (s.scale / top).cwiseAbs2();
  const double sseAll = w.dot(sse), sstAll = w.dot(sst);
  m.mae = m.maePerOutput.mean();
  m.rmse = top * std::sqrt(sseAll / (N * double(C)));
  m.r2 = sstAll > 0 ? 1 - sseAll / sstAll : (sseAll > 0 ? 0 : 1);
  return m;
}

}  // namespace lreg
