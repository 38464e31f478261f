// The CUDA data passes, hard-sample counts, Adam epochs and whole fits against the CPU ones.
// Built without Qt (tests/cuda/checks.h) so that scripts/gpu-check.sh can build and run it on a
// GPU machine with nothing but a compiler, CMake and nvcc; without a usable GPU it says why and
// CTest reports it skipped.
#include <numeric>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/adam1d.h"
#include "1d/least_squares1d.h"
#include "1d/moments1d.h"
#include "1d/samples1d.h"
#include "checks.h"
#include "cuda/cuda_moments_nd.h"
#include "cuda/cuda_samples1d.h"
#include "engine/hard_samples.h"
#include "simplicial/moments_nd.h"

using namespace lreg;
using namespace lreg::detail;  // white-box: the engine's internals

namespace {

// The training set of a generator, sorted in the unit domain as the 1D engine keeps it.
Samples1D unitSamples(const GeneratedData& g) {
  return Samples1D::sorted(Normalizer::fit(g.train.X).toUnit(g.train.X), g.train.Y);
}

std::vector<long> shuffled(long n, std::uint64_t seed) {
  std::vector<long> order(n);
  std::iota(order.begin(), order.end(), 0L);
  Random(seed).shuffle(order);
  return order;
}

void cudaMomentsMatchTheCpu() {
  const GeneratedData g = generate("C", 1, {200000, 10, 1.0});
  const Samples1D s = unitSamples(g);
  const Mesh1D mesh = Mesh1D::uniform(257);
  const std::vector<long> start = s.intervalStarts(mesh);
  const Moments1D cpu = Moments1D::compute(mesh, s, start);
  const Moments1D gpu = CudaSamples1D(s).compute(mesh, start);
  auto close = [](const auto& a, const auto& b) {
    return ((a - b).array().abs() <= 1e-9 * (a.array().abs() + 1e-300)).all();
  };
  CHECK(close(cpu.aa, gpu.aa) && close(cpu.ab, gpu.ab) && close(cpu.bb, gpu.bb));
  CHECK(close(cpu.ay, gpu.ay) && close(cpu.by, gpu.by) && close(cpu.yy, gpu.yy));
}

void cudaHardSampleCountsMatchTheCpu() {
  const GeneratedData g = generate("B1", 1, {100000, 10, 1.0});
  const Samples1D s = unitSamples(g);
  const Mesh1D mesh = Mesh1D::uniform(65);
  const std::vector<long> start = s.intervalStarts(mesh);
  const RowMatrix c = solveLeastSquares1D(mesh, Moments1D::compute(mesh, s, start), 0.0);
  const std::vector<int> cell = Samples1D::intervalOfEach(start);
  const std::vector<long> order = shuffled(s.size(), 3);
  const Vector cpu = hardSampleCounts1D(mesh, c, s, cell, order, 256, 16);
  const Vector gpu = CudaSamples1D(s).hardSampleCounts(mesh, c, cell, order, 256, 16);
  CHECK(gpu.sum() == cpu.sum());                            // k per full batch, exactly
  CHECK((gpu - cpu).cwiseAbs().sum() <= 0.01 * cpu.sum());  // ties decided by round-off
}

void cudaAdamMatchesTheCpu() {
  const GeneratedData g = generate("C", 1, {20000, 10, 1.0});
  const Samples1D s = unitSamples(g);
  const Mesh1D mesh = Mesh1D::uniform(65);
  const std::vector<long> start = s.intervalStarts(mesh);
  const std::vector<int> cell = Samples1D::intervalOfEach(start);
  MrcOptions o{.fit = FitMethod::Adam};
  o.l1Lambda = 1e-4;  // the penalty's path too
  RowMatrix cpu = RowMatrix::Zero(mesh.size(), 1), gpu = cpu;
  AdamState cpuState, gpuState;
  Random cpuRng(5), gpuRng(5);
  Vector cpuCounts = Vector::Zero(mesh.intervals()), gpuCounts = cpuCounts;
  const double cpuLoss = trainAdam1D(mesh, cpu, s, cell, o, cpuState, cpuRng, cpuCounts);
  const double gpuLoss =
      CudaSamples1D(s).trainAdam(mesh, gpu, cell, o, gpuState, gpuRng, gpuCounts);
  CHECK(gpuState.step == cpuState.step);
  CHECK((cpu - gpu).cwiseAbs().maxCoeff() < 1e-6);  // shared-memory sums in another order
  CHECK(std::abs(cpuLoss - gpuLoss) < 1e-6 * (1 + cpuLoss));
  CHECK(gpuCounts.sum() == cpuCounts.sum());
  CHECK((gpuCounts - cpuCounts).cwiseAbs().sum() <= 0.01 * cpuCounts.sum());
  CHECK(gpuRng.next() == cpuRng.next());  // the same generator calls
}

void cudaSimplexMomentsMatchTheCpu() {
  for (int d : {2, 3}) {
    const GeneratedData g = generate(d == 2 ? "appc4" : "A2", 2, {100000, 10, 1.0});
    RowMatrix U = Normalizer::fit(g.train.X).toUnit(g.train.X);
    if (d == 3) {  // a third input column from the first two
      U.conservativeResize(Eigen::NoChange, 3);
      U.col(2) = (U.col(0) + U.col(1)) / 2;
    }
    const SimplexMesh mesh = SimplexMesh::kuhnGrid(d, 9);
    const SimplexLocator locator(mesh);
    const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
    const MomentsND cpu = MomentsND::compute(mesh, located, g.train.Y);
    const MomentsND gpu = CudaMomentsND(U, g.train.Y).compute(mesh, locator, located.simplex);
    auto close = [](const auto& a, const auto& b) {
      return ((a - b).array().abs() <= 1e-9 * (a.array().abs() + 1e-12)).all();
    };
    CHECK(close(cpu.G, gpu.G) && close(cpu.B, gpu.B) && close(cpu.yy, gpu.yy));
    CHECK(gpu.count == cpu.count);
  }
}

void cudaSimplexHardSampleCountsMatchTheCpu() {
  const GeneratedData g = generate("B2", 2, {50000, 10, 1.0});
  const RowMatrix U = Normalizer::fit(g.train.X).toUnit(g.train.X);
  const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 17);
  const SimplexLocator locator(mesh);
  const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
  const RowMatrix c = solveLeastSquaresND(mesh, MomentsND::compute(mesh, located, g.train.Y), 0.0);
  const std::vector<long> order = shuffled(U.rows(), 9);
  const Vector cpu = hardSampleCountsSimplicial(mesh, c, located, g.train.Y, order, 256, 16);
  const Vector gpu = CudaMomentsND(U, g.train.Y)
                         .hardSampleCounts(mesh, locator, c, located.simplex, order, 256, 16);
  CHECK(gpu.sum() == cpu.sum());
  CHECK((gpu - cpu).cwiseAbs().sum() <= 0.01 * cpu.sum());
}

