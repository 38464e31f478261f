// A snapshot's piecewise-linear function as the 2D/3D views need it: the simplicial mesh, the
// node values of one output, the raw <-> unit input map, evaluation at raw points, and the
// residual of data points summarised per node.
#pragma once

#include <memory>

#include <lreg/base/types.h>
#include <lreg/engine/snapshot.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::render {

class MeshField {
 public:
  /// The field of output column `output` of a d = 2 or 3 snapshot, whose unit domain spans the
  /// raw box [lo, hi]. Throws Error for other dimensions, a missing output or bad shapes.
  MeshField(const Snapshot& snapshot, const Vector& lo, const Vector& hi, int output);

  int dim() const { return mesh_.dim; }
  int output() const { return output_; }
  const SimplexMesh& mesh() const { return mesh_; }
  /// #D values of the shown output, one per node (the P1 coefficients).
  const Vector& values() const { return values_; }
  const Vector& lo() const { return lo_; }
  const Vector& hi() const { return hi_; }
  /// Raw coordinate `axis` of unit coordinate u.
  double raw(int axis, double u) const { return lo_[axis] + u * (hi_[axis] - lo_[axis]); }

  /// f at the raw points (#N by d); points outside the box get the value at the nearest face.
  Vector evaluate(const RowMatrix& rawX) const;
  /// Per node, the local RMS residual of the points (rawX, y): sqrt(sum_k psi_i(x_k) r_k^2 /
  /// sum_k psi_i(x_k)) with r_k = y_k - f(x_k); 0 for nodes no point touches. This is the
  /// residual the hat of node i "sees", so the colour interpolated between nodes is honest
  /// about where the fit misses the data, not an interpolation of single points.
  Vector nodeResidualRms(const RowMatrix& rawX, const Vector& y) const;

 private:
  RowMatrix toUnit(const RowMatrix& rawX) const;

  SimplexMesh mesh_;
  Vector values_, lo_, hi_;
  int output_ = 0;
  std::shared_ptr<const SimplexLocator> locator_;  // shared: fields are copied with scenes
};

}  // namespace lreg::render
