// Per-simplex sums of a data pass on a simplicial mesh (the d-D counterpart of Moments1D):
// with lambda the barycentric coordinates of a sample in its simplex, G = sum lambda lambda^T,
// B = sum lambda y^T and the sum of |y|^2 give the normal equations and the residual energy
// of every simplex in O(n_t) after one pass.
#pragma once

#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// Samples grouped by simplex (a counting sort; ties keep sample order): simplex t holds
/// samples order[start[t] .. start[t+1]). Shared by the CPU and CUDA passes.
struct SimplexBuckets {
  std::vector<long> start, order;
  SimplexBuckets(const std::vector<int>& simplex, int simplexCount);
};

struct MomentsND {
  int dim = 2, outputs = 1;
  RowMatrix G;   ///< #n_t by (d+1)^2, row-major local Gram matrices
  RowMatrix B;   ///< #n_t by (d+1)*C, row-major local right-hand sides
  Vector yy;     ///< #n_t
  Vector count;  ///< #n_t samples per simplex

  /// All sums zero: `simplices` rows for a mesh of dimension `dim`, `outputs` outputs.
  static MomentsND zero(int dim, int outputs, int simplices);
  static MomentsND compute(const SimplexMesh& mesh, const LocatedSamples& located,
                           const RowMatrix& Y);
  /// Sum of squared residuals in simplex t for coefficients c (#D by C), clamped at 0.
  double residualEnergy(const SimplexMesh& mesh, int t, const RowMatrix& c) const;
  Vector residualEnergy(const SimplexMesh& mesh, const RowMatrix& c) const;
};

/// argmin_c sum |f(x_n) - y_n|^2 + (smoothing N + tiny) sum_edges |c_i - c_j|^2 + a tie of
/// nodes with little data (the gradient's jumps across the faces around them: zero on linear
/// functions), by a sparse Cholesky factorisation of the normal equations. The tiny always-on
/// share keeps nodes without data well defined. Returns #D by C.
RowMatrix solveLeastSquaresND(const SimplexMesh& mesh, const MomentsND& moments, double smoothing);

}  // namespace lreg::detail
