#include "app/studio/background_job.h"

#include <QThread>

#include <exception>

namespace lreg::studio {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
  if (!thread_) return;
  cancel_ = true;
  thread_->wait();
  delete thread_;
}

bool BackgroundJob::start(Work work) {
  if (thread_) return false;
  cancel_ = false;
  thread_ = QThread::create([this, work = std::move(work)] {
    try {
      work(cancel_);
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      post([this, message] { emit failed(message); });
    }
  });
  // Queued to this object: runs on the UI thread after every result the work posted.
  connect(
      thread_, &QThread::finished, this,
      [this] {
        thread_->deleteLater();
        thread_ = nullptr;
        emit finished();
      },
      Qt::QueuedConnection);
  thread_->start();
  return true;
}

void BackgroundJob::post(std::function<void()> fn) {
  QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

}  // namespace lreg::studio
