// Micro-benchmarks: the memory-bandwidth probe first, then the data passes the MRC loop runs,
// so that bytes/s of each pass read as a fraction of what the machine can stream.
//   build/bench/micro/lreg_micro_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <numeric>
#include <vector>

#include "core/generators.h"
#include "core/moments1d.h"
#include "core/moments_nd.h"
#include "core/mrc_engine.h"
#include "core/normalizer.h"
#include "core/random.h"
#include "core/samples1d.h"
#include "core/simplex_locator.h"

using namespace lreg;

namespace {

// Sums a 512 MiB array: the streaming read bandwidth every data pass is bounded by.
void MemoryBandwidth(benchmark::State& state) {
  std::vector<double> a(size_t(64) << 20, 1.0);
  for (auto _ : state) {
    double s = std::accumulate(a.begin(), a.end(), 0.0);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(a.size() * sizeof(double)));
}
BENCHMARK(MemoryBandwidth)->Unit(benchmark::kMillisecond)->UseRealTime();

Samples1D sortedSamples(long n) {
  Random r(1);
  RowMatrix U(n, 1), Y(n, 1);
  for (long i = 0; i < n; ++i) {
    U(i, 0) = r.uniform();
    Y(i, 0) = std::sin(40 * U(i, 0)) + 0.3 * std::sin(300 * U(i, 0));
  }
  return Samples1D::sorted(U, Y);
}

// One 1D data pass (basis + assembly): the interval sums for a 1024-node mesh.
void Moments1DPass(benchmark::State& state) {
  const Samples1D s = sortedSamples(state.range(0));
  const Mesh1D mesh = Mesh1D::uniform(1024);
  const std::vector<long> start = s.intervalStarts(mesh);
  for (auto _ : state) benchmark::DoNotOptimize(Moments1D::compute(mesh, s, start));
  state.SetBytesProcessed(int64_t(state.iterations()) * state.range(0) * 2 *
                          int64_t(sizeof(double)));
}
BENCHMARK(Moments1DPass)
    ->RangeMultiplier(10)
    ->Range(10'000, 10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Point location + per-simplex sums on a 2D mesh of about 2000 triangles.
void Locate2DPass(benchmark::State& state) {
  const long n = state.range(0);
  Random r(2);
  RowMatrix U(n, 2), Y(n, 1);
  for (long i = 0; i < n; ++i) {
    U(i, 0) = r.uniform();
    U(i, 1) = r.uniform();
    Y(i, 0) = std::sin(6 * U(i, 0)) * std::cos(4 * U(i, 1));
  }
  const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 32);
  const SimplexLocator locator(mesh);
  for (auto _ : state) {
    const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
    benchmark::DoNotOptimize(MomentsND::compute(mesh, located, Y));
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * n * 3 * int64_t(sizeof(double)));
}
BENCHMARK(Locate2DPass)
    ->RangeMultiplier(10)
    ->Range(10'000, 1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A whole MRC iteration (train, refine, interpolate, coarsen, reindex) on B1-like data.
void MrcIteration1D(benchmark::State& state) {
  const GeneratedData g = generate("B1", 1, {state.range(0), 10, 1.0});
  MrcOptions o;
  o.dof = 256;
  o.device = Device::Cpu;
  auto engine = makeEngine(g.train, nullptr, o);
  engine->step();
  for (auto _ : state) engine->iterate();
  state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(MrcIteration1D)
    ->RangeMultiplier(10)
    ->Range(10'000, 1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void MrcIteration2D(benchmark::State& state) {
  const GeneratedData g = generate("B2", 1, {state.range(0), 10, 1.0});
  MrcOptions o;
  o.dof = 1024;
  auto engine = makeEngine(g.train, nullptr, o);
  engine->step();
  for (auto _ : state) engine->iterate();
  state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(MrcIteration2D)->Arg(50'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
