// A minimal fork-join helper for the engine's data passes: split [0, n) into contiguous
// chunks and run them on up to threadCount() threads. Chunks write disjoint outputs, so no
// locking is needed and results do not depend on the number of threads.
#pragma once

#include <functional>

namespace lreg {

/// Threads used by parallelFor (default: the hardware's concurrency). 0 restores the default.
void setThreadCount(int threads);
int threadCount();

/// Calls fn(begin, end) on disjoint chunks covering [0, n): min(threadCount(), n / minChunk)
/// chunks with fixed boundaries, run by the caller and a pool of kept threads (the caller runs
/// every chunk no thread has started, so a busy machine never makes it wait for a thread to
/// start). Runs inline when n < minChunk * 2 or one thread is configured. An exception from any
/// chunk is rethrown here once every chunk has finished.
void parallelFor(long n, const std::function<void(long begin, long end)>& fn, long minChunk = 1);

}  // namespace lreg
