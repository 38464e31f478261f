// A sparse LDLT whose symbolic analysis (the AMD ordering and the elimination tree) is kept
// for as long as the matrices' sparsity pattern stays the same: the polish's steps and the
// refits of one mesh change the values only, and the ordering was a third of each
// factorisation. The numeric factorisation of a reused analysis is the same computation as a
// fresh one, so the solution has the same bits.
#pragma once

#include <Eigen/SparseCholesky>
#include <algorithm>
#include <vector>

namespace lreg::detail {

class CachedLdlt {
 public:
  using Matrix = Eigen::SparseMatrix<double>;
  using Solver = Eigen::SimplicialLDLT<Matrix>;

  /// Factorises A (compressed), reusing the last analysis when A's pattern is the last one's.
  const Solver& factorize(const Matrix& A) {
    if (!samePattern(A)) {
      solver_.analyzePattern(A);
      outer_.assign(A.outerIndexPtr(), A.outerIndexPtr() + A.outerSize() + 1);
      inner_.assign(A.innerIndexPtr(), A.innerIndexPtr() + A.nonZeros());
      ++analyses_;
    }
    solver_.factorize(A);
    return solver_;
  }
  /// How many symbolic analyses were made (for the tests).
  int analyses() const { return analyses_; }

 private:
  bool samePattern(const Matrix& A) const {
    if (analyses_ == 0 || long(outer_.size()) != long(A.outerSize()) + 1 ||
        long(inner_.size()) != long(A.nonZeros()))
      return false;
    return std::equal(outer_.begin(), outer_.end(), A.outerIndexPtr()) &&
           std::equal(inner_.begin(), inner_.end(), A.innerIndexPtr());
  }

  Solver solver_;
  std::vector<int> outer_, inner_;
  int analyses_ = 0;
};

}  // namespace lreg::detail
