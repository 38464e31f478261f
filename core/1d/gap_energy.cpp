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
    if (p < kSide + 1 || p + kSide + 1 > N) continue;
    // Each side's quadratic through its kSide nearest samples, and through the kSide next
    // ones outward (left - 1, right + 1): where the two disagree, a quadratic does not model
    // that side (a cusp, a kink, a jump just beyond) and the data do not decide.
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
      std::array<double, kSide> wl, wr, wl2, wr2;
      usable = lagrange(x + left, t, wl) && lagrange(x + right, t, wr) &&
               lagrange(x + left - 1, t, wl2) && lagrange(x + right + 1, t, wr2);
      if (!usable) break;
      double vl = 0, vr = 0;
      for (int i = 0; i < kSide; ++i)
        vl += wl[size_t(i)] * wl[size_t(i)], vr += wr[size_t(i)] * wr[size_t(i)];
      // The sides combined by the inverse of their noise variances: a side whose samples
      // nearly tie extrapolates with huge weights and counts for little.
      const double VL = vl * noiseL, VR = vr * noiseR;
      const double shareL = VL + VR > 0 ? VR / (VL + VR) : 0.5;
      const double variance = VL + VR > 0 ? VL * VR / (VL + VR) : 0.0;
      double dev = 0, spread = 0;
      for (int k = 0; k < C; ++k) {
        double ql = 0, qr = 0, ql2 = 0, qr2 = 0;
        for (int i = 0; i < kSide; ++i)
          ql += wl[size_t(i)] * samples.y(left + i, k),
              qr += wr[size_t(i)] * samples.y(right + i, k),
              ql2 += wl2[size_t(i)] * samples.y(left - 1 + i, k),
              qr2 += wr2[size_t(i)] * samples.y(right + 1 + i, k);
        const double f = (1 - s) * coefficients(j, k) + s * coefficients(j + 1, k);
        const double g = shareL * ql + (1 - shareL) * qr;
        dev += (f - g) * (f - g);
        spread += (ql - qr) * (ql - qr) + (ql - ql2) * (ql - ql2) + (qr - qr2) * (qr - qr2);
      }
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
