#include "app/studio/loss_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/studio/chart_series.h"
#include "app/studio/loss_history.h"

namespace lreg::studio {
namespace {

const QColor kTrain(31, 102, 204);     // the plot's fit blue
const QColor kTest(230, 120, 20);      // the plot's error orange
const QColor kReference(26, 150, 60);  // the refine green: the best placement found

QLineSeries* makeSeries(const QString& name, QColor color, Qt::PenStyle style) {
  return makeLineSeries(name, color, style, style == Qt::SolidLine ? 2.2 : 1.6);
}

}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
  chart_ = new QChart;
  chart_->setMargins(QMargins(4, 4, 4, 4));
  chart_->setBackgroundRoundness(0);
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);  // solid vs dashed lines
  trainRmse_ = makeSeries(tr("train RMSE"), kTrain, Qt::SolidLine);
  testRmse_ = makeSeries(tr("test RMSE"), kTest, Qt::SolidLine);
  trainMae_ = makeSeries(tr("train MAE"), kTrain, Qt::DashLine);
  testMae_ = makeSeries(tr("test MAE"), kTest, Qt::DashLine);
  reference_ = makeLineSeries(QString(), kReference, Qt::DashDotLine, 1.8);
  referenceRmse_ = std::numeric_limits<double>::quiet_NaN();
  reference_->setVisible(false);
  best_ = new QScatterSeries;
  best_->setName(tr("best model"));
  best_->setMarkerShape(QScatterSeries::MarkerShapeCircle);
  best_->setMarkerSize(10);
  best_->setColor(Qt::white);
  best_->setBorderColor(QColor(40, 40, 40));
  for (QXYSeries* s : allSeries()) chart_->addSeries(s);
  view_ = new QChartView(chart_);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumHeight(150);

  log_ = new QCheckBox(tr("log scale"));
  r2_ = new QLabel;
  r2_->setStyleSheet("color: #444;");
  auto* title = new QLabel(tr("<b>Loss per iteration</b>"));
  auto* header = new QHBoxLayout;
  header->setContentsMargins(6, 2, 6, 0);
  header->addWidget(title);
  header->addSpacing(12);
  header->addWidget(r2_);
  header->addStretch();
  header->addWidget(log_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(header);
  layout->addWidget(view_, 1);

  connect(log_, &QCheckBox::toggled, this, [this](bool on) {
    rebuildAxes();
    emit logScaleChanged(on);
  });
  rebuildAxes();
}

void LossChart::setLogScale(bool on) {
  log_->setChecked(on);
}

bool LossChart::logScale() const {
  return log_->isChecked();
}

void LossChart::setReference(double rmse, const QString& label) {
  referenceRmse_ = rmse;
  reference_->setName(label);
  reference_->setVisible(true);
  updateRanges();
}

void LossChart::clearReference() {
  referenceRmse_ = std::numeric_limits<double>::quiet_NaN();
  reference_->clear();
  reference_->setName(QString());
  reference_->setVisible(false);
  updateRanges();
}

bool LossChart::hasReference() const {
  return std::isfinite(referenceRmse_);
}

double LossChart::referenceValue() const {
  return referenceRmse_;
}

QString LossChart::referenceLabel() const {
  return hasReference() ? reference_->name() : QString();
}

QList<QXYSeries*> LossChart::allSeries() const {
  return {trainRmse_, testRmse_, trainMae_, testMae_, reference_, best_};
}

QPointF LossChart::bestMarker() const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return best_->count() ? best_->at(0) : QPointF(nan, nan);
}

int LossChart::pointCount() const {
  return int(trainRmse_->count());
}

