#include "app/studio/frame_pacer.h"

#include <algorithm>

namespace lreg::studio {
namespace {

constexpr int kFrameMs = 33;  // at most ~30 frames per second

}  // namespace

FramePacer::FramePacer(std::function<void()> draw, QObject* parent)
    : QObject(parent), draw_(std::move(draw)) {
  timer_.setSingleShot(true);
  connect(&timer_, &QTimer::timeout, this, &FramePacer::draw);
  sinceFrame_.start();
}

void FramePacer::schedule() {
  if (timer_.isActive()) return;  // a frame is due: it will draw the newest state
  const qint64 interval = std::max<qint64>(kFrameMs, qint64(2 * lastFrameMs_));
  timer_.start(std::max<qint64>(0, interval - sinceFrame_.elapsed()));
}

void FramePacer::drawNow() {
  timer_.stop();
  draw();
}

void FramePacer::draw() {
  sinceFrame_.restart();
  QElapsedTimer clock;
  clock.start();
  draw_();
  // The frame's cost includes the repaint it scheduled: a call posted now runs after that
  // repaint (posted events keep their order).
  QMetaObject::invokeMethod(
      this, [this, clock] { lastFrameMs_ = clock.nsecsElapsed() / 1e6; }, Qt::QueuedConnection);
}

}  // namespace lreg::studio
