#include "app/studio/status_line.h"

#include <QLabel>
#include <QStatusBar>
#include <QStringList>

#include "app/studio/reference_job.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {
namespace {

QString number(double v) {
  return QString::number(v, 'g', 4);
}

QString duration(double seconds) {
  return seconds < 1 ? QStringLiteral("%1 ms").arg(seconds * 1000, 0, 'f', 1)
                     : QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
}

}  // namespace

StatusLine::StatusLine(QStatusBar* bar, const StudioSession& session)
    : QObject(bar), session_(session) {
  iteration_ = new QLabel;
  phase_ = new QLabel;
  dof_ = new QLabel;
  loss_ = new QLabel;
  time_ = new QLabel;
  reference_ = new QLabel;
  reference_->setStyleSheet("color: #1a963c;");  // the chart's reference line colour
  node_ = new QLabel;
  node_->setStyleSheet("color: #7a2fb0;");
  bar->addWidget(node_, 1);
  for (QLabel* l : {iteration_, phase_, dof_, loss_, time_, reference_}) {
    l->setContentsMargins(6, 0, 6, 0);
    bar->addPermanentWidget(l);
  }
  update();
}

void StatusLine::update() {
  const SnapshotPtr latest = session_.latestSnapshot();
  if (!latest) {
    iteration_->setText(tr("no data"));
    for (QLabel* l : {phase_, dof_, loss_, time_, reference_}) l->clear();
    return;
  }
  const Snapshot& s = *latest;
  const LossHistory& history = session_.history();
  iteration_->setText(tr("Iteration %1").arg(s.iteration));
  phase_->setText(tr("Phase: %1").arg(QString::fromStdString(phaseName(s.phase))));
  dof_->setText(tr("D = %1").arg(s.nodes.rows()));
  QString loss = tr("RMSE %1").arg(number(s.train.rmse));
  if (!history.empty() && history.last().hasTest) {
    loss =
        tr("RMSE train %1 · test %2").arg(number(s.train.rmse), number(history.last().test.rmse));
  }
  if (!history.empty() && history.last().best.iteration >= 0) {
    const BestModelFigures& best = history.last().best;
    loss += tr(" · best model (iteration %1) %2")
                .arg(best.iteration)
                .arg(number(history.last().hasTest ? best.test.rmse : best.train.rmse));
  }
  loss_->setText(loss);
  time_->setText(history.empty() || history.last().iteration == 0
                     ? QString()
                     : tr("%1 / iteration").arg(duration(history.last().seconds)));
  reference_->setText(referenceText(session_));
}

QString StatusLine::bestModelText(const LossHistory& history) {
  if (history.empty() || history.last().best.iteration < 0) return QString();
  const IterationRecord& last = history.last();
  QString text = tr("best model: iteration %1, train RMSE %2")
                     .arg(last.best.iteration)
                     .arg(number(last.best.train.rmse));
  if (last.hasTest) text += tr(", test RMSE %1").arg(number(last.best.test.rmse));
  return text + tr(" (Save Model writes it)");
}

QString StatusLine::referenceText(const StudioSession& session) {
  const ReferenceJob& job = session.reference();
  if (job.isRunning()) return tr("searching the best placement…");
  if (!job.result()) return QString();
  const ReferenceResult& r = *job.result();
  return tr("best model RMSE %1 / best found placement %2 (ratio %3, %4)")
      .arg(number(r.fittedRmse), number(r.referenceRmse), QString::number(r.ratio(), 'f', 3),
           r.onTest ? tr("test") : tr("train"));
}

void StatusLine::setNodeText(const QString& text) {
  node_->setText(text);
}

QString StatusLine::text() const {
  QStringList parts;
  for (QLabel* l : {iteration_, phase_, dof_, loss_, time_, reference_}) {
    if (!l->text().isEmpty()) parts << l->text();
  }
  return parts.join(" | ");
}

}  // namespace lreg::studio
