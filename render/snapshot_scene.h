// What every view of the loop offers, whatever the input dimension: the 1D plot (Scene1D) and
// the 2D/3D fields (FieldScene: Scene2D, Scene3D) take the same inputs (the raw input box, the
// training points, names, a snapshot, a title), answer the same questions (which node is under
// a pixel, a line about a node) and export a figure. A panel holds one SnapshotScene, made for
// the data's dimension by makeScene, and never asks which kind it has.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/engine/snapshot.h>
#include "render/field_view_options.h"
#include "render/plot_navigator.h"

class vtkRenderer;

namespace lreg::render {

class SnapshotScene : public PlotNavigator {
 public:
  /// Input dimension d of what the scene draws.
  virtual int dim() const = 0;

  // --- inputs; each takes effect at the next render ------------------------------------------
  /// Raw coordinates of the unit domain's corners 0 and 1 (d values each; else Error).
  virtual void setDomain(const Vector& lo, const Vector& hi) = 0;
  /// Training points: #N by d raw inputs and #N by C targets (else Error). Empty: none.
  virtual void setData(const RowMatrix& inputs, const RowMatrix& targets) = 0;
  /// The noise-free function along the first input at increasing x (drawn by the 1D view).
  virtual void setTruth(const Vector& x, const Vector& y) {
    (void)x;
    (void)y;
  }
  /// Names of the inputs (axes) and outputs, as in the data set's header; empty: x, y.
  virtual void setNames(const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs) = 0;
  /// Shows a snapshot. Throws Error (keeping the current picture) for another dimension or
  /// inconsistent shapes.
  virtual void setSnapshot(const Snapshot& snapshot) = 0;
  virtual void clearSnapshot() = 0;
  virtual void setTitle(const std::string& title) = 0;
  /// The 2D/3D choices (colour, output, wireframe, heat map, clip); the 1D view has none.
  virtual void setOptions(const FieldViewOptions& options) { (void)options; }
  /// Selects node `node` to show its basis function; -1 or out of range: none.
  virtual void setSelectedNode(int node) = 0;

  // --- queries -------------------------------------------------------------------------------
  virtual int selectedNode() const = 0;
  virtual int nodeCount() const = 0;
  /// The node drawn within `maxPixels` of display pixel (px, py) (origin bottom left, after a
  /// render); -1: none.
  virtual int nodeAtPixel(double px, double py, double maxPixels = 12) const = 0;
  /// A status-bar line about node i (coordinates, coefficient, the basis shown); empty when
  /// there is no such node.
  virtual std::string nodeText(int node) const = 0;

  /// Writes what the scene shows (same inputs, same view) to `path` without touching its own
  /// window: PNG at width x height, or a vector format where the scene has one. Throws Error.
  virtual void exportFigure(const std::string& path, int width, int height) const = 0;
};

/// The scene for `dim` inputs (1: Scene1D, 2: Scene2D, 3: Scene3D) drawing into `renderer`.
/// Throws Error for other dimensions.
std::unique_ptr<SnapshotScene> makeScene(int dim, vtkRenderer* renderer);

}  // namespace lreg::render
