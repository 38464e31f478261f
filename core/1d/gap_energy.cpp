#include "1d/gap_energy.h"

#include <algorithm>
#include <array>

namespace lreg::detail {
namespace {

constexpr int kSide = 3;  // samples per one-sided quadratic

// The Lagrange weights at t of the quadratic through x[0..2]; false for tied x.
bool lagrange(const double* x, double t, std::array<double, kSide>& w) {
  for (int i = 0; i < kSide; ++i) {
    double num = 1, den = 1;
    for (int k = 0; k < kSide; ++k)
      if (k != i) num *= t - x[k], den *= x[i] - x[k];
    if (!(den != 0)) return false;
    w[size_t(i)] = num / den;
  }
  return true;
}

}  // namespace

Vector gapEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<long>& start) {
  // 3-point Gauss-Legendre on [-1, 1].
  const double gx[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};
  const double gw[3] = {5.0 / 18, 8.0 / 18, 5.0 / 18};
  const int M = mesh.intervals(), D = mesh.size(), C = samples.outputs();
  const long N = samples.size();
  const double* x = samples.x.data();
  Vector energy = Vector::Zero(M);
  for (int j = 0; j < M; ++j) {
    if (start[size_t(j) + 1] - start[size_t(j)] > kGapSamples) continue;
    const double h = mesh.width(j), mid = mesh.node(j) + 0.5 * h;
    const long p = long(std::lower_bound(x, x + N, mid) - x);
    if (p < kSide || p + kSide > N) continue;
    const long left = p - kSide, right = p;
    double noiseL = 0, noiseR = 0;  // mean noise variance of each side's samples
    if (!samples.noise.empty())
      for (int i = 0; i < kSide; ++i)
        noiseL += samples.noise[size_t(left + i)] / kSide,
            noiseR += samples.noise[size_t(right + i)] / kSide;
    double sum = 0;
    bool usable = true;
    for (int q = 0; q < 3 && usable; ++q) {
      const double t = mid + 0.5 * h * gx[q], s = (t - mesh.node(j)) / h;
      std::array<double, kSide> wl, wr;
      usable = lagrange(x + left, t, wl) && lagrange(x + right, t, wr);
      if (!usable) break;
      double dev = 0, spread = 0, vl = 0, vr = 0;
      for (int i = 0; i < kSide; ++i)
        vl += wl[size_t(i)] * wl[size_t(i)], vr += wr[size_t(i)] * wr[size_t(i)];
      for (int k = 0; k < C; ++k) {
        double ql = 0, qr = 0;
        for (int i = 0; i < kSide; ++i)
          ql += wl[size_t(i)] * samples.y(left + i, k),
              qr += wr[size_t(i)] * samples.y(right + i, k);
        const double f = (1 - s) * coefficients(j, k) + s * coefficients(j + 1, k);
        const double g = 0.5 * (ql + qr);
        dev += (f - g) * (f - g);
        spread += (ql - qr) * (ql - qr);
      }
      const double variance = 0.25 * (vl * noiseL + vr * noiseR);
      sum += gw[q] * std::max(0.0, dev - spread - 3 * variance);
    }
    if (!usable) continue;
    const int a = std::max(0, j - 2), b = std::min(D - 1, j + 3);
    const double density =
        double(start[size_t(b)] - start[size_t(a)]) / (mesh.node(b) - mesh.node(a));
    energy(j) = density * h * sum;
  }
  return energy;
}

}  // namespace lreg::detail
