// Short jobs that cost a pass over the data (a model's errors on the loaded data, a mesh
// export's residuals, converting an MLP, writing or reading a session file) on a small thread
// pool, so the UI thread never does them. A task returns a function that then runs on the
// owner's thread with the result (or `failed` gets the error message there).
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace lreg::studio {

class BackgroundTasks : public QObject {
  Q_OBJECT

 public:
  /// Runs on the owner's thread once the task is done.
  using Done = std::function<void()>;
  /// Runs on a pool thread; returns what to do with its result.
  using Work = std::function<Done()>;
  using Failed = std::function<void(const QString& message)>;

  explicit BackgroundTasks(QObject* parent = nullptr);
  /// Waits for running tasks; what they return is dropped.
  ~BackgroundTasks() override;

  void run(Work work, Failed failed);
  /// Tasks started and not yet delivered.
  int pending() const { return pending_; }

 private:
  QThreadPool pool_;
  int pending_ = 0;  // touched on the owner's thread only
};

}  // namespace lreg::studio
