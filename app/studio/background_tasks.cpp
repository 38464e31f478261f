#include "app/studio/background_tasks.h"

#include <exception>

namespace lreg::studio {

BackgroundTasks::BackgroundTasks(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(2);
}

BackgroundTasks::~BackgroundTasks() {
  pool_.waitForDone();
}

void BackgroundTasks::run(Work work, Failed failed) {
  ++pending_;
  pool_.start([this, work = std::move(work), failed = std::move(failed)] {
    Done done;
    QString message;
    bool ok = true;
    try {
      done = work();
    } catch (const std::exception& e) {
      ok = false;
      message = QString::fromStdString(e.what());
    }
    // Queued to this object: runs on its thread; dropped if it is gone by then.
    QMetaObject::invokeMethod(
        this,
        [this, ok, done = std::move(done), failed, message] {
          --pending_;
          if (!ok) {
            if (failed) failed(message);
          } else if (done) {
            done();
          }
        },
        Qt::QueuedConnection);
  });
}

}  // namespace lreg::studio
