#include <lreg/base/parallel.h>

#include <pthread.h>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lreg {
namespace {

std::atomic<int> configured{0};

// One parallelFor call: its chunks are claimed one at a time, by the caller and by whichever
// pool threads are free. Chunk boundaries depend only on n and the chunk count, never on who
// runs a chunk, so results stay independent of scheduling.
struct Job {
  const std::function<void(long, long)>* fn;
  long n, chunks;
  std::atomic<long> next{0};  // the next chunk to claim
  std::mutex mutex;
  std::condition_variable finished;
  long done = 0;  // chunks finished (under mutex)
  std::exception_ptr error;

  // Runs chunks until none is left to claim; true when it ran the last one to finish.
  void work() {
    for (long c; (c = next.fetch_add(1)) < chunks;) {
      std::exception_ptr failure;
      try {
        (*fn)(n * c / chunks, n * (c + 1) / chunks);
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard lock(mutex);
      if (failure && !error) error = failure;
      if (++done == chunks) finished.notify_all();
    }
  }
};

// Threads kept between calls: creating and joining threads in every call cost more than the
// loop's small passes, and on a busy machine a new thread may wait milliseconds for a core
// while the caller waits for it. Here the caller never waits for a thread that has not started
// a chunk: it runs every chunk nobody has claimed itself.
class Pool {
 public:
  static Pool& instance() {
    // Never destroyed: threads may still wait in it at exit. A forked child (Python's
    // multiprocessing) has none of the parent's threads and maybe a held lock: a new pool.
    static std::once_flag once;
    std::call_once(once, [] {
      current_ = new Pool;
      pthread_atfork(nullptr, nullptr, [] { current_ = new Pool; });
    });
    return *current_;
  }

  void run(const std::shared_ptr<Job>& job) {
    {
      std::lock_guard lock(mutex_);
      while (long(threads_.size()) < job->chunks - 1) threads_.emplace_back([this] { serve(); });
      jobs_.push_back(job);
    }
    wake_.notify_all();
    job->work();
    {
      std::lock_guard lock(mutex_);
      jobs_.erase(std::remove(jobs_.begin(), jobs_.end(), job), jobs_.end());
    }
    std::unique_lock lock(job->mutex);
    job->finished.wait(lock, [&] { return job->done == job->chunks; });
    if (job->error) std::rethrow_exception(job->error);
  }

 private:
  void serve() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        // One look per wake-up: callers claim chunks without the lock, so a second look could
        // find the job used up.
        wake_.wait(lock, [&] { return (job = pending()) != nullptr; });
      }
      job->work();
    }
  }
  // A posted job with chunks left to claim (mutex_ held).
  std::shared_ptr<Job> pending() const {
    for (const auto& job : jobs_)
      if (job->next.load() < job->chunks) return job;
    return nullptr;
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> jobs_;
  std::vector<std::thread> threads_;
  static inline Pool* current_ = nullptr;
};

}  // namespace

void setThreadCount(int threads) {
  configured = std::max(0, threads);
}

int threadCount() {
  const int c = configured.load();
  if (c > 0) return c;
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(long n, const std::function<void(long, long)>& fn, long minChunk) {
  const long chunks = std::min<long>(threadCount(), std::max(1L, n / std::max(1L, minChunk)));
  if (chunks <= 1) {
    if (n > 0) fn(0, n);
    return;
  }
  auto job = std::make_shared<Job>();
  job->fn = &fn;
  job->n = n;
  job->chunks = chunks;
  Pool::instance().run(job);
}

}  // namespace lreg
