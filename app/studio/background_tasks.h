// Short jobs that cost a pass over the data (a model's errors on the loaded data, a mesh
// export's residuals, converting an MLP, writing or reading a session file) on two threads of
// their own, so the UI thread never does them. A task returns a function that then runs on the
// owner's thread with the result (or `failed` gets the error message there). Tasks and results
// travel through std::mutex-guarded queues (not QThreadPool), so ThreadSanitizer sees every
// hand-off (mailbox.h says why).
#pragma once

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/studio/mailbox.h"

namespace lreg::studio {

class BackgroundTasks : public QObject {
  Q_OBJECT

 public:
  /// Runs on the owner's thread once the task is done.
  using Done = std::function<void()>;
  /// Runs on a task thread; returns what to do with its result.
  using Work = std::function<Done()>;
  using Failed = std::function<void(const QString& message)>;

  explicit BackgroundTasks(QObject* parent = nullptr);
  /// Runs the tasks already started to their end; what they return is dropped.
  ~BackgroundTasks() override;

  void run(Work work, Failed failed);
  /// Tasks started and not yet delivered.
  int pending() const { return pending_; }

 private:
  void serve();

  Mailbox inbox_{this};
  int pending_ = 0;  // touched on the owner's thread only

  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace lreg::studio
