// The per-sample arithmetic of the connection, shared by evaluation and training: the forward
// pass through sigmoid, the component meshes and the coefficients, and the per-sample loss.
#pragma once

#include <algorithm>
#include <cmath>

#include <lreg/connect/connection.h>
#include "1d/hat.h"

namespace lreg::detail {

/// Where sample state of one forward pass goes (d values each); owned by the caller, so that
/// no pass allocates per sample.
struct ComponentState {
  double* z;  ///< sigmoid(W x + b)
  int* cell;  ///< the interval of z_j in mesh j
  double* t;  ///< the position of z_j inside that interval, in [0, 1]
};

inline double sigmoid(double a) {
  return a >= 0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a));
}

/// z, cell, t of one sample x (C_in values), and out[k] += the correction (C values).
inline void connectionForward(const ConnectionModel& m, const double* x, ComponentState s,
                              double* out) {
  const int Cin = m.inputs(), d = m.components(), n = m.dof(), C = m.outputs();
  for (int j = 0; j < d; ++j) {
    const double* w = m.W.data() + long(j) * Cin;
    double a = m.b(j);
    for (int k = 0; k < Cin; ++k) a += w[k] * x[k];
    // W x + b overflowing to inf - inf (features or weights near 1e308) carries no
    // direction: such a component is taken at its centre, so outputs stay finite.
    const double z = a == a ? sigmoid(a) : 0.5;
    const Mesh1D& mesh = m.meshes[size_t(j)];
    const int i = mesh.locate(z);
    const double t = hatPosition(z, mesh.node(i), 1.0 / mesh.width(i));
    s.z[j] = z;
    s.cell[j] = i;
    s.t[j] = t;
    const double* c0 = m.coefficients.data() + (long(j) * n + i) * C;
    const double* c1 = c0 + C;
    for (int k = 0; k < C; ++k) out[k] += c0[k] + t * (c1[k] - c0[k]);
  }
}

/// The loss of one sample with outputs out (C values) and d loss / d out in grad (may be
/// null). Classification: softmax cross-entropy against `label`; regression: the mean over the
/// C outputs of the squared error against `target`.
inline double connectionLoss(ConnectionTask task, const double* out, int C, int label,
                             const double* target, double* grad) {
  if (task == ConnectionTask::Classification) {
    const double top = *std::max_element(out, out + C);
    double sum = 0;
    for (int k = 0; k < C; ++k) sum += std::exp(out[k] - top);
    const double logSum = top + std::log(sum);
    if (grad)
      for (int k = 0; k < C; ++k) grad[k] = std::exp(out[k] - logSum) - (k == label ? 1.0 : 0.0);
    return logSum - out[label];
  }
  double loss = 0;
  for (int k = 0; k < C; ++k) {
    const double r = out[k] - target[k];
    loss += r * r;
    if (grad) grad[k] = 2 * r / C;
  }
  return loss / C;
}

/// The index of the largest output (the first on ties).
inline int argmax(const double* out, int C) {
  return int(std::max_element(out, out + C) - out);
}

}  // namespace lreg::detail
