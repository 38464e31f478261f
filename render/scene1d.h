// The 1D view of the Lagrange Regressor: the paper's Figure 1, live. Draws into one vtkRenderer
// (through a vtkContextActor, so PDF/SVG exports are true vector graphics) from a Snapshot (nodes
// in the unit domain, one coefficient column), the training points, an optional true function
// and the unit -> raw x mapping:
//   - training points (grey dots), the truth (thin dark line), the fit (thick blue polyline) and
//     its nodes (blue dots);
//   - the error in orange: the area between fit and truth when the truth is known (Figure 1),
//     else each point's residual segment, else (over 4000 points) the area between the fit and
//     the binned data mean;
//   - the hard-sample counts per interval as bars in a strip under the plot;
//   - inserted nodes (green), nodes about to be removed (red), and for a selected node i its
//     basis function scaled by its coefficient, the tent c_i * psi_i, with a label.
// Axes, grid, legend and title are laid out in pixels at every paint, so any size looks right.
// The view (visible x and y ranges) follows the data until the user pans or zooms.
#pragma once

#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <optional>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/engine/snapshot.h>
#include "render/plot_axes.h"
#include "render/plot_geometry.h"
#include "render/plot_legend.h"
#include "render/snapshot_scene.h"

class vtkContext2D;
class vtkContextActor;

namespace lreg::render {

/// What the scene currently draws (for tests and status displays).
struct Scene1DStats {
  int dataPoints = 0;       ///< training points drawn
  int truthSamples = 0;     ///< vertices of the truth polyline (0: no truth)
  int fitVertices = 0;      ///< vertices of the fitted polyline
  int nodeMarkers = 0;      ///< node dots on the fit
  int insertedMarkers = 0;  ///< green markers (snapshot.inserted)
  int removeMarkers = 0;    ///< red markers (snapshot.toRemove)
  int histogramBars = 0;    ///< intervals with a non-zero hard-sample count
  int errorPieces = 0;      ///< quads of the error area, or residual segments
  int dataMeanSamples = 0;  ///< vertices of the binned data mean (large data without truth)
  bool basisShown = false;  ///< a node is selected and its tent is drawn
};

class Scene1D : public SnapshotScene {
 public:
  /// Adds the scene to `renderer` (white background) and draws it at every render.
  explicit Scene1D(vtkRenderer* renderer);
  ~Scene1D() override;
  Scene1D(const Scene1D&) = delete;
  Scene1D& operator=(const Scene1D&) = delete;

  int dim() const override { return 1; }

  // --- inputs (x in raw units); each call takes effect at the next render --------------------
  /// Raw x of the unit domain's 0 and 1 (the model's Normalizer lo/hi). Default [0, 1].
  void setDomain(double lo, double hi);
  /// SnapshotScene's form: the first value of each.
  void setDomain(const Vector& lo, const Vector& hi) override;
  /// Training points; x and y have the same length (else Error). Empty vectors clear them.
  void setData(const Vector& x, const Vector& y);
  /// SnapshotScene's form: the first input and the first output column.
  void setData(const RowMatrix& inputs, const RowMatrix& targets) override;
  /// The noise-free function sampled at increasing x. Empty vectors: no truth curve.
  void setTruth(const Vector& x, const Vector& y) override;
  /// Shows coefficient column `output` of a 1D snapshot. Throws Error (and keeps the current
  /// picture) for other dimensions, a missing output column or inconsistent shapes.
  void setSnapshot(const Snapshot& snapshot, int output);
  void setSnapshot(const Snapshot& snapshot) override { setSnapshot(snapshot, 0); }
  void clearSnapshot() override;
  /// Selects node `node` (index into the snapshot's nodes) to show its basis function; -1 or an
  /// index out of range: none.
  void setSelectedNode(int node) override;
  void setTitle(const std::string& title) override;
  void setAxisTitles(const std::string& x, const std::string& y);
  /// SnapshotScene's form: the first input and output name are the axis titles.
  void setNames(const std::vector<std::string>& inputs,
                const std::vector<std::string>& outputs) override;
  /// Takes over every input and the view (zoom/pan) of `other`: for exports into another window.
  void copyFrom(const Scene1D& other);

