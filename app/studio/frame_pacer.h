// Coalesces redraws: however fast snapshots arrive, a frame is drawn at most ~30 times a second
// and never takes more than about half of the UI thread's time (with software OpenGL one frame
// of a big plot can cost tens of milliseconds). The frame draws whatever is newest then.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace lreg::studio {

class FramePacer : public QObject {
  Q_OBJECT

 public:
  /// `draw` paints one frame (its cost, with the repaint it schedules, spaces the next).
  explicit FramePacer(std::function<void()> draw, QObject* parent = nullptr);

  /// A frame is due: draws it soon (nothing more when one is pending already).
  void schedule();
  /// Draws now instead of at the pending frame.
  void drawNow();
  /// Holds the pending frame back (a caller draws by other means for a while).
  void stop() { timer_.stop(); }

 private:
  void draw();

  std::function<void()> draw_;
  QTimer timer_;
  QElapsedTimer sinceFrame_;
  double lastFrameMs_ = 0;
};

}  // namespace lreg::studio
