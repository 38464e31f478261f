#include "app/studio/background_tasks.h"

#include <exception>

namespace lreg::studio {

BackgroundTasks::BackgroundTasks(QObject* parent) : QObject(parent) {
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { serve(); });
}

BackgroundTasks::~BackgroundTasks() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void BackgroundTasks::serve() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every task started has run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void BackgroundTasks::run(Work work, Failed failed) {
  ++pending_;
  auto task = [this, work = std::move(work), failed = std::move(failed)] {
    Done done;
    QString message;
    bool ok = true;
    try {
      done = work();
    } catch (const std::exception& e) {
      ok = false;
      message = QString::fromStdString(e.what());
    }
    // Runs on the owner's thread; dropped if this object is gone by then.
    inbox_.post([this, ok, done = std::move(done), failed, message] {
      --pending_;
      if (!ok) {
        if (failed) failed(message);
      } else if (done) {
        done();
      }
    });
  };
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
}

}  // namespace lreg::studio