void LossChart::setHistory(const LossHistory& history) {
  QList<QPointF> tr, te, tm, em;
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  auto include = [&](double v) {
    if (v > 0 && std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  };
  for (const IterationRecord& r : history.records()) {
    tr.append(QPointF(r.iteration, r.train.rmse));
    tm.append(QPointF(r.iteration, r.train.mae));
    include(r.train.rmse);
    include(r.train.mae);
    if (r.hasTest) {
      te.append(QPointF(r.iteration, r.test.rmse));
      em.append(QPointF(r.iteration, r.test.mae));
      include(r.test.rmse);
      include(r.test.mae);
    }
  }
  // The best model is finalised (flipped, polished, refitted): its error may lie below the curves.
  QList<QPointF> best;
  if (!history.empty() && history.last().best.iteration >= 0) {
    const IterationRecord& r = history.last();
    const double v = r.hasTest ? r.best.test.rmse : r.best.train.rmse;
    best.append(QPointF(r.best.iteration, v));
    include(v);
  }
  best_->replace(best);
  trainRmse_->replace(tr);
  testRmse_->replace(te);
  trainMae_->replace(tm);
  testMae_->replace(em);
  const bool hasTest = !te.isEmpty();
  testRmse_->setVisible(hasTest || tr.isEmpty());
  testMae_->setVisible(hasTest || tr.isEmpty());

  if (hi > 0) {
    dataMin_ = lo;
    dataMax_ = hi;
  }
  xMax_ = std::max(1, history.empty() ? 1 : history.last().iteration);
  if (history.empty()) {
    r2_->clear();
  } else {
    const IterationRecord& r = history.last();
    QString text = QStringLiteral("R² train %1").arg(r.train.r2, 0, 'f', 4);
    if (r.hasTest) text += QStringLiteral(" · test %1").arg(r.test.r2, 0, 'f', 4);
    r2_->setText(text);
  }
  updateRanges();
}

void LossChart::rebuildAxes() {
  for (QAbstractAxis* axis : {xAxis_, yAxis_}) {
    if (!axis) continue;
    for (QXYSeries* s : allSeries()) s->detachAxis(axis);
    chart_->removeAxis(axis);
    delete axis;
  }
  auto* x = new QValueAxis;
  x->setTitleText(tr("iteration"));
  x->setLabelFormat("%d");
  x->setTickType(QValueAxis::TicksDynamic);
  x->setTickAnchor(0);
  xAxis_ = x;
  if (log_->isChecked()) {
    auto* y = new QLogValueAxis;
    y->setBase(10);
    y->setLabelFormat("%.3g");
    y->setMinorTickCount(8);
    yAxis_ = y;
  } else {
    auto* y = new QValueAxis;
    y->setLabelFormat("%.3g");
    yAxis_ = y;
  }
  yAxis_->setTitleText(tr("error"));
  chart_->addAxis(xAxis_, Qt::AlignBottom);
  chart_->addAxis(yAxis_, Qt::AlignLeft);
  for (QXYSeries* s : allSeries()) {
    s->attachAxis(xAxis_);
    s->attachAxis(yAxis_);
  }
  updateRanges();
}

void LossChart::updateRanges() {
  // The reference line spans the x range and is kept in the y range.
  yMin_ = dataMin_;
  yMax_ = dataMax_;
  if (hasReference() && referenceRmse_ > 0) {
    yMin_ = std::min(yMin_, referenceRmse_);
    yMax_ = std::max(yMax_, referenceRmse_);
  }
  // About eight x ticks at 1, 2 or 5 times a power of ten (never finer than one iteration).
  auto* x = static_cast<QValueAxis*>(xAxis_);
  const double raw = std::max(1.0, xMax_ / 8.0);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw <= decade       ? decade
                      : raw <= 2 * decade ? 2 * decade
                      : raw <= 5 * decade ? 5 * decade
                                          : 10 * decade;
  x->setTickInterval(step);
  x->setRange(0, std::ceil(xMax_ / step) * step);
  if (hasReference())
    reference_->replace({QPointF(0, referenceRmse_), QPointF(x->max(), referenceRmse_)});
  if (auto* y = qobject_cast<QLogValueAxis*>(yAxis_)) {
    // Whole decades, a hair wider so the end labels (powers of ten) are inside the range.
    y->setRange(0.999 * std::pow(10.0, std::floor(std::log10(yMin_))),
                1.001 * std::pow(10.0, std::ceil(std::log10(yMax_ * 1.0001))));
  } else if (auto* y = qobject_cast<QValueAxis*>(yAxis_)) {
    y->setRange(0, yMax_ * 1.08);
    y->applyNiceNumbers();
  }
}

}  // namespace lreg::studio
