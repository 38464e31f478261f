// parallelFor on its pool of kept threads: the chunks and their boundaries, exceptions thrown
// in any chunk, nested and concurrent calls, and a call that completes while every pool thread
// is busy elsewhere (the caller runs what nobody has started).
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <lreg/base/parallel.h>

using namespace lreg;

class TestParallel : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { setThreadCount(0); }

  void chunksAreFixedAndCoverTheRange() {
    for (int threads : {1, 2, 3, 7}) {
      setThreadCount(threads);
      for (long n : {0L, 1L, 5L, 1000L}) {
        std::mutex m;
        std::vector<std::pair<long, long>> seen;
        parallelFor(
            n,
            [&](long a, long b) {
              std::lock_guard lock(m);
              seen.emplace_back(a, b);
            },
            2);
        std::sort(seen.begin(), seen.end());
        const long chunks = std::min<long>(threads, std::max(1L, n / 2));
        if (n == 0) {
          QVERIFY(seen.empty());
          continue;
        }
        QCOMPARE(long(seen.size()), chunks);
        for (long c = 0; c < chunks; ++c)
          QCOMPARE(seen[size_t(c)], (std::pair{n * c / chunks, n * (c + 1) / chunks}));
      }
    }
  }

  void anExceptionInAnyChunkReachesTheCaller() {
    setThreadCount(4);
    for (long bad = 0; bad < 4; ++bad) {
      std::atomic<long> ran{0};
      try {
        parallelFor(400, [&](long a, long) {
          ++ran;
          if (a / 100 == bad) throw std::runtime_error("chunk " + std::to_string(bad));
        });
        QFAIL("no exception");
      } catch (const std::runtime_error& e) {
        QCOMPARE(QString(e.what()), QString("chunk %1").arg(bad));
      }
      QCOMPARE(ran.load(), 4L);  // every chunk ran: none was left behind half-done
    }
    long sum = 0;  // and the pool still works
    std::vector<long> part(4, 0);
    parallelFor(4, [&](long a, long b) {
      for (long i = a; i < b; ++i) part[size_t(i)] = i + 1;
    });
    for (long p : part) sum += p;
    QCOMPARE(sum, 10L);
  }

  void nestedAndConcurrentCallsAddUp() {
    setThreadCount(3);
    auto sumTo = [](long n) {
      std::vector<long> part(size_t(threadCount()), 0);
      parallelFor(threadCount(), [&](long t0, long t1) {
        for (long t = t0; t < t1; ++t)
          parallelFor(n, [&, t](long a, long b) {
            // each inner chunk adds its range into the outer chunk's slot, under a lock
            static std::mutex m;
            long s = 0;
            for (long i = a; i < b; ++i) s += i;
            std::lock_guard lock(m);
            part[size_t(t)] += s;
          });
      });
      long total = 0;
      for (long p : part) total += p;
      return total;
    };
    std::vector<std::future<long>> callers;
    for (int k = 0; k < 4; ++k)
      callers.push_back(std::async(std::launch::async, [&] {
        long last = 0;
        for (int r = 0; r < 50; ++r) last = sumTo(1000);
        return last;
      }));
    for (auto& c : callers) QCOMPARE(c.get(), 3L * 999 * 1000 / 2);
  }

  // Many tiny calls from several threads: pool threads wake while callers claim the chunks
  // themselves (a worker that looked twice once found the job used up and crashed).
  void manyTinyCallsFromSeveralThreads() {
    setThreadCount(2);
    std::vector<std::future<long>> callers;
    for (int k = 0; k < 4; ++k)
      callers.push_back(std::async(std::launch::async, [] {
        long total = 0;
        for (int r = 0; r < 20000; ++r) {
          long part[2] = {0, 0};
          parallelFor(2, [&](long a, long) { part[a] = a + 1; });
          total += part[0] + part[1];
        }
        return total;
      }));
    for (auto& c : callers) QCOMPARE(c.get(), 3L * 20000);
  }

  // With two threads, one chunk of a first call blocks; a second call from another thread must
  // still finish (its caller runs the chunks no free thread took) before the block is lifted.
  void aCallFinishesWhileThePoolIsBusy() {
    setThreadCount(2);
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> blocking{false};
    auto first = std::async(std::launch::async, [&] {
      parallelFor(2, [&](long a, long) {
        if (a == 1) {
          blocking = true;
          released.wait();
        }
      });
    });
    QTRY_VERIFY_WITH_TIMEOUT(blocking.load(), 10000);
    auto second = std::async(std::launch::async, [] {
      std::vector<long> v(1000, 0);
      parallelFor(1000, [&](long a, long b) {
        for (long i = a; i < b; ++i) v[size_t(i)] = 1;
      });
      return std::count(v.begin(), v.end(), 1L);
    });
    const bool finished = second.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    release.set_value();
    first.get();
    QVERIFY2(finished, "the second call waited for the busy thread");
    QCOMPARE(second.get(), 1000L);
  }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "test_parallel.moc"
