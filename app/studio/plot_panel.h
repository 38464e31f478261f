// The VTK view of the loop: render's Scene1D inside a VtkViewWidget (zoom and pan with the
// mouse; double-click or F fits the view again; a click on a node selects it and
// shows its basis function). Where Qt can't host OpenGL (the offscreen platform) a placeholder
// label stands in, and the scene still exists on a detached renderer so exports keep working under
// an X server.
#pragma once

#include <QPointF>
#include <QWidget>

#include <vtkSmartPointer.h>

#include <memory>

#include "app/studio/data_bundle.h"
#include "core/model.h"
#include "core/snapshot.h"

class QLabel;
class vtkRenderer;

namespace lreg::render {
class Scene1D;
class VtkViewWidget;
}  // namespace lreg::render

namespace lreg::studio {

class PlotPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PlotPanel(QWidget* parent = nullptr);
  ~PlotPanel() override;

  /// False when a placeholder is shown instead of the VTK view.
  bool hasView() const { return view_ != nullptr; }
  render::VtkViewWidget* view() const { return view_; }
  const render::Scene1D& scene() const { return *scene_; }

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

  vtkSmartPointer<vtkRenderer> renderer_;  // the view's renderer, or a detached one
  std::unique_ptr<render::Scene1D> scene_;
  render::VtkViewWidget* view_ = nullptr;
  QLabel* placeholder_ = nullptr;
  int fullSamples_ = 0;  // the view's own multisampling
  bool draft_ = false;
  double dataLo_ = 0, dataHi_ = 1;
  bool modelShown_ = false;
};

}  // namespace lreg::studio
