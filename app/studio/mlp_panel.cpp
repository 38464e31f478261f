#include "app/studio/mlp_panel.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

#include "app/studio/chart_series.h"
#include "app/studio/plot_panel.h"

namespace lreg::studio {
namespace {

const QColor kMlp(200, 40, 40);  // the network's red, distinct from LReg's blue
const QColor kLreg(31, 102, 204);

QLineSeries* series(const QString& name, QColor color, Qt::PenStyle style) {
  return makeLineSeries(name, color, style, style == Qt::SolidLine ? 2.0 : 1.6);
}

}  // namespace

MlpPanel::MlpPanel(QWidget* parent) : QWidget(parent) {
  train_ = new QPushButton(tr("Train MLP"));
  train_->setToolTip(tr("Train a ReLU MLP with as many parameters as the LReg model (Adam)"));
  epochs_ = new QSpinBox;
  epochs_->setRange(1, 100000);
  epochs_->setValue(400);
  epochs_->setSuffix(tr(" epochs"));
  connect(epochs_, &QSpinBox::valueChanged, this, &MlpPanel::epochsChanged);
  convert_ = new QPushButton(tr("Convert MLP → LReg"));
  convert_->setToolTip(
      tr("Turn the trained network into an LReg model (exact in 1D: its "
         "breakpoints become nodes), then continue the MRC loop from it"));
  convert_->setEnabled(false);
  progress_ = new QProgressBar;
  progress_->setMaximumWidth(140);
  progress_->setTextVisible(true);
  progress_->setVisible(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(train_);
  buttons->addWidget(epochs_);
  buttons->addWidget(progress_);
  buttons->addStretch();
  buttons->addWidget(convert_);

  explanation_ = new QLabel;
  explanation_->setWordWrap(true);
  explanation_->setStyleSheet("color: #444;");
  conversion_ = new QLabel;
  conversion_->setWordWrap(true);
  conversion_->setStyleSheet("color: #7a2fb0;");

  plot_ = new PlotPanel;
  chart_ = new QChart;
  chart_->setMargins(QMargins(4, 4, 4, 4));
  chart_->setBackgroundRoundness(0);
  chart_->setTitle(tr("MLP error per epoch"));
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  trainRmse_ = series(tr("MLP train RMSE"), kMlp, Qt::SolidLine);
  testRmse_ = series(tr("MLP test RMSE"), kMlp, Qt::DashLine);
  lreg_ = series(tr("LReg best test RMSE"), kLreg, Qt::DotLine);
  xAxis_ = new QValueAxis;
  xAxis_->setTitleText(tr("epoch"));
  xAxis_->setLabelFormat("%d");
  yAxis_ = new QLogValueAxis;
  yAxis_->setLabelFormat("%.2g");
  yAxis_->setTitleText(tr("RMSE"));
  chart_->addAxis(xAxis_, Qt::AlignBottom);
  chart_->addAxis(yAxis_, Qt::AlignLeft);
  for (QLineSeries* s : {trainRmse_, testRmse_, lreg_}) {
    chart_->addSeries(s);
    s->attachAxis(xAxis_);
    s->attachAxis(yAxis_);
  }
  auto* chartView = new QChartView(chart_);
  chartView->setRenderHint(QPainter::Antialiasing);
  chartView->setMinimumHeight(150);

  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(plot_);
  split->addWidget(chartView);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setChildrenCollapsible(false);

  auto* title = new QLabel(tr("<b>MLP of equal size</b>"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(title);
  layout->addLayout(buttons);
  layout->addWidget(explanation_);
  layout->addWidget(conversion_);
  layout->addWidget(split, 1);

  connect(train_, &QPushButton::clicked, this,
          [this] { training_ ? emit cancelRequested() : emit trainRequested(); });
  connect(convert_, &QPushButton::clicked, this, &MlpPanel::convertRequested);
}

int MlpPanel::epochs() const {
  return epochs_->value();
}

void MlpPanel::setEpochs(int epochs) {
  epochs_->setValue(epochs);
}

void MlpPanel::setExplanation(const QString& text) {
  explanation_->setText(text);
  train_->setToolTip(text);
  explanation_->setToolTip(text);
}

void MlpPanel::setTraining(bool training, int epochsPlanned) {
  training_ = training;
  train_->setText(training ? tr("Cancel") : tr("Train MLP"));
  epochs_->setEnabled(!training);
  progress_->setVisible(training);
  if (training) {
    planned_ = std::max(1, epochsPlanned);
    progress_->setRange(0, epochsPlanned);
    progress_->setValue(0);
    convert_->setEnabled(false);
  }
}

void MlpPanel::setConvertible(bool on) {
  convert_->setEnabled(on && !training_);
}

void MlpPanel::setCurve(const std::vector<MlpEpoch>& curve, double lregTestRmse) {
  QList<QPointF> tr, te;
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  auto include = [&](double v) {
    if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (const MlpEpoch& e : curve) {
    tr.append(QPointF(e.epoch, e.trainRmse));
    include(e.trainRmse);
    if (std::isfinite(e.testRmse)) {
      te.append(QPointF(e.epoch, e.testRmse));
      include(e.testRmse);
    }
  }
  trainRmse_->replace(tr);
  testRmse_->replace(te);
  const int lastEpoch = std::max(planned_, curve.empty() ? 1 : curve.back().epoch);
  if (std::isfinite(lregTestRmse) && lregTestRmse > 0) {
    lreg_->replace({QPointF(0, lregTestRmse), QPointF(lastEpoch, lregTestRmse)});
    include(lregTestRmse);
  } else {
    lreg_->clear();
  }
  if (!curve.empty()) progress_->setValue(curve.back().epoch);
  xAxis_->setRange(0, lastEpoch);
  if (hi > 0) {
    yAxis_->setRange(std::pow(10.0, std::floor(std::log10(lo))),
                     std::pow(10.0, std::ceil(std::log10(hi * 1.0001))));
  }
}

void MlpPanel::setConversionText(const QString& text) {
  conversion_->setText(text);
}

QString MlpPanel::conversionText() const {
  return conversion_->text();
}

int MlpPanel::curvePoints() const {
  return int(trainRmse_->count());
}

}  // namespace lreg::studio
