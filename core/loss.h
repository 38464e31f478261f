// Per-sample losses of the gradient path (Algorithm 2), on a residual r = f(x) - y.
#pragma once

#include <cmath>

#include "core/mrc_options.h"

namespace lreg {

inline double lossValue(LossKind kind, double r, double huberDelta) {
  switch (kind) {
    case LossKind::MAE:
      return std::abs(r);
    case LossKind::MSE:
      return r * r;
    case LossKind::Huber: {
      const double a = std::abs(r);
      return a <= huberDelta ? 0.5 * r * r : huberDelta * (a - 0.5 * huberDelta);
    }
  }
  return 0;
}

/// d loss / d r.
inline double lossDerivative(LossKind kind, double r, double huberDelta) {
  switch (kind) {
    case LossKind::MAE:
      return (r > 0) - (r < 0);
    case LossKind::MSE:
      return 2 * r;
    case LossKind::Huber:
      return std::abs(r) <= huberDelta ? r : huberDelta * ((r > 0) - (r < 0));
  }
  return 0;
}

}  // namespace lreg
