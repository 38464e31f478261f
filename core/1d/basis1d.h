// The 1D P1 (hat) basis of the paper's Eq. A7, evaluated sparsely: a point inside interval j
// touches only psi_j and psi_{j+1}.
//
// Outside the training domain [p_0, p_{D-1}] the model is held constant at its boundary value
// (inputs are clamped), so sum_i psi_i(x) = 1 everywhere and predictions stay bounded. This is
// a deliberate choice: the authors' 1D code extrapolated linearly by accident, their d-D code
// returned 0.
#pragma once

#include <algorithm>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg::detail {

struct HatWeights {
  int left;  ///< psi_left(x) = wLeft, psi_{left+1}(x) = wRight, all others 0
  double wLeft;
  double wRight;
};

/// Weights of the two hats that are non-zero at x (clamped into the mesh's domain).
inline HatWeights hatWeights(const Mesh1D& mesh, int interval, double x) {
  const double a = mesh.node(interval), b = mesh.node(interval + 1);
  const double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
  return {interval, 1.0 - t, t};
}
inline HatWeights hatWeights(const Mesh1D& mesh, double x) {
  return hatWeights(mesh, mesh.locate(x), x);
}

/// psi_i(x) straight from Eq. A7 (min of the two ReLU ramps), with the boundary hats extended
/// as constants outside the domain. O(1); used by tests as the reference for hatWeights.
double hatFunction(const Mesh1D& mesh, int i, double x);

/// f(x) = sum_i c_i psi_i(x) for each row of U (#N by 1) -> #N by C, with coefficients #D by C.
RowMatrix evaluate1D(const Mesh1D& mesh, const RowMatrix& coefficients, const RowMatrix& U);

/// Coefficients of the same function on another mesh: c'_i = f(p'_i) (exact when the new mesh
/// contains the old one, i.e. after refinement).
RowMatrix interpolate1D(const Mesh1D& from, const RowMatrix& coefficients, const Mesh1D& to);

}  // namespace lreg::detail
