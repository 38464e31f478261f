// The Levenberg-Marquardt damping schedule of the node polish (1D and simplicial): mu scales
// the diagonal of J^T J added to it; an accepted step eases it, a rejected one raises it, and
// the polish gives up after kMaxRejected rejections in a row.
#pragma once

#include <algorithm>

namespace lreg::detail {

struct LmDamping {
  static constexpr int kMaxRejected = 6;
  double mu = 1e-3;  ///< relative to the diagonal
  int rejected = 0;  ///< rejections in a row

  bool givenUp() const { return rejected >= kMaxRejected; }
  void accept() {
    mu = std::max(mu * 0.3, 1e-9);
    rejected = 0;
  }
  void reject() {
    mu *= 10;
    ++rejected;
  }
};

}  // namespace lreg::detail
