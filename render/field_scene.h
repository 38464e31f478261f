// What the 2D and 3D views share: the inputs (raw input box, data points, snapshot, options,
// names), the field derived from them (MeshField and the per-node colour scalars), the title
// and colour bar, node picking on screen, and camera navigation through PlotNavigator (drag
// orbits the camera, or pans a flat map; the wheel zooms; reset shows everything).
#pragma once

#include <vtkSmartPointer.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/engine/snapshot.h>
#include "render/field_view_options.h"
#include "render/mesh_field.h"
#include "render/plot_geometry.h"
#include "render/snapshot_scene.h"

class vtkActor;
class vtkLookupTable;
class vtkProp;
class vtkRenderer;
class vtkScalarBarActor;
class vtkTextActor;

namespace lreg::render {

/// Training points shown as glyphs at most: a denser cloud hides the surface.
inline constexpr long kMaxFieldGlyphs = 1500;
/// At most this many data points are kept by a view (an even stride), for the residual colours.
inline constexpr long kMaxFieldPoints = 50000;

/// What a 2D/3D scene currently draws (for tests and status displays).
struct FieldSceneStats {
  int surfaceCells = 0;   ///< triangles of the surface / of the clipped solid's boundary
  int meshCells = 0;      ///< simplices the drawn part of the mesh has (3D: kept by the clip)
  int glyphs = 0;         ///< training points drawn
  int inserted = 0;       ///< green markers (snapshot.inserted)
  int toRemove = 0;       ///< red markers (snapshot.toRemove)
  int removed = 0;        ///< dark red markers at removed nodes' positions
  int bisectedEdges = 0;  ///< green segments: edges the last refine bisected
  int trails = 0;         ///< amber paths: nodes the last polish moved, through where they were
  int trailPoints = 0;    ///< points of those paths (the nodes' positions over the last steps)
  int flippedEdges = 0;   ///< teal segments: edges the last train's flips created
  int supportCells = 0;   ///< simplices of the selected node's support (0: none selected)
  bool wireframe = false;
  bool heatMap = false;
};

class FieldScene : public SnapshotScene {
 public:
  explicit FieldScene(vtkRenderer* renderer);
  /// Takes the scene's props out of the renderer.
  ~FieldScene() override;
  FieldScene(const FieldScene&) = delete;
  FieldScene& operator=(const FieldScene&) = delete;

  // --- inputs (SnapshotScene); each takes effect at once (the caller schedules the render) --
  void setDomain(const Vector& lo, const Vector& hi) override;
  void setData(const RowMatrix& inputs, const RowMatrix& targets) override;
  /// The selected node stays selected while it exists.
  void setSnapshot(const Snapshot& snapshot) override;
  void clearSnapshot() override;
  /// A missing output component falls back to output 0.
  void setOptions(const FieldViewOptions& options) override;
  void setTitle(const std::string& title) override;
  /// Names of the inputs (axes) and outputs (colour bar), as in the data set's header.
  void setNames(const std::vector<std::string>& inputs,
                const std::vector<std::string>& outputs) override;
  void setSelectedNode(int node) override;
  /// Takes over every input and the camera of `other` (same dimension): for exports.
  void copyFrom(const FieldScene& other);

  // --- queries -------------------------------------------------------------------------------
  const FieldViewOptions& options() const { return options_; }
  bool hasSnapshot() const { return field_.has_value(); }
  const MeshField* field() const { return field_ ? &*field_ : nullptr; }
  int nodeCount() const override { return field_ ? field_->mesh().nodeCount() : 0; }
  int outputCount() const { return snapshot_ ? int(snapshot_->coefficients.cols()) : 0; }
  int selectedNode() const override { return selected_; }
  /// The per-node scalars the mesh is coloured by (values or local RMS residuals) and their
  /// colour-bar range.
  const Vector& nodeColors() const { return nodeColors_; }
  std::array<double, 2> colorRange() const { return colorRange_; }
  std::string colorTitle() const;
  /// Raw input coordinates of node i.
  std::vector<double> nodeInput(int node) const;
  /// Display pixel (origin bottom left) where node i is drawn, after a render.
  Point2 nodePixel(int node) const;
  /// Visible node drawn within `maxPixels` of pixel (px, py) (the nearest); -1: none.
  int nodeAtPixel(double px, double py, double maxPixels = 12) const override;
  /// A line for the status bar about node i: coordinates, value and the basis shown.
  std::string nodeText(int node) const override;
  /// PNG only (render/scene_export.h says why).
  void exportFigure(const std::string& path, int width, int height) const override;
  int glyphCount() const { return int(glyphRows_.size()); }
  /// Data points the view keeps (an even stride of the data, at most kMaxFieldPoints).
  long keptPoints() const { return inputs_.rows(); }
  vtkRenderer* renderer() const { return renderer_; }
  vtkScalarBarActor* colorBar() const;
  const FieldSceneStats& stats() const { return stats_; }

  // --- PlotNavigator -------------------------------------------------------------------------
  void pan(double dx, double dy) override;
  void zoom(double x, double y, double fx, double fy) override;
  void resetView() override;
  /// Any pixel: clicks are resolved by nodeAtPixel. Returns the pixel itself.
  bool dataAt(double px, double py, double& x, double& y) const override;

 protected:
  /// World position of node i as drawn.
  virtual std::array<double, 3> nodeWorld(int node) const = 0;
  /// Nodes hidden by the view (a clipping plane) can't be picked.
  virtual bool nodeVisible(int) const { return true; }
  /// True when the view is a flat map: dragging pans instead of orbiting.
  virtual bool flatView() const { return false; }
  /// Puts the camera where it shows everything.
  virtual void resetCamera() = 0;
  /// Rebuilds the scene's own actors from the inputs and the derived field.
  virtual void rebuild() = 0;

  /// Adds a prop to the renderer; the destructor removes it.
  void addProp(vtkProp* prop);
  /// Rows of the data (inputs_, targets_) drawn as glyphs.
  const std::vector<long>& glyphRows() const { return glyphRows_; }
  const RowMatrix& inputs() const { return inputs_; }
  const RowMatrix& targets() const { return targets_; }
  const std::optional<Snapshot>& snapshot() const { return snapshot_; }
  const std::string& inputName(int axis) const;
  /// Colour table of the current nodeColors().
  vtkLookupTable* colors() const;
  /// The renderer's camera was set up by resetCamera at least once.
  bool cameraSet_ = false;
  FieldSceneStats stats_;

 private:
  void update();        // the field, then redraw()
  void redraw();        // colours from the current field, then rebuild()
  void ensureDomain();  // the unit box until setDomain() says otherwise

  vtkSmartPointer<vtkRenderer> renderer_;
  std::vector<vtkSmartPointer<vtkProp>> props_;
  vtkSmartPointer<vtkTextActor> title_;
  vtkSmartPointer<vtkScalarBarActor> colorBar_;
  vtkSmartPointer<vtkLookupTable> colors_;

  Vector lo_, hi_;
  RowMatrix inputs_, targets_;
  std::vector<long> glyphRows_;
  std::optional<Snapshot> snapshot_;
  std::optional<MeshField> field_;
  FieldViewOptions options_;
  std::vector<std::string> inputNames_, outputNames_;
  int selected_ = -1;
  Vector nodeColors_;
  std::array<double, 2> colorRange_{0, 1};
};

}  // namespace lreg::render
