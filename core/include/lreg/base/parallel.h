// A minimal fork-join helper for the engine's data passes: split [0, n) into contiguous
// chunks and run them on up to threadCount() threads. Chunks write disjoint outputs, so no
// locking is needed and results do not depend on the number of threads.
#pragma once

#include <functional>

namespace lreg {

/// Threads used by parallelFor (default: the hardware's concurrency). 0 restores the default.
void setThreadCount(int threads);
int threadCount();

/// Calls fn(begin, end) on disjoint chunks covering [0, n). Runs inline when n < minChunk * 2
/// or one thread is configured.
void parallelFor(long n, const std::function<void(long begin, long end)>& fn, long minChunk = 1);

}  // namespace lreg
