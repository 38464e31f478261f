// The history scrubber under the plot: a slider over every kept snapshot of the run (the
// SnapshotHistory), Play/Pause to animate it, and a label naming the selected snapshot. At the
// slider's end the view is live (it follows new snapshots); anywhere else new snapshots are
// stored but the selection stays where the user put it, also when thinning drops the snapshot
// it pointed at (it moves to the nearest older one kept).
#pragma once

#include <QTimer>
#include <QWidget>

#include <cstdint>

#include "app/studio/snapshot_history.h"
#include "app/studio/studio_metatypes.h"

class QLabel;
class QSlider;
class QToolButton;

namespace lreg::studio {

class HistoryBar : public QWidget {
  Q_OBJECT

 public:
  explicit HistoryBar(const SnapshotHistory& history, QWidget* parent = nullptr);

  /// Call after the history changed (added, thinned or cleared).
  void historyChanged();
  /// True at the slider's end: the view shows the newest snapshot as it arrives.
  bool isLive() const { return live_; }
  int selectedIndex() const;
  /// The selected snapshot (the latest when live; null when the history is empty).
  SnapshotPtr selected() const;
  /// Selects a kept snapshot (the last index makes the view live again).
  void select(int index);
  void goLive();
  bool isPlaying() const { return timer_.isActive(); }
  /// Animates from the selection (from the start when live) to the end, then stops live.
  void play();
  void stop();
  QSlider* slider() const { return slider_; }

 signals:
  /// Another snapshot is selected (by the user, by Play, or by thinning under the selection).
  void selectionChanged();
  void playingChanged(bool playing);

 private:
  void onSliderMoved(int value);
  void onTick();
  void updateLabel();

  const SnapshotHistory& history_;
  QSlider* slider_;
  QToolButton* play_;
  QLabel* label_;
  QTimer timer_;
  bool live_ = true;
  std::uint64_t selectedSequence_ = 0;  // survives thinning, unlike an index
  SnapshotPtr selected_;
  int stride_ = 1;  // Play's step, so a long history plays in a few seconds
};

}  // namespace lreg::studio
