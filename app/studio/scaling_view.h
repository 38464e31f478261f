// The scaling-law view (the paper's Figure 3): fits the current data at several node budgets on
// a side thread (core/scaling), and plots test MAE against the degrees of freedom on log-log
// axes with the fitted slope and the paper's const·N^(−1/d) line for comparison. Its figure
// exports as PNG or SVG.
#pragma once

#include <QSize>
#include <QWidget>

#include <vector>

#include <lreg/engine/mrc_options.h>
#include <lreg/engine/scaling.h>
#include "app/studio/background_job.h"
#include "app/studio/data_bundle.h"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QScatterSeries;

namespace lreg::studio {

class ScalingView : public QWidget {
  Q_OBJECT

 public:
  explicit ScalingView(QWidget* parent = nullptr);

  /// The data and fit options of the next run (the node budget is replaced per point).
  void setInputs(DataPtr data, const MrcOptions& options);
  /// Budgets from the range controls: powers of two from "from" to "to".
  std::vector<int> dofs() const;
  void setRange(int from, int to);
  /// Starts the experiment; throws Error without data or test set, or while one runs.
  void run();
  void cancel() { job_.cancel(); }
  bool isRunning() const { return job_.isRunning(); }
  const std::vector<ScalingPoint>& points() const { return points_; }
  /// Fitted log-log slope of test MAE against dof (NaN below two points).
  double slope() const { return slope_; }
  /// PNG (at `size`) or SVG by extension. Throws Error naming the path.
  void exportFigure(const QString& path, QSize size);

 signals:
  /// The experiment ended (all budgets, cancelled, or failed after failed()).
  void finished();
  void failed(const QString& message);

 private:
  void onPoint(const ScalingPoint& p);
  void redraw();

  BackgroundJob job_;
  DataPtr data_;
  MrcOptions options_;
  std::vector<ScalingPoint> points_;
  double slope_;
  QComboBox* from_;
  QComboBox* to_;
  QPushButton* run_;
  QLabel* status_;
  QChart* chart_;
  QChartView* view_;
  QLineSeries* measured_;
  QScatterSeries* dots_;
  QLineSeries* fitted_;
  QLineSeries* paper_;
  QLogValueAxis* xAxis_;
  QLogValueAxis* yAxis_;
};

}  // namespace lreg::studio