// Fits `train` with `o` on the CPU and on the GPU: the two give the same model (to rounding).
// Returns the CPU's.
Model fitOnBothAgree(const Dataset& train, MrcOptions o) {
  o.device = Device::Cpu;
  const Model cpu = makeEngine(train, nullptr, o)->run();
  o.device = Device::Cuda;
  const Model gpu = makeEngine(train, nullptr, o)->run();
  CHECK(gpu.nodes.rows() == cpu.nodes.rows());
  CHECK((cpu.nodes - gpu.nodes).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((cpu.coefficients - gpu.coefficients).cwiseAbs().maxCoeff() < 1e-9);
  return cpu;
}

void cudaAndCpuSimplicialFitsAgree() {
  MrcOptions o{.dof = 256, .iterations = 6};
  fitOnBothAgree(generate("B2", 2, {20000, 10, 1.0}).train, o);
}

void cudaAndCpuFitsAgree() {
  MrcOptions o{.dof = 64, .iterations = 10};
  fitOnBothAgree(generate("appc3", 1).train, o);
}

// The loop on a placement sample with its passes on the GPU, the final refit on every sample.
void cudaAndCpuPlacementFitsAgree() {
  MrcOptions o{.dof = 32, .iterations = 6, .placementSamples = 1000};
  const Model cpu = fitOnBothAgree(generate("appc3", 2, {200000, 10, 1.0}).train, o);
  CHECK(cpu.training.at("placement_samples") == "2048");
}

}  // namespace

int main() {
  const CudaStatus& cuda = cudaStatus();
  return checks::run(
      "TestCudaBackend",
      {
          {"cudaMomentsMatchTheCpu", cudaMomentsMatchTheCpu},
          {"cudaHardSampleCountsMatchTheCpu", cudaHardSampleCountsMatchTheCpu},
          {"cudaAdamMatchesTheCpu", cudaAdamMatchesTheCpu},
          {"cudaSimplexMomentsMatchTheCpu", cudaSimplexMomentsMatchTheCpu},
          {"cudaSimplexHardSampleCountsMatchTheCpu", cudaSimplexHardSampleCountsMatchTheCpu},
          {"cudaAndCpuSimplicialFitsAgree", cudaAndCpuSimplicialFitsAgree},
          {"cudaAndCpuFitsAgree", cudaAndCpuFitsAgree},
          {"cudaAndCpuPlacementFitsAgree", cudaAndCpuPlacementFitsAgree},
      },
      cuda.devices > 0 ? "" : "no usable CUDA device: " + cuda.reason);
}
