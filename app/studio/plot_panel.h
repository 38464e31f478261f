// The VTK view of the loop inside a VtkViewWidget: render's Scene1D for 1D data (zoom and pan
// with the mouse), Scene2D (surface or heat map) or Scene3D (clipped tetrahedra) for 2D/3D data
// (drag orbits, the wheel zooms), picked by the data's or snapshot's dimension, with a toolbar
// (ViewControls) for the 2D/3D choices. Double-click or F fits the view again; a click on a node
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
  /// The 1D scene (hidden, and without data, while 2D/3D data are shown).
  const render::Scene1D& scene() const { return *scene_; }
  /// The 2D/3D scene; nullptr while the view is 1D.
  const render::FieldScene* fieldScene() const { return field_.get(); }
  /// Input dimension of what is shown (1 until 2D/3D data or a snapshot arrive).
  int dim() const { return dim_; }
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

 private:
  void onClicked(QPointF pixel);  // VTK display pixel
  void refresh();
  /// Switches to the scene for `dim` inputs (a new 2D/3D scene when the dimension changes).
  void useDimension(int dim);
  void configureControls(const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs);

  vtkSmartPointer<vtkRenderer> renderer_;  // the view's renderer, or a detached one
  std::unique_ptr<render::Scene1D> scene_;
  std::unique_ptr<render::FieldScene> field_;
  ViewControls* controls_ = nullptr;
  int dim_ = 1;
  Vector dataLo_, dataHi_;  // the data's input box (the unit domain of snapshots)
  render::VtkViewWidget* view_ = nullptr;
  QLabel* placeholder_ = nullptr;
  int fullSamples_ = 0;  // the view's own multisampling
  bool draft_ = false;
  bool modelShown_ = false;
};

}  // namespace lreg::studio
