#include "app/studio/scaling_view.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPushButton>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include "app/studio/chart_series.h"
#include "app/studio/exports.h"

namespace lreg::studio {
namespace {

const QColor kMeasured(31, 102, 204);
const QColor kFitted(230, 120, 20);
const QColor kPaper(110, 110, 110);

double decadeBelow(double v) {
  return std::pow(10.0, std::floor(std::log10(v)));
}
double decadeAbove(double v) {
  return std::pow(10.0, std::ceil(std::log10(v)));
}

}  // namespace

ScalingView::ScalingView(const ScalingJob& job, QWidget* parent) : QWidget(parent), job_(job) {
  from_ = new QComboBox;
  to_ = new QComboBox;
  for (int d = 4; d <= 4096; d *= 2) {
    from_->addItem(QString::number(d), d);
    to_->addItem(QString::number(d), d);
  }
  setRange(16, 256);
  run_ = new QPushButton(tr("Run"));
  run_->setToolTip(
      tr("Fit the current data at each node budget (the model panel's settings) "
         "and measure the test MAE"));
  status_ = new QLabel;
  status_->setStyleSheet("color: #444;");
  auto* controls = new QHBoxLayout;
  controls->setContentsMargins(6, 2, 6, 0);
  controls->addWidget(new QLabel(tr("<b>Scaling law</b>  D from")));
  controls->addWidget(from_);
  controls->addWidget(new QLabel(tr("to")));
  controls->addWidget(to_);
  controls->addWidget(run_);
  controls->addSpacing(10);
  controls->addWidget(status_, 1);

  chart_ = new QChart;
  chart_->setMargins(QMargins(4, 4, 4, 4));
  chart_->setBackgroundRoundness(0);
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  measured_ = makeLineSeries(tr("test MAE"), kMeasured, Qt::SolidLine, 2.2);
  dots_ = new QScatterSeries;
  dots_->setColor(kMeasured);
  dots_->setBorderColor(kMeasured);
  dots_->setMarkerSize(8);
  fitted_ = makeLineSeries(tr("fitted slope"), kFitted, Qt::DashLine, 1.8);
  paper_ = makeLineSeries(tr("paper: const·N^(−1/d)"), kPaper, Qt::DotLine, 1.8);
  xAxis_ = new QLogValueAxis;
  xAxis_->setBase(2);
  xAxis_->setLabelFormat("%d");
  xAxis_->setTitleText(tr("degrees of freedom D (nodes)"));
  yAxis_ = new QLogValueAxis;
  yAxis_->setBase(10);
  yAxis_->setLabelFormat("%.2g");
  yAxis_->setMinorTickCount(8);
  yAxis_->setTitleText(tr("test MAE"));
  chart_->addAxis(xAxis_, Qt::AlignBottom);
  chart_->addAxis(yAxis_, Qt::AlignLeft);
  for (QXYSeries* s : std::initializer_list<QXYSeries*>{measured_, dots_, fitted_, paper_}) {
    chart_->addSeries(s);
    s->attachAxis(xAxis_);
    s->attachAxis(yAxis_);
  }
  chart_->legend()->markers(dots_).front()->setVisible(false);  // the line names the points
  view_ = new QChartView(chart_);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumHeight(150);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(controls);
  layout->addWidget(view_, 1);

  connect(run_, &QPushButton::clicked, this, [this] {
    if (job_.isRunning()) {
      emit cancelRequested();
    } else {
      emit runRequested(dofs());
    }
  });
  connect(from_, &QComboBox::currentIndexChanged, this, &ScalingView::rangeChanged);
  connect(to_, &QComboBox::currentIndexChanged, this, &ScalingView::rangeChanged);
  connect(&job_, &ScalingJob::started, this, [this] {
    setRunning(true);
    redraw();
  });
  connect(&job_, &ScalingJob::pointAdded, this, &ScalingView::redraw);
  connect(&job_, &ScalingJob::finished, this, [this] { setRunning(false); });
  redraw();
}

void ScalingView::setRunning(bool running) {
  run_->setText(running ? tr("Cancel") : tr("Run"));
  from_->setEnabled(!running);
  to_->setEnabled(!running);
  if (running && job_.points().empty())
    status_->setText(tr("fitting D = %1 …").arg(job_.dofs().front()));
}

int ScalingView::from() const {
  return from_->currentData().toInt();
}

int ScalingView::to() const {
  return to_->currentData().toInt();
}

void ScalingView::setRange(int from, int to) {
  from_->setCurrentIndex(std::max(0, from_->findData(from)));
  to_->setCurrentIndex(std::max(0, to_->findData(to)));
}

std::vector<int> ScalingView::dofs() const {
  std::vector<int> out;
  const int lo = from_->currentData().toInt(), hi = to_->currentData().toInt();
  for (int d = std::min(lo, hi); d <= std::max(lo, hi); d *= 2) out.push_back(d);
  return out;
}

void ScalingView::redraw() {
  const std::vector<ScalingPoint>& points = job_.points();
  const double slope = job_.slope();
  QList<QPointF> pts;
  for (const ScalingPoint& p : points) pts.append(QPointF(p.dof, std::max(p.test.mae, 1e-300)));
  measured_->replace(pts);
  dots_->replace(pts);
  fitted_->clear();
  paper_->clear();
  const std::vector<int> budgets = job_.isRunning() || !points.empty() ? job_.dofs() : dofs();
  const double xLo = budgets.front(), xHi = std::max(budgets.back(), budgets.front() * 2);
  xAxis_->setRange(xLo / 1.25, xHi * 1.25);
  if (pts.isEmpty()) {
    yAxis_->setRange(1e-3, 1);
    status_->setText(job_.isRunning() ? status_->text()
                                      : tr("Run fits each budget to convergence"));
    return;
  }
  const int d = job_.dim();
  // Both reference lines pass through the geometric centre of the measurements.
  double lx = 0, ly = 0;
  for (const QPointF& p : pts)
    lx += std::log(p.x()) / pts.size(), ly += std::log(p.y()) / pts.size();
  auto through = [&](double k, double x) { return std::exp(ly + k * (std::log(x) - lx)); };
  double yLo = pts.front().y(), yHi = pts.front().y();
  for (const QPointF& p : pts) yLo = std::min(yLo, p.y()), yHi = std::max(yHi, p.y());
  const double ends[] = {pts.front().x(), pts.back().x()};
  if (std::isfinite(slope)) {
    for (double x : ends) fitted_->append(x, through(slope, x));
    fitted_->setName(tr("fitted slope %1").arg(slope, 0, 'f', 2));
  }
  for (double x : ends) {
    paper_->append(x, through(-1.0 / d, x));
    yLo = std::min(yLo, through(-1.0 / d, x));
    yHi = std::max(yHi, through(-1.0 / d, x));
  }
  paper_->setName(tr("paper: const·N^(−1/%1)").arg(d));
  yAxis_->setRange(decadeBelow(yLo), decadeAbove(yHi * 1.0001));
  QString text = tr("%1 of %2 budgets").arg(points.size()).arg(budgets.size());
  if (std::isfinite(slope)) {
    text += tr(" · slope of log(test MAE) vs log(D): %1 (paper −1/d = %2, P1 theory −2/d = %3)")
                .arg(slope, 0, 'f', 2)
                .arg(-1.0 / d, 0, 'f', 2)
                .arg(-2.0 / d, 0, 'f', 2);
  }
  status_->setText(text);
}

void ScalingView::exportFigure(const QString& path, QSize size) {
  const std::string where = path.toStdString();
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == "svg") {
    replaceFileAtomically(where, [&](const std::string& temporary) {
      QSvgGenerator svg;
      svg.setFileName(QString::fromStdString(temporary));
      svg.setSize(view_->size());
      svg.setViewBox(QRect(QPoint(0, 0), view_->size()));
      svg.setTitle(tr("LReg scaling law"));
      QPainter painter;
      if (!painter.begin(&svg)) throw Error(where + ": cannot write the SVG file");
      view_->render(&painter);
      painter.end();
    });
    return;
  }
  if (suffix != "png") throw Error(where + ": the scaling figure is written as .png or .svg");
  QImage image = view_->grab().toImage();
  if (image.isNull()) throw Error(where + ": grabbing the chart failed");
  if (image.size() != size)
    image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  writeImage(image, path);
}

}  // namespace lreg::studio
