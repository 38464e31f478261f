// The scaling-law view (the paper's Figure 3): the range of node budgets to try, a Run/Cancel
// button, and the plot of a ScalingJob's points (test MAE against the degrees of freedom on
// log-log axes) with the fitted slope and the paper's const·N^(−1/d) line for comparison. The
// job runs in the session; the view only asks for runs and draws. Its figure exports as PNG
// or SVG.
#pragma once

#include <QSize>
#include <QWidget>

#include <vector>

#include "app/studio/scaling_job.h"

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
  /// Draws `job`'s points as they come.
  explicit ScalingView(const ScalingJob& job, QWidget* parent = nullptr);

  /// Budgets from the range controls: powers of two from "from" to "to".
  std::vector<int> dofs() const;
  int from() const;
  int to() const;
  void setRange(int from, int to);
  /// PNG (at `size`) or SVG by extension. Throws Error naming the path.
  void exportFigure(const QString& path, QSize size);

 signals:
  /// Run pressed: the budgets of dofs().
  void runRequested(const std::vector<int>& dofs);
  void cancelRequested();
  /// The range controls changed.
  void rangeChanged();

 private:
  void setRunning(bool running);
  void redraw();

  const ScalingJob& job_;
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
