// The MLP side of the comparison (the paper's Figures 1 and 4): an MLP with LReg's parameter
// count, its fit drawn as a second plot (the network converted to an LReg model, which in 1D
// is exact), its error per epoch beside LReg's best test error, and the buttons Train MLP,
// Cancel and Convert MLP → LReg (which continues the MRC loop from the network).
#pragma once

#include <QWidget>

#include <vector>

#include "app/studio/mlp_trainer.h"

class QChart;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace lreg::studio {

class PlotPanel;

class MlpPanel : public QWidget {
  Q_OBJECT

 public:
  explicit MlpPanel(QWidget* parent = nullptr);

  PlotPanel* plot() const { return plot_; }
  int epochs() const;
  void setEpochs(int epochs);
  /// How the width was chosen (equalSizeExplanation): the label's text and tooltips.
  void setExplanation(const QString& text);
  void setTraining(bool training, int epochsPlanned = 0);
  /// Whether Convert is possible (a network exists and nothing is training).
  void setConvertible(bool on);
  /// The network's error curve, and LReg's best test RMSE as a flat line (NaN: none yet).
  void setCurve(const std::vector<MlpEpoch>& curve, double lregTestRmse);
  /// The outcome of the last conversion, e.g. "max |MLP − LReg| = 3e-15 (exact)".
  void setConversionText(const QString& text);
  QString conversionText() const;
  /// Points of the MLP's train RMSE curve, for tests.
  int curvePoints() const;

 signals:
  void trainRequested();
  void cancelRequested();
  void convertRequested();
  void epochsChanged(int epochs);

 private:
  PlotPanel* plot_;
  QSpinBox* epochs_;
  QPushButton* train_;
  QPushButton* convert_;
  QProgressBar* progress_;
  QLabel* explanation_;
  QLabel* conversion_;
  QChart* chart_;
  QLineSeries* trainRmse_;
  QLineSeries* testRmse_;
  QLineSeries* lreg_;
  QValueAxis* xAxis_;
  QLogValueAxis* yAxis_;
  bool training_ = false;
  int planned_ = 1;  // epochs of the current or last training: the x axis' extent
};

}  // namespace lreg::studio
