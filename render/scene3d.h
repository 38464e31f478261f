// The 3D view of the Lagrange Regressor: the tetrahedral mesh as a solid coloured by the fitted
// value or the local RMS residual, cut by a movable clipping plane (normal along one input
// axis; the part beyond the plane is removed, so the colours inside show on the cut), with the
// mesh edges, axes in raw units and a colour bar. Nodes the last refine inserted (green), nodes
// the coming coarsen removes (red) and removed positions (dark red) are drawn where the clip
// keeps them. A selected node's basis function psi_i is shown by its support: the edges of the
// tetrahedra around node i.
#pragma once

#include "render/field_geometry.h"
#include "render/field_scene.h"

class vtkActor;
class vtkCubeAxesActor;
class vtkPlane;
class vtkTableBasedClipDataSet;

namespace lreg::render {

class Scene3D : public FieldScene {
 public:
  explicit Scene3D(vtkRenderer* renderer);
  ~Scene3D() override;
  int dim() const override { return 3; }

 protected:
  std::array<double, 3> nodeWorld(int node) const override;
  bool nodeVisible(int node) const override;
  void resetCamera() override;
  void rebuild() override;

 private:
  bool kept(const double* unit) const;  // on the clip's kept side
  void buildSolid();
  void buildMarks();
  void buildSupport();

  vtkSmartPointer<vtkActor> solid_, frame_, support_, selected_;
  NodeMarkers marks_;
  vtkSmartPointer<vtkPlane> plane_;
  vtkSmartPointer<vtkTableBasedClipDataSet> clip_;
  vtkSmartPointer<vtkCubeAxesActor> axes_;
};

}  // namespace lreg::render
