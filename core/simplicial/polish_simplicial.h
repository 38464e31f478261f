// r-adaptation on triangles and tetrahedra: Levenberg-Marquardt steps on the node positions
// with the coefficients re-solved exactly after each step (variable projection), the 1D
// polish generalised. A sample x in simplex t depends on vertex a's position through
// d f / d p_a = -lambda_a(x) grad f|_t, so J^T J and J^T r come from the per-simplex sums
// (G, B) of one data pass: O(N + D) per step. Every accepted mesh keeps every simplex
// positively oriented; nodes on a face of the box slide in it, corners stay.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "simplicial/moments_nd.h"

namespace lreg::detail {

/// A mesh with its samples located, their sums, the exact least-squares coefficients and the
/// resulting sum of squared residuals.
struct SimplicialFit {
  SimplexMesh mesh;
  std::unique_ptr<SimplexLocator> locator;
  LocatedSamples located;
  MomentsND moments;
  RowMatrix coefficients;
  double sse = 0;
};

/// Completes a trial fit whose mesh (same simplices, moved nodes) is set and whose `located`
/// still holds the previous mesh's assignment: locator, located samples, sums, coefficients, sse.
using RefitFunction = std::function<void(SimplicialFit& trial)>;

struct PolishReport {
  int accepted = 0;              ///< steps that lowered the error
  std::vector<RowMatrix> trail;  ///< node positions after each accepted step (when asked)
};

struct PolishSettings {
  int steps = 8;           ///< accepted steps at most
  double minVolume = 0;    ///< d! times the smallest simplex volume a step may leave
  double minShrink = 0.1;  ///< no simplex shrinks below this share of its volume in one step
  double noiseFloor = 0;   ///< no step once the sum of squared residuals is at or below this
  bool keepTrail = false;  ///< record the node positions after every accepted step
  const std::atomic<bool>* cancel = nullptr;  ///< when set and true: no further step
};

/// LM steps from `fit` (which must be exact for its mesh). A step is shortened where a simplex
/// would shrink too much, and accepted only if it lowers the error. Below the noise floor a
/// lower training error would only mean fitting the noise with the node positions.
PolishReport polishSimplicial(SimplicialFit& fit, const RefitFunction& refit,
                              const PolishSettings& settings);

/// The positions a node may take: per node and axis, whether it is pinned (on a box face
/// normal to that axis). Corners are pinned in every axis.
std::vector<std::array<bool, 3>> pinnedAxes(const SimplexMesh& mesh);

}  // namespace lreg::detail
