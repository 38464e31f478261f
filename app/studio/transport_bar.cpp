#include "app/studio/transport_bar.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStyle>

#include <cstdlib>

namespace lreg::studio {
namespace {

const Phase kLoop[] = {Phase::Train,       Phase::Polish,  Phase::Refine,
                       Phase::Interpolate, Phase::Coarsen, Phase::Reindex};
constexpr size_t kPolishIndex = 1;

const char* kIdleStyle = "QLabel { color: #888; padding: 2px 7px; border-radius: 9px; }";
const char* kDoneStyle =
    "QLabel { color: white; background: #1f66cc; padding: 2px 7px; border-radius: 9px; "
    "font-weight: bold; }";
const char* kNextStyle =
    "QLabel { color: #1f66cc; padding: 1px 6px; border: 1px dashed #1f66cc; border-radius: 9px; }";

QAction* makeAction(QWidget* owner, QStyle::StandardPixmap icon, const QString& text,
                    const QKeySequence& key, const QString& tip) {
  auto* a = new QAction(owner->style()->standardIcon(icon), text, owner);
  a->setShortcut(key);
  a->setShortcutContext(Qt::WindowShortcut);
  a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
  return a;
}

}  // namespace

TransportBar::TransportBar(QWidget* parent) : QToolBar(tr("Transport"), parent) {
  setMovable(false);
  setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  runPause_ = makeAction(this, QStyle::SP_MediaPlay, tr("Run"), QKeySequence(Qt::Key_Space),
                         tr("Run the loop until it converges, or pause it"));
  step_ = makeAction(
      this, QStyle::SP_MediaSeekForward, tr("Step"), QKeySequence(Qt::Key_N),
      tr("One MRC iteration: refine, interpolate, coarsen, reindex, train (and polish)"));
  subStep_ = makeAction(this, QStyle::SP_MediaSkipForward, tr("Sub-step"), QKeySequence(Qt::Key_S),
                        tr("One phase of the loop"));
  reset_ = makeAction(this, QStyle::SP_BrowserReload, tr("Reset"), QKeySequence(Qt::Key_R),
                      tr("Start again from the initial mesh"));
  for (QAction* a : {runPause_, step_, subStep_, reset_}) addAction(a);
  connect(runPause_, &QAction::triggered, this, &TransportBar::runPauseTriggered);
  connect(step_, &QAction::triggered, this, &TransportBar::stepTriggered);
  connect(subStep_, &QAction::triggered, this, &TransportBar::subStepTriggered);
  connect(reset_, &QAction::triggered, this, &TransportBar::resetTriggered);

  pace_ = new QComboBox;
  pace_->addItem(tr("fastest"), 0);
  pace_->addItem(tr("fast"), 15);
  pace_->addItem(tr("watchable"), 60);
  pace_->addItem(tr("slow"), 250);
  pace_->setCurrentIndex(2);
  pace_->setToolTip(tr("Pause between sub-steps while running"));
  connect(pace_, &QComboBox::currentIndexChanged, this, [this] { emit paceChanged(pace()); });
  addSeparator();
  addWidget(new QLabel(tr(" Pace ")));
  addWidget(pace_);
  addSeparator();

  // The phase strip.
  auto* strip = new QWidget;
  auto* layout = new QHBoxLayout(strip);
  layout->setContentsMargins(8, 0, 8, 0);
  layout->setSpacing(2);
  iteration_ = new QLabel;
  iteration_->setMinimumWidth(110);
  layout->addWidget(iteration_);
  for (Phase p : kLoop) {
    if (!phases_.empty()) {
      auto* arrow = new QLabel(QStringLiteral("→"));
      arrow->setStyleSheet("color: #aaa;");
      layout->addWidget(arrow);
      if (p == Phase::Polish) polishArrow_ = arrow;
    }
    auto* label = new QLabel(QString::fromStdString(phaseName(p)));
    label->setStyleSheet(kIdleStyle);
    phases_.push_back(label);
    layout->addWidget(label);
  }
  addWidget(strip);
  setEngineReady(false);
  setPhase(Phase::Initial, 0, false);
}

void TransportBar::setPace(int milliseconds) {
  int best = 0;
  for (int i = 1; i < pace_->count(); ++i) {
    if (std::abs(pace_->itemData(i).toInt() - milliseconds) <
        std::abs(pace_->itemData(best).toInt() - milliseconds))
      best = i;
  }
  const QSignalBlocker block(pace_);
  pace_->setCurrentIndex(best);
}

int TransportBar::pace() const {
  return pace_->currentData().toInt();
}

void TransportBar::setRunning(bool running) {
  runPause_->setText(running ? tr("Pause") : tr("Run"));
  runPause_->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void TransportBar::setPhase(Phase done, int iteration, bool polishes) {
  if (shownPhase_ == done && shownIteration_ == iteration && shownPolishes_ == polishes)
    return;  // style sheets cost
  shownPhase_ = done;
  shownIteration_ = iteration;
  if (shownPolishes_ != polishes) {
    phases_[kPolishIndex]->setVisible(polishes);
    polishArrow_->setVisible(polishes);
    shownPolishes_ = polishes;
  }
  phaseText_ = QString::fromStdString(phaseName(done));
  iteration_->setText(tr("Iteration %1").arg(iteration));
  const Phase next = nextPhase(done, polishes);
  for (size_t i = 0; i < phases_.size(); ++i) {
    const Phase p = kLoop[i];
    phases_[i]->setStyleSheet(p == done ? kDoneStyle : p == next ? kNextStyle : kIdleStyle);
    phases_[i]->setToolTip(p == done   ? tr("just done")
                           : p == next ? tr("next sub-step")
                                       : QString());
  }
  subStep_->setText(tr("Sub-step → %1").arg(QString::fromStdString(phaseName(next))));
}

QStringList TransportBar::stripPhases() const {
  QStringList names;
  for (size_t i = 0; i < phases_.size(); ++i)
    if (i != kPolishIndex || shownPolishes_) names << phases_[i]->text();
  return names;
}

void TransportBar::setEngineReady(bool ready) {
  for (QAction* a : {runPause_, step_, subStep_, reset_}) a->setEnabled(ready);
}

}  // namespace lreg::studio
