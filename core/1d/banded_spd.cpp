#include "1d/banded_spd.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <lreg/base/error.h>

namespace lreg::detail {

BandedSpd::BandedSpd(int n, int bandwidth)
    : n_(n), b_(bandwidth), lower_(size_t(n) * size_t(bandwidth + 1), 0.0) {}

void BandedSpd::add(int i, int j, double v) {
  if (i < j) std::swap(i, j);
  lower_[size_t(i) * (b_ + 1) + (i - j)] += v;
}

double BandedSpd::get(int i, int j) const {
  if (i < j) std::swap(i, j);
  if (i - j > b_) return 0.0;
  return lower_[size_t(i) * (b_ + 1) + (i - j)];
}

void BandedSpd::factor(std::vector<double>& L, std::vector<double>& D) const {
  L = lower_;
  D.assign(n_, 0.0);
  auto at = [&](int i, int k) -> double& { return L[size_t(i) * (b_ + 1) + k]; };
  for (int i = 0; i < n_; ++i) {
    for (int k = std::min(i, b_); k >= 1; --k) {  // L(i, i-k)
      const int j = i - k;
      double s = at(i, k);
      for (int m = k + 1; m <= std::min(b_, i); ++m) {
        const int q = i - m;  // column q < j, needs L(j, q) with j - q = m - k <= b
        s -= at(i, m) * at(j, m - k) * D[q];
      }
      at(i, k) = s / D[j];
    }
    double d = at(i, 0);
    for (int k = 1; k <= std::min(i, b_); ++k) d -= at(i, k) * at(i, k) * D[i - k];
    if (!(d > 0) || !std::isfinite(d))
      throw Error("normal equations are not positive definite (row " + std::to_string(i) + ")");
    D[i] = d;
  }
}

void BandedSpd::solve(RowMatrix& B) const {
  std::vector<double> L, D;
  factor(L, D);
  auto at = [&](int i, int k) { return L[size_t(i) * (b_ + 1) + k]; };
  for (int i = 0; i < n_; ++i)
    for (int k = 1; k <= std::min(i, b_); ++k) B.row(i) -= at(i, k) * B.row(i - k);
  for (int i = 0; i < n_; ++i) B.row(i) /= D[i];
  for (int i = n_ - 1; i >= 0; --i)
    for (int k = 1; k <= std::min(n_ - 1 - i, b_); ++k) B.row(i) -= at(i + k, k) * B.row(i + k);
}

std::vector<double> BandedSpd::inverseBand() const {
  std::vector<double> L, D;
  factor(L, D);
  auto l = [&](int i, int k) { return L[size_t(i) * (b_ + 1) + k]; };  // L(i, i-k)
  std::vector<double> G(lower_.size(), 0.0);
  auto g = [&](int i, int j) -> double& {  // G(i, j) = G(j, i), |i - j| <= b
    if (i < j) std::swap(i, j);
    return G[size_t(i) * (b_ + 1) + (i - j)];
  };
  // A^-1 = L^-T D^-1 L^-1 gives, for j >= i, G(i, j) = [i == j] / D_i - sum_k L(k, i) G(k, j)
  // over the rows k = i+1 .. i+b of L's column i: every G(k, j) it needs lies within the band
  // and in a later row, so the band is filled from the last row up.
  for (int i = n_ - 1; i >= 0; --i) {
    const int last = std::min(n_ - 1, i + b_);
    for (int j = last; j >= i; --j) {
      double s = (i == j) ? 1.0 / D[i] : 0.0;
      for (int k = i + 1; k <= last; ++k) s -= l(k, k - i) * g(k, j);
      g(i, j) = s;
    }
  }
  return G;
}

}  // namespace lreg::detail
