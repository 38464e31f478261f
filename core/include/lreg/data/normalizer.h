// Affine map of inputs onto the unit domain [0,1]^d, stored with the model.
#pragma once

#include <lreg/base/types.h>

namespace lreg {

struct Normalizer {
  Vector lo;  ///< d minima of the training inputs
  Vector hi;  ///< d maxima (hi > lo; a constant column gets hi = lo + 1)

  /// Fits lo/hi to the columns of X (#N by d).
  static Normalizer fit(MatrixView X);
  /// (x - lo) / (hi - lo), row by row. Points outside the training box map outside [0,1].
  RowMatrix toUnit(MatrixView X) const;
  RowMatrix fromUnit(const RowMatrix& U) const;
  int dim() const { return static_cast<int>(lo.size()); }
};

}  // namespace lreg