  // --- view (PlotNavigator, in pixels with the origin at the bottom left) ---------------------
  void pan(double dx, double dy) override;
  void zoom(double x, double y, double fx, double fy) override;
  void resetView() override;
  bool dataAt(double px, double py, double& x, double& y) const override;
  /// True while the view follows the data (no pan/zoom since the last reset).
  bool autoFit() const { return !view_.has_value(); }

  // --- queries (valid after the first render: they use its layout) ---------------------------
  /// Pixel (origin bottom left) where the data point (x, y) is drawn.
  Point2 pixelOf(double x, double y) const;
  /// Index of the node nearest to the data point (x, y), measured on screen; -1: no nodes.
  int nearestNode(double x, double y) const;
  /// Node drawn within `maxPixels` of pixel (px, py); -1: none.
  int nodeAtPixel(double px, double py, double maxPixels = 12) const override;
  /// (raw x, fitted value) of node i.
  Point2 nodePosition(int node) const;
  int nodeCount() const override { return static_cast<int>(nodeU_.size()); }
  int selectedNode() const override { return selected_; }
  /// "node 3: x = 0.25, c3 = 0.842 (basis ψ3 shown)"; empty when there is no node `node`.
  std::string nodeText(int node) const override;
  /// PNG, PDF, SVG or EPS by extension (render/figure_export.h).
  void exportFigure(const std::string& path, int width, int height) const override;
  /// The text by the selected node's tent, e.g. "ψ₃, c₃ = 0.842"; empty when none is selected.
  std::string basisLabel() const;
  const Scene1DStats& stats() const { return stats_; }
  vtkRenderer* renderer() const { return renderer_; }

  /// Draws everything; called by the scene's context item at each render (scene1d_paint.cpp).
  void paint(vtkContext2D* painter);

 private:
  struct View {
    double x0, x1, y0, y1;  // visible data ranges
  };

  void rebuild();         // derived geometry (data units) from the inputs
  void buildError();      // errorStrip_ / residuals_ / dataMean_
  View autoView() const;  // ranges that show all the data
  View currentView() const { return view_ ? *view_ : autoView(); }
  double fitAt(double u) const;  // fitted value at unit x
  double rawX(double u) const { return lo_ + u * (hi_ - lo_); }

  // Painting steps (scene1d_paint.cpp), in the pixel layout of the current paint.
  std::vector<LegendEntry> legendEntries() const;
  std::vector<float> pixels(const std::vector<Point2>& points) const;  // x0, y0, x1, y1, ...
  std::vector<float> nodePixels(const std::vector<int>& nodes) const;
  void paintData(vtkContext2D* painter, double s);
  void paintFrame(vtkContext2D* painter, double w, double h, double s);  // masks and strip
  void paintBasisLabel(vtkContext2D* painter);

  vtkSmartPointer<vtkRenderer> renderer_;  // kept alive: the view widget may go first
  vtkSmartPointer<vtkContextActor> actor_;

  // Inputs.
  double lo_ = 0, hi_ = 1;
  std::vector<double> dataX_, dataY_, truthX_, truthY_;  // raw
  std::optional<Snapshot> snapshot_;
  int output_ = 0;
  int selected_ = -1;
  std::string title_, xTitle_ = "x", yTitle_ = "y";

  // Derived, in data units (raw x, output y).
  std::vector<double> nodeU_, nodeC_, sortedU_, sortedC_;
  std::vector<int> order_;  // node indices by increasing x
  std::vector<Point2> fit_, errorStrip_, residuals_, dataMean_, tent_;
  std::vector<int> inserted_, toRemove_;  // valid node indices
  struct Bar {
    double x0, x1, height;  // raw x range, height in [0, 1]
  };
  std::vector<Bar> bars_;
  bool hasCounts_ = false;  // the snapshot has one count per interval (a strip is drawn)
  Scene1DStats stats_;

  // View and the layout of the last paint.
  std::optional<View> view_;  // empty: automatic
  AxesLayout layout_;
  double stripTop_ = 0;  // top of the hard-sample strip, pixels
  bool laidOut_ = false;
};

}  // namespace lreg::render
