// The transport: Run/Pause, Step (one MRC iteration), Sub-step (one phase), Reset, the run's
// pace, and the phase strip train → (polish →) refine → interpolate → coarsen → reindex with
// the sub-step just done highlighted; polish shows only where the loop moves nodes (2D least
// squares). Shortcuts: Space run/pause, N step, S sub-step, R reset.
#pragma once

#include <QStringList>
#include <QToolBar>

#include <vector>

#include <lreg/engine/phase.h>

class QAction;
class QComboBox;
class QLabel;

namespace lreg::studio {

class TransportBar : public QToolBar {
  Q_OBJECT

 public:
  explicit TransportBar(QWidget* parent = nullptr);

  QAction* runPauseAction() const { return runPause_; }
  QAction* stepAction() const { return step_; }
  QAction* subStepAction() const { return subStep_; }
  QAction* resetAction() const { return reset_; }
  /// Milliseconds between sub-steps while running.
  int pace() const;
  /// Selects the pace closest to `milliseconds` (without emitting paceChanged).
  void setPace(int milliseconds);

  void setRunning(bool running);
  /// Highlights `done` (the sub-step just finished) and names the next one on Sub-step; the
  /// polish sub-step shows only when the loop `polishes`.
  void setPhase(Phase done, int iteration, bool polishes);
  void setEngineReady(bool ready);
  /// The name of the highlighted phase ("initial", "train", ...), as shown.
  QString phaseText() const { return phaseText_; }
  /// The sub-steps the strip shows, in order ("train", "polish", "refine", ...).
  QStringList stripPhases() const;

 signals:
  void runPauseTriggered();
  void stepTriggered();
  void subStepTriggered();
  void resetTriggered();
  void paceChanged(int milliseconds);

 private:
  QAction* runPause_;
  QAction* step_;
  QAction* subStep_;
  QAction* reset_;
  QComboBox* pace_;
  QLabel* iteration_;
  std::vector<QLabel*> phases_;  // Train .. Reindex
  QLabel* polishArrow_ = nullptr;
  QString phaseText_;
  Phase shownPhase_ = Phase::Initial;
  int shownIteration_ = -1;
  bool shownPolishes_ = true;
};

}  // namespace lreg::studio
