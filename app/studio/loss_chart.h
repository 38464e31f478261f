// The loss chart (Qt Charts): train and test RMSE and MAE per iteration, with a log-scale
// switch and the latest R² beside it, the best model (what Save Model writes) as a marker at
// its iteration, and (once searched) the best placement's RMSE as a labelled horizontal line. Fed
// from the LossHistory; redraws only when asked.
#pragma once

#include <QPointF>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QXYSeries;
class QChart;
class QChartView;
class QAbstractAxis;

namespace lreg::studio {

class LossHistory;

class LossChart : public QWidget {
  Q_OBJECT

 public:
  explicit LossChart(QWidget* parent = nullptr);

  /// Redraws from `history` (all its records).
  void setHistory(const LossHistory& history);
  /// A horizontal line at `rmse` named `label` in the legend (the best placement found).
  void setReference(double rmse, const QString& label);
  void clearReference();
  bool hasReference() const;
  /// The line's height and legend label (NaN and empty without one), for tests.
  double referenceValue() const;
  QString referenceLabel() const;
  void setLogScale(bool on);
  bool logScale() const;

  /// Points of the train RMSE curve (one per fit), for tests.
  int pointCount() const;
  /// The best model's marker: (iteration, test RMSE, or training RMSE without a test set);
  /// NaN without one. For tests.
  QPointF bestMarker() const;

 signals:
  void logScaleChanged(bool on);

 private:
  void rebuildAxes();   // new axis objects (linear or log)
  void updateRanges();  // ranges and ticks for the current data

  QChart* chart_;
  QChartView* view_;
  QCheckBox* log_;
  QLabel* r2_;
  QLineSeries* trainRmse_;
  QLineSeries* testRmse_;
  QLineSeries* trainMae_;
  QLineSeries* testMae_;
  QLineSeries* reference_;
  QScatterSeries* best_;
  QList<QXYSeries*> allSeries() const;
  double referenceRmse_;                 // NaN: no line
  double dataMin_ = 1e-3, dataMax_ = 1;  // the curves' range, without the line
  QAbstractAxis* xAxis_ = nullptr;
  QAbstractAxis* yAxis_ = nullptr;
  double yMin_ = 1e-3, yMax_ = 1;
  int xMax_ = 1;
};

}  // namespace lreg::studio
