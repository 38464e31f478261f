// The VTK view of the loop inside a VtkViewWidget: one render::SnapshotScene made for the data's
// or snapshot's dimension (Scene1D: zoom and pan with the mouse; Scene2D, a surface or heat map,
// and Scene3D, clipped tetrahedra: drag orbits, the wheel zooms), with a toolbar (ViewControls)
// for the 2D/3D choices. Double-click or F fits the view again; a click on a node
// selects it and shows its basis function. Where Qt can't host OpenGL (the offscreen platform) a
// placeholder label stands in, and the scenes still exist on a detached renderer so exports keep
// working under an X server.
#pragma once

#include <QPointF>
#include <QWidget>

#include <vtkSmartPointer.h>

#include <memory>

#include <lreg/engine/snapshot.h>
#include <lreg/model/model.h>
#include "app/studio/data_bundle.h"

class QLabel;
class vtkRenderer;

namespace lreg::render {
class FieldScene;
class Scene1D;
class SnapshotScene;
class VtkViewWidget;
struct FieldViewOptions;
}  // namespace lreg::render

namespace lreg::studio {

class ViewControls;

class PlotPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PlotPanel(QWidget* parent = nullptr);
  ~PlotPanel() override;

  /// False when a placeholder is shown instead of the VTK view.
  bool hasView() const { return view_ != nullptr; }
  render::VtkViewWidget* view() const { return view_; }
  /// The scene of the shown dimension.
  const render::SnapshotScene& scene() const { return *scene_; }
  /// The same scene as a 1D plot (nullptr while 2D/3D is shown) or as a 2D/3D field (nullptr
  /// while 1D is shown), for tests and figures that need the concrete kind.
  const render::Scene1D* scene1D() const;
  const render::FieldScene* fieldScene() const;
  /// Input dimension of what is shown (1 until 2D/3D data or a snapshot arrive).
  int dim() const;
  /// The selected node of the shown scene (-1: none).
  int selectedNode() const;
  /// A status-bar line about node i of the shown scene (coordinates and coefficients); empty
  /// when there is no such node.
  QString nodeText(int node) const;
  /// The 2D/3D view choices (colour, output, wireframe, heat map, clip); the toolbar shows them.
  render::FieldViewOptions viewOptions() const;
  void setViewOptions(const render::FieldViewOptions& options);

  /// Training points, the true curve and the axis titles of `data`.
  void setData(const DataBundle& data);
  void clearData();
  /// Draws an engine snapshot (after a model was shown: back in the data's x range).
  void showSnapshot(const Snapshot& snapshot, const QString& title);
  /// Draws a saved model over the current data points (if any), in the model's own x range.
  void showModel(const Model& model, const QString& title);
  void selectNode(int node);
  void fitView();

  /// Writes the figure (PNG at width x height, PDF or SVG by extension). Throws Error.
  void exportFigure(const std::string& path, int width, int height) const;
  /// Milliseconds the view's last paint took (0 without a view).
  double lastPaintMs() const;
  /// Draft quality (no multisampling) while the loop runs, where a full-quality frame is slow
  /// (software OpenGL: 4x cheaper frames); full quality again when `on` is false.
  void setDraft(bool on);
  /// The view's current picture (null image without a view).
  QImage grabView();

 signals:
  /// A node was clicked (-1: a click away from the nodes cleared the selection).
  void nodeSelected(int node);
  /// The user changed a 2D/3D view choice in the toolbar.
  void viewOptionsChanged(const lreg::render::FieldViewOptions& options);

 private:
  void onClicked(QPointF pixel);  // VTK display pixel
  void refresh();
  /// Switches to a new scene for `dim` inputs when the dimension changes.
  void useDimension(int dim);
  /// Names on the scene and the toolbar's output list.
  void setNames(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs);

  vtkSmartPointer<vtkRenderer> renderer_;  // the view's renderer, or a detached one
  std::unique_ptr<render::SnapshotScene> scene_;
  ViewControls* controls_ = nullptr;
  Vector dataLo_, dataHi_;  // the data's input box (the unit domain of snapshots)
  render::VtkViewWidget* view_ = nullptr;
  QLabel* placeholder_ = nullptr;
  int fullSamples_ = 0;  // the view's own multisampling
  bool draft_ = false;
  bool modelShown_ = false;
};

}  // namespace lreg::studio
