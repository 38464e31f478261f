// One long computation (MLP training, the scaling experiment) on its own thread, so the UI
// never waits for it and the engine's worker stays free. The work polls a cancel flag and
// hands results to the UI thread with post() (through a Mailbox); errors arrive as
// failed(message).
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <thread>

#include "app/studio/mailbox.h"

namespace lreg::studio {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  using Work = std::function<void(const std::atomic<bool>& cancel)>;

  explicit BackgroundJob(QObject* parent = nullptr);
  /// Cancels a running job and waits for it (its posted results are dropped).
  ~BackgroundJob() override;

  /// Runs `work` on a new thread; false when a job is still running.
  bool start(Work work);
  /// Asks the running job to stop at its next check.
  void cancel() { cancel_ = true; }
  bool isRunning() const { return running_; }
  /// Runs `fn` on this object's thread (the UI), after everything posted before it.
  void post(std::function<void()> fn);

 signals:
  /// The work returned (finished or cancelled); failed() came first if it threw.
  void finished();
  void failed(const QString& message);

 private:
  Mailbox inbox_{this};
  std::thread thread_;
  bool running_ = false;  // touched on this object's thread only
  std::atomic<bool> cancel_{false};
};

}  // namespace lreg::studio
