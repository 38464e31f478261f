// Micro-benchmarks: the memory-bandwidth probe first, then the data passes the MRC loop runs,
// so that bytes/s of each pass read as a fraction of what the machine can stream.
//   build/bench/micro/lreg_micro_bench --benchmark_counters_tabular=true
//   On a loaded machine read the CPU column instead of the time: the probe and the passes measure
//   the CPU time of the whole process (all threads), so bytes / CPU time is the rate per busy core.
#include <benchmark/benchmark.h>

#include <numeric>
#include <vector>

#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/model/model_io.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/moments1d.h"
#include "1d/samples1d.h"
#include "base/lanes.h"
#include "engine/full_passes.h"
#include "engine/hard_samples.h"
#include "simplicial/moments_nd.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

// Runs a benchmark with the thread count of its last argument (0: all), restoring it after.
struct Threads {
  explicit Threads(int n) { setThreadCount(n); }
  ~Threads() { setThreadCount(0); }
};

// The sum of n doubles with sixteen independent accumulators (four groups of lanes, AVX2 where
// the CPU has it, as the passes use): the adds are not one dependent chain, so memory bounds it.
LREG_VECTOR_CLONES double streamSum(const double* a, size_t n) {
  Lanes acc[4] = {};
  size_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int k = 0; k < 4; ++k) acc[k] += loadLanes(a + i + 4 * k);
  double sum = 0;
  for (; i < n; ++i) sum += a[i];
  for (const Lanes& v : acc) sum += (v[0] + v[1]) + (v[2] + v[3]);
  return sum;
}

// Sums a 512 MiB array (more than the last-level cache) on every thread the data passes use:
// the streaming read bandwidth every data pass is bounded by.
void MemoryBandwidth(benchmark::State& state) {
  const Threads threads(int(state.range(0)));
  std::vector<double> a(size_t(64) << 20, 1.0);
  for (auto _ : state) {
    std::vector<double> sums(size_t(threadCount()), 0.0);
    parallelFor(threadCount(), [&](long t0, long t1) {
      for (long t = t0; t < t1; ++t) {
        const size_t b = a.size() * size_t(t) / sums.size(),
                     e = a.size() * size_t(t + 1) / sums.size();
        sums[size_t(t)] = streamSum(a.data() + b, e - b);
      }
    });
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(a.size() * sizeof(double)));
}
BENCHMARK(MemoryBandwidth)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

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
  const Threads threads(int(state.range(1)));
  const Samples1D s = sortedSamples(state.range(0));
  const Mesh1D mesh = Mesh1D::uniform(1024);
  const std::vector<long> start = s.intervalStarts(mesh);
  for (auto _ : state) benchmark::DoNotOptimize(Moments1D::compute(mesh, s, start));
  state.SetBytesProcessed(int64_t(state.iterations()) * state.range(0) * 2 *
                          int64_t(sizeof(double)));
}
// 4 10^7 points (640 MB) are more than the last-level cache holds (300 MB here).
BENCHMARK(Moments1DPass)
    ->ArgsProduct({{10'000, 1'000'000, 10'000'000, 40'000'000}, {0}})
    ->Args({40'000'000, 1})
    ->Args({40'000'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// Sorting the samples by x once per fit (the bucket sort straight into the unit domain).
void Sort1D(benchmark::State& state) {
  const long n = state.range(0);
  Random r(3);
  RowMatrix X(n, 1), Y(n, 1);
  for (long i = 0; i < n; ++i) {
    X(i, 0) = r.uniform(-2, 5);
    Y(i, 0) = r.normal();
  }
  for (auto _ : state) benchmark::DoNotOptimize(Samples1D::sorted(X, Y, -2.0, 1.0 / 7.0));
  state.SetBytesProcessed(int64_t(state.iterations()) * n * 2 * int64_t(sizeof(double)));
}
BENCHMARK(Sort1D)
    ->RangeMultiplier(10)
    ->Range(10'000, 10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The paper's indicator: squared residuals in shuffled batches of 256, the 16 largest counted.
void HardSampleCounting(benchmark::State& state) {
  const Samples1D s = sortedSamples(state.range(0));
  const Mesh1D mesh = Mesh1D::uniform(1024);
  const std::vector<long> start = s.intervalStarts(mesh);
  const RowMatrix c = RowMatrix::Zero(mesh.size(), 1);
  const std::vector<int> cell = Samples1D::intervalOfEach(start);
  std::vector<long> order(s.size());
  std::iota(order.begin(), order.end(), 0L);
  Random(4).shuffle(order);
  for (auto _ : state)
    benchmark::DoNotOptimize(hardSampleCounts1D(mesh, c, s, cell, order, 256, 16));
  state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(HardSampleCounting)
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

// The same sums as one fused pass (each sample located and added to its simplex's record, no
// per-sample coordinates stored): the pass over every sample after the loop, in memory or
// streamed from .npy.
void Locate2DFusedPass(benchmark::State& state) {
  const Threads threads(int(state.range(1)));
  const long n = state.range(0);
  Random r(2);
  auto data = std::make_shared<Dataset>();
  data->X.resize(n, 2);
  data->Y.resize(n, 1);
  for (long i = 0; i < n; ++i) {
    data->X(i, 0) = r.uniform();
    data->X(i, 1) = r.uniform();
    data->Y(i, 0) = std::sin(6 * data->X(i, 0)) * std::cos(4 * data->X(i, 1));
  }
  Normalizer unit;
  unit.lo = Vector::Zero(2);
  unit.hi = Vector::Ones(2);
  const auto passes = makeFullPasses(memorySource(*data, 0, data), unit, serialCommunicator());
  const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 32);
  const SimplexLocator locator(mesh);
  for (auto _ : state) benchmark::DoNotOptimize(passes->moments(mesh, locator));
  state.SetBytesProcessed(int64_t(state.iterations()) * n * 3 * int64_t(sizeof(double)));
}
BENCHMARK(Locate2DFusedPass)
    ->ArgsProduct({{100'000, 1'000'000, 10'000'000, 40'000'000}, {0}})
    ->Args({40'000'000, 1})
    ->Args({40'000'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
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

// A 1D model file of D nodes (random 17-digit coordinates and coefficients): written, then read
// back (nlohmann-json's SAX parser under our Json value). Bytes/s of the file text.
Model randomModel1D(int D) {
  Model m;
  m.normalizer.lo = Vector::Constant(1, 0.0);
  m.normalizer.hi = Vector::Constant(1, 1.0);
  m.nodes.resize(D, 1);
  m.simplices.resize(D - 1, 2);
  m.coefficients.resize(D, 1);
  Random rng(4);
  for (int i = 0; i < D; ++i) {
    m.nodes(i, 0) = i == 0 ? 0.0 : i == D - 1 ? 1.0 : (i + rng.uniform(-0.4, 0.4)) / (D - 1);
    m.coefficients(i, 0) = rng.uniform(-3, 3);
  }
  for (int i = 0; i + 1 < D; ++i) m.simplices.row(i) << i, i + 1;
  return m;
}

void ModelFileWrite(benchmark::State& state) {
  const Model m = randomModel1D(int(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) bytes += modelToJson(m).size();
  state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(ModelFileWrite)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void ModelFileRead(benchmark::State& state) {
  const std::string text = modelToJson(randomModel1D(int(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(modelFromJson(text, "bench.json"));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(ModelFileRead)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
