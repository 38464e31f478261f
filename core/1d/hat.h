// The per-sample arithmetic of the 1D hat basis, shared by the CPU passes and the CUDA
// kernels so that the CPU tests exercise the same math the GPU runs.
#pragma once

#include <lreg/simplicial/barycentric.h>  // LREG_HOST_DEVICE

namespace lreg::detail {

/// Position t in [0, 1] of x inside the interval starting at `left` with 1/width `inverseWidth`;
/// the two non-zero hats there are 1 - t (left node) and t (right node).
LREG_HOST_DEVICE inline double hatPosition(double x, double left, double inverseWidth) {
  const double t = (x - left) * inverseWidth;
  return t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
}

/// Squared residual, summed over C outputs, of the P1 interpolant between coefficient rows c0
/// and c1 at position t against the targets y: the hard-sample loss.
LREG_HOST_DEVICE inline double hatSquaredResidual(double t, const double* c0, const double* c1,
                                                  const double* y, int C) {
  double sum = 0.0;
  for (int k = 0; k < C; ++k) {
    const double r = c0[k] + t * (c1[k] - c0[k]) - y[k];
    sum += r * r;
  }
  return sum;
}

}  // namespace lreg::detail
