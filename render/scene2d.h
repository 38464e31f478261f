// The 2D view of the Lagrange Regressor: the fitted P1 surface z = f(x1, x2) (exactly the
// triangles lifted by their nodes' coefficients), coloured by value or by the local RMS
// residual, with the mesh wireframe, the training points as round dots at (x1, x2, y), axes in raw
// units and a colour bar. A top-down heat map replaces the surface on request.
// During the loop's sub-steps it marks the nodes the last refine inserted (green) and the edges
// it bisected (green segments), the nodes the coming coarsen removes (red) and where the last
// coarsen removed nodes (small dark red dots), and after a polish each moved node's trail (an
// amber path through where it was over the last polish steps, fading toward the oldest point,
// with a dot at each); after a train the edges its
// data-dependent flips created (teal segments). A selected node i shows its basis function
// psi_i (Figure A2, middle): the support triangles outlined on the surface and the tent itself,
// height 1 at node i and 0 at the rim, drawn on its own floor under the surface.
#pragma once

#include "render/field_geometry.h"
#include "render/field_scene.h"

class vtkActor;
class vtkCubeAxesActor;
class vtkPolyData;
class vtkTextActor;

namespace lreg::render {

class Scene2D : public FieldScene {
 public:
  explicit Scene2D(vtkRenderer* renderer);
  int dim() const override { return 2; }

  /// The tent psi_i of the selected node in unit coordinates: points (u1, u2, psi) of the
  /// support triangles' vertices, the triangles as cells, and psi as point scalars. Empty when
  /// no node is selected.
  vtkPolyData* basisSurface() const;
  /// World height of the surface for value v (the heat map is flat: 0).
  double worldZ(double value) const;

 protected:
  std::array<double, 3> nodeWorld(int node) const override;
  bool flatView() const override { return options().heatMap; }
  void resetCamera() override;
  void rebuild() override;

 private:
  void buildSurface();
  void buildMarks();
  void buildTrails();
  void buildBasis();
  void buildAxes();
  RowMatrix world(const RowMatrix& unit, const Vector& values) const;  // (u1, u2, worldZ)

  vtkSmartPointer<vtkActor> surface_, glyphs_, bisected_, flipped_, trails_, trailStarts_;
  NodeMarkers marks_;
  vtkSmartPointer<vtkActor> support_, tent_, selectedMark_;
  vtkSmartPointer<vtkPolyData> basis_;
  vtkSmartPointer<vtkCubeAxesActor> axes_;
  vtkSmartPointer<vtkTextActor> basisLabel_;
  double zLo_ = 0, zHi_ = 1;  // value range mapped onto the surface's height
};

}  // namespace lreg::render
