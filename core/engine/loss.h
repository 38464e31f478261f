// Per-sample losses of the gradient path (Algorithm 2), on a residual r = f(x) - y. Plain
// inline functions so that the CUDA Adam kernel runs the same math as the CPU.
#pragma once

#include <math.h>

#include <lreg/engine/mrc_options.h>
#include <lreg/simplicial/barycentric.h>  // LREG_HOST_DEVICE

namespace lreg::detail {

LREG_HOST_DEVICE inline double lossValue(LossKind kind, double r, double huberDelta) {
  switch (kind) {
    case LossKind::MAE:
      return fabs(r);
    case LossKind::MSE:
      return r * r;
    case LossKind::Huber: {
      const double a = fabs(r);
      return a <= huberDelta ? 0.5 * r * r : huberDelta * (a - 0.5 * huberDelta);
    }
  }
  return 0;
}

/// d loss / d r.
LREG_HOST_DEVICE inline double lossDerivative(LossKind kind, double r, double huberDelta) {
  switch (kind) {
    case LossKind::MAE:
      return (r > 0) - (r < 0);
    case LossKind::MSE:
      return 2 * r;
    case LossKind::Huber:
      return fabs(r) <= huberDelta ? r : huberDelta * ((r > 0) - (r < 0));
  }
  return 0;
}

/// Adam's constants (Kingma and Ba's defaults, as the paper uses).
constexpr double kAdamBeta1 = 0.9, kAdamBeta2 = 0.999, kAdamEpsilon = 1e-8;

/// One Adam update of a parameter c with gradient g and moments m, v; `correct1` and
/// `correct2` are 1 - beta1^t and 1 - beta2^t of the step t.
LREG_HOST_DEVICE inline void adamStep(double& c, double& m, double& v, double g, double rate,
                                      double correct1, double correct2) {
  m = kAdamBeta1 * m + (1 - kAdamBeta1) * g;
  v = kAdamBeta2 * v + (1 - kAdamBeta2) * g * g;
  c -= rate * (m / correct1) / (sqrt(v / correct2) + kAdamEpsilon);
}

/// The subgradient of lambda |c_i - (c_{i-1} + c_{i+1}) / 2| at interior node i: its share
/// for nodes i-1, i, i+1 is (-s/2, s, -s/2) with the returned s.
LREG_HOST_DEVICE inline double secondDifferenceSign(double left, double mid, double right,
                                                    double lambda) {
  const double d = mid - 0.5 * (left + right);
  return lambda * ((d > 0) - (d < 0));
}

}  // namespace lreg::detail
