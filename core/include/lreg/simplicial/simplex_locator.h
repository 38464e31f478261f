// Point location on a simplicial mesh: a background grid (lines at quantiles of the node
// coordinates, so graded meshes stay cheap) lists the simplices whose
// bounding box meets each cell, so a query tests a handful of simplices (O(d) each after the
// per-simplex inverse vertex matrices are precomputed), not all n_t as Eq. A6 would.
#pragma once

#include <array>
#include <vector>

#include <lreg/simplicial/simplex_mesh.h>

namespace lreg {

class SimplexLocator {
 public:
  explicit SimplexLocator(const SimplexMesh& mesh);

  /// The simplex containing x (d values; clamped into the unit box first) and its barycentric
  /// coordinates in `lambda` (d+1 values, >= 0, summing to 1). A point on a shared face or
  /// vertex gets one of the simplices that contain it; the function value does not depend on
  /// which. Never fails on a mesh that tiles the box.
  int locate(const double* x, double* lambda) const;

  /// S of simplex t: row-major (d+1) by (d+1), the inverse of rows (p_k, 1).
  const double* frame(int t) const { return &frames_[size_t(t) * stride_]; }
  int dim() const { return dim_; }

 private:
  int cellOf(int axis, double v) const;
  /// cellOf by binary search (any v); cellOf itself starts from a table of uniform bins.
  int searchCell(int axis, double v) const;

  int dim_, stride_;
  std::array<std::vector<double>, 3> lines_;  ///< per axis: grid lines, 0 to 1 (quantiles)
  std::array<int, 3> extent_{1, 1, 1};        ///< cells per axis
  /// per axis: the cell of the left end of each of kBins uniform bins of [0, 1]
  std::array<std::vector<int>, 3> binCell_;
  std::vector<double> frames_;
  std::vector<int> cellStart_, cellSimplices_;  // CSR: simplices overlapping each grid cell
};

/// Every sample's simplex and barycentric coordinates: the sparse form of the basis
/// (each point touches the d+1 hats of its simplex's vertices).
struct LocatedSamples {
  std::vector<int> simplex;  ///< #N
  RowMatrix lambda;          ///< #N by d+1
  static LocatedSamples locate(const SimplexMesh& mesh, const SimplexLocator& locator,
                               const RowMatrix& U);
  /// After a mesh change: samples whose simplex survived (the same vertices, with old node i
  /// now `nodeMap[i]`, -1 for a removed node) keep their coordinates, re-ordered to the new
  /// vertex order; only the others are located again. `oldSimplices` is #n_t(old) by d+1.
  void relocate(const IndexMatrix& oldSimplices, const std::vector<int>& nodeMap,
                const SimplexMesh& mesh, const SimplexLocator& locator, const RowMatrix& U);
  /// After nodes moved (the same simplices): each sample's coordinates in its simplex are
  /// recomputed; samples that left it are located again.
  void update(const SimplexLocator& locator, const RowMatrix& U);
};

/// f(x) = sum_i c_i psi_i(x) for each row of U (#N by d) -> #N by C.
RowMatrix evaluateSimplicial(const SimplexMesh& mesh, const RowMatrix& coefficients,
                             const RowMatrix& U);

}  // namespace lreg
