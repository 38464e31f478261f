// Solver for symmetric positive definite banded systems (the 1D normal equations are
// tridiagonal, pentadiagonal with the second-difference penalty): O(n b^2) time, O(n b) memory.
#pragma once

#include <vector>

#include <lreg/base/types.h>

namespace lreg::detail {

class BandedSpd {
 public:
  /// An n by n zero matrix with `bandwidth` sub-diagonals (b = 1: tridiagonal).
  BandedSpd(int n, int bandwidth);

  /// Adds v to A(i, j) and A(j, i); requires |i - j| <= bandwidth.
  void add(int i, int j, double v);
  double get(int i, int j) const;
  int size() const { return n_; }

  /// Solves A X = B in place of B (#n by C) by an LDL^T factorisation. Throws Error when a
  /// pivot is not positive (the matrix is not positive definite).
  void solve(RowMatrix& B) const;

  /// The band of the inverse: out[i * (b+1) + k] = (A^-1)(i, i - k) for k <= bandwidth, by the
  /// Takahashi recursion on the same LDL^T factorisation (O(n b^2); the rest of the inverse is
  /// never formed). Throws like solve().
  std::vector<double> inverseBand() const;

 private:
  /// LDL^T in place: the unit lower factor over a copy of the band (diagonal slots unused) and
  /// the pivots D.
  void factor(std::vector<double>& L, std::vector<double>& D) const;

  int n_, b_;
  std::vector<double> lower_;  // lower_[i * (b+1) + k] = A(i, i - k)
};

}  // namespace lreg::detail
