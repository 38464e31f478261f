// Hands calls from any thread to the thread a Mailbox lives on, through a std::mutex-guarded
// queue. Queued signals would do the same, but their hand-off is synchronised inside Qt
// (QMutex's futex fast path), which ThreadSanitizer cannot see since Debian's Qt is not
// instrumented: every object handed over then looks raced. Here the queue's lock orders the
// sender's writes before the receiver's reads, in code TSan checks. The wake-up is a queued
// call by name, so the only object Qt carries between the threads is its own event.
#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <mutex>

namespace lreg::studio {

class Mailbox : public QObject {
  Q_OBJECT

 public:
  explicit Mailbox(QObject* parent = nullptr);
  /// The owner makes sure no thread posts any more (it joined them).
  ~Mailbox() override;
  /// From any thread: `call` runs on this object's thread, after every call posted before it.
  /// Calls still queued when the mailbox is destroyed are dropped.
  void post(std::function<void()> call);

 private:
  Q_INVOKABLE void deliver();

  std::mutex mutex_;
  std::deque<std::function<void()>> calls_;
};

/// Connects `signal` (emitted on any thread) so that fn(arguments...) runs on `to`'s thread,
/// with copies of the signal's arguments carried through the mailbox.
template <typename Sender, typename... Args, typename Fn>
QMetaObject::Connection relay(Sender* sender, void (Sender::*signal)(Args...), Mailbox* to, Fn fn) {
  return QObject::connect(
      sender, signal, to, [to, fn](Args... args) { to->post([fn, args...] { fn(args...); }); },
      Qt::DirectConnection);
}

}  // namespace lreg::studio
