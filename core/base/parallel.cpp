#include <lreg/base/parallel.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace lreg {
namespace {

std::atomic<int> configured{0};

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
  std::vector<std::thread> workers;
  workers.reserve(chunks - 1);
  for (long t = 1; t < chunks; ++t)
    workers.emplace_back([&, t] { fn(n * t / chunks, n * (t + 1) / chunks); });
  fn(0, n / chunks);
  for (auto& w : workers) w.join();
}

}  // namespace lreg
