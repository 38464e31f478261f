#include "app/studio/mailbox.h"

#include <QPointer>

namespace lreg::studio {

Mailbox::Mailbox(QObject* parent) : QObject(parent) {}

Mailbox::~Mailbox() {
  // Orders the destruction after the last post() (its wake-up reads this object under the lock).
  std::lock_guard lock(mutex_);
}

void Mailbox::post(std::function<void()> call) {
  std::lock_guard lock(mutex_);
  const bool wake = calls_.empty();  // otherwise a wake-up is pending and will find this call
  calls_.push_back(std::move(call));
  if (wake) QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

void Mailbox::deliver() {
  std::deque<std::function<void()>> calls;
  {
    std::lock_guard lock(mutex_);
    calls.swap(calls_);
  }
  const QPointer<Mailbox> alive(this);  // a call may end the mailbox's owner
  for (auto& call : calls) {
    if (!alive) return;
    call();
  }
}

}  // namespace lreg::studio
