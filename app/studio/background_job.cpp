#include "app/studio/background_job.h"

#include <exception>

namespace lreg::studio {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

bool BackgroundJob::start(Work work) {
  if (running_) return false;
  if (thread_.joinable()) thread_.join();  // a job that ended, its finished() still queued
  cancel_ = false;
  running_ = true;
  thread_ = std::thread([this, work = std::move(work)] {
    try {
      work(cancel_);
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      post([this, message] { emit failed(message); });
    }
    // The last call posted: it runs after every result the work posted.
    post([this] {
      running_ = false;
      emit finished();
    });
  });
  return true;
}

void BackgroundJob::post(std::function<void()> fn) {
  inbox_.post(std::move(fn));
}

}  // namespace lreg::studio
