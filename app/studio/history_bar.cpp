#include "app/studio/history_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace lreg::studio {
namespace {

constexpr int kTickMs = 50;       // 20 frames a second
constexpr int kPlayFrames = 200;  // a long history plays in about ten seconds

}  // namespace

HistoryBar::HistoryBar(const SnapshotHistory& history, QWidget* parent)
    : QWidget(parent), history_(history) {
  play_ = new QToolButton;
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  play_->setText(tr("Play"));
  play_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  play_->setToolTip(tr("Animate the run's history from the selected snapshot to the latest"));
  slider_ = new QSlider(Qt::Horizontal);
  slider_->setRange(0, 0);
  slider_->setToolTip(
      tr("Scrub through every snapshot of the run; at the right end the view "
         "follows the loop live"));
  label_ = new QLabel;
  label_->setMinimumWidth(230);
  label_->setStyleSheet("color: #444;");
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 2, 6, 2);
  layout->addWidget(new QLabel(tr("History")));
  layout->addWidget(play_);
  layout->addWidget(slider_, 1);
  layout->addWidget(label_);

  timer_.setInterval(kTickMs);
  connect(&timer_, &QTimer::timeout, this, &HistoryBar::onTick);
  connect(slider_, &QSlider::valueChanged, this, &HistoryBar::onSliderMoved);
  connect(play_, &QToolButton::clicked, this, [this] { isPlaying() ? stop() : play(); });
  historyChanged();
}

int HistoryBar::selectedIndex() const {
  return slider_->value();
}

SnapshotPtr HistoryBar::selected() const {
  if (history_.empty()) return nullptr;
  return live_ ? history_.latest() : selected_;
}

void HistoryBar::historyChanged() {
  const QSignalBlocker block(slider_);
  slider_->setRange(0, std::max(0, history_.size() - 1));
  if (history_.empty()) {
    live_ = true;
    selected_.reset();
    stop();
  } else if (live_) {
    slider_->setValue(slider_->maximum());
  } else {
    const int index = history_.indexAtOrBefore(selectedSequence_);
    slider_->setValue(index);
    if (history_.at(index) != selected_) {
      selected_ = history_.at(index);
      selectedSequence_ = history_.sequence(index);
      emit selectionChanged();
    }
  }
  updateLabel();
}

void HistoryBar::select(int index) {
  slider_->setValue(std::clamp(index, 0, slider_->maximum()));
  onSliderMoved(slider_->value());  // also when the value did not change (e.g. live -> last)
}

void HistoryBar::goLive() {
  stop();
  select(slider_->maximum());
}

void HistoryBar::onSliderMoved(int value) {
  if (history_.empty()) return;
  const bool wasLive = live_;
  const SnapshotPtr before = selected();
  live_ = value >= history_.size() - 1;
  selected_ = history_.at(value);
  selectedSequence_ = history_.sequence(value);
  updateLabel();
  if (selected() != before || live_ != wasLive) emit selectionChanged();
}

void HistoryBar::play() {
  if (history_.size() < 2) return;
  if (live_) select(0);  // at the end: play the whole run again
  stride_ = std::max(1, history_.size() / kPlayFrames);
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
  play_->setText(tr("Pause"));
  timer_.start();
  emit playingChanged(true);
}

void HistoryBar::stop() {
  if (!timer_.isActive()) return;
  timer_.stop();
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  play_->setText(tr("Play"));
  emit playingChanged(false);
}

void HistoryBar::onTick() {
  const int next = std::min(slider_->value() + stride_, slider_->maximum());
  select(next);
  if (next >= slider_->maximum()) stop();
}

void HistoryBar::updateLabel() {
  const SnapshotPtr s = selected();
  if (!s) {
    label_->clear();
    return;
  }
  const QString where = tr("%1 / %2 · iteration %3 · %4")
                            .arg(slider_->value() + 1)
                            .arg(history_.size())
                            .arg(s->iteration)
                            .arg(QString::fromStdString(phaseName(s->phase)));
  label_->setText(live_ ? tr("%1 · live").arg(where) : where);
}

}  // namespace lreg::studio
