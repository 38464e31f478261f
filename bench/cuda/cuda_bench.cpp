// The data passes on the GPU against the CPU, for scripts/gpu-check.sh (no Qt, no Google
// Benchmark: it builds on a machine with only a compiler, CMake and nvcc). For each size: the
// 1D basis + assembly pass (D = 1024) and the 2D per-simplex sums (a 1922-triangle mesh), CPU
// time, GPU time of the whole call and of its kernel, the kernel's bytes/s as a share of the
// GPU's measured read bandwidth, and whether the sums agree; then one whole fit per device.
//   lreg_cuda_bench [--points 10000000,100000000] [--fit-points 10000000]
// Prints a Markdown section on stdout. Without a usable GPU it prints the CPU figures and why.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/moments1d.h"
#include "1d/samples1d.h"
#include "cuda/cuda_moments_nd.h"
#include "cuda/cuda_samples1d.h"
#include "cuda/device_bandwidth.h"
#include "simplicial/moments_nd.h"

using namespace lreg;
using namespace lreg::detail;

namespace {

double seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The best of `runs` timings of f (the first run of a GPU call includes its warm-up).
double best(int runs, const std::function<void()>& f) {
  double b = HUGE_VAL;
  for (int r = 0; r < runs; ++r) b = std::min(b, seconds(f));
  return b;
}

std::vector<long> sizes(const std::string& list) {
  std::vector<long> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) out.push_back(long(std::stod(item)));
  return out;
}

double worstRelative(const RowMatrix& a, const RowMatrix& b) {
  return ((a - b).array().abs() / (a.array().abs() + 1e-300)).maxCoeff();
}

double truth(double x) {
  return std::sin(2 * M_PI * x) + 0.5 * std::sin(12 * M_PI * x) + 0.2 * std::sin(40 * M_PI * x);
}

struct Row {
  std::string pass;
  long points;
  double cpu, gpuCall = 0, gpuKernel = 0, bytes, agreement = 0;
};

void printRow(const Row& r, double gpuBandwidth) {
  std::printf("| %s | %.0e | %.2f ms (%.1f GB/s) |", r.pass.c_str(), double(r.points), 1e3 * r.cpu,
              r.bytes / r.cpu / 1e9);
  if (gpuBandwidth > 0)
    std::printf(" %.3f ms | %.3f ms (%.0f GB/s, %.0f%% of the probe) | %.1fx | %.1e |\n",
                1e3 * r.gpuCall, 1e3 * r.gpuKernel, r.bytes / r.gpuKernel / 1e9,
                100 * r.bytes / r.gpuKernel / gpuBandwidth, r.cpu / r.gpuCall, r.agreement);
  else
    std::printf(" - | - | - | - |\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string points = "10000000,100000000";
  long fitPoints = 10000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--points")
      points = argv[i + 1];
    else if (a == "--fit-points")
      fitPoints = long(std::stod(argv[i + 1]));
    else {
      std::fprintf(stderr, "usage: lreg_cuda_bench [--points N,N...] [--fit-points N]\n");
      return 2;
    }
  }
  const CudaStatus& cuda = cudaStatus();
  const bool gpu = cuda.devices > 0;
  std::printf("## CUDA against the CPU (`lreg_cuda_bench`)\n\n");
  std::printf("CPU: %d threads. GPU: %s.\n", threadCount(),
              gpu ? cuda.name.c_str() : ("none (" + cuda.reason + ")").c_str());
  double bandwidth = 0;
  if (gpu) {
    bandwidth = deviceReadBandwidth(size_t(4) << 30);
    std::printf("GPU read bandwidth probe (4 GiB read once, best of 5): %.0f GB/s.\n",
                bandwidth / 1e9);
  }
  std::printf(
      "\n| pass | points | CPU | GPU call | GPU kernel | CPU / GPU call | max rel. "
      "difference |\n|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  for (const long n : sizes(points)) {
    {  // 1D: sorted samples of the benchmark function, the interval sums of 1024 intervals
      Samples1D s;
      s.x.resize(size_t(n));
      s.y.resize(n, 1);
      parallelFor(n, [&](long a, long b) {
        for (long i = a; i < b; ++i) {
          s.x[size_t(i)] = (double(i) + 0.5) / double(n);
          s.y(i, 0) = truth(s.x[size_t(i)]);
        }
      });
      const Mesh1D mesh = Mesh1D::uniform(1025);
      const std::vector<long> start = s.intervalStarts(mesh);
      Row r{"1D basis + assembly, D = 1024", n, 0, 0, 0, 16.0 * double(n)};
      Moments1D cpu;
      r.cpu = best(3, [&] { cpu = Moments1D::compute(mesh, s, start); });
      if (gpu) {
        const CudaSamples1D device(s);
        Moments1D g;
        r.gpuCall = best(5, [&] { g = device.compute(mesh, start); });
        r.gpuKernel = HUGE_VAL;
        for (int k = 0; k < 5; ++k) {
          g = device.compute(mesh, start);
          r.gpuKernel = std::min(r.gpuKernel, device.lastKernelSeconds());
        }
        r.agreement = std::max({worstRelative(cpu.aa, g.aa), worstRelative(cpu.ab, g.ab),
                                worstRelative(cpu.bb, g.bb), worstRelative(cpu.ay, g.ay),
                                worstRelative(cpu.by, g.by), worstRelative(cpu.yy, g.yy)});
      }
      printRow(r, bandwidth);
      std::fflush(stdout);
    }
    {  // 2D: uniform samples, located on the CPU, the sums of 1922 triangles
      RowMatrix U(n, 2), Y(n, 1);
      parallelFor(64, [&](long a, long b) {
        for (long c = a; c < b; ++c) {
          Random rng(std::uint64_t(c) + 7);
          for (long i = n * c / 64; i < n * (c + 1) / 64; ++i) {
            U(i, 0) = rng.uniform();
            U(i, 1) = rng.uniform();
            Y(i, 0) = std::sin(6 * U(i, 0)) * std::cos(4 * U(i, 1));
          }
        }
      });
      const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 32);
      const SimplexLocator locator(mesh);
      const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
      Row r{"2D per-simplex sums, 1922 triangles", n, 0, 0, 0, 24.0 * double(n)};
      MomentsND cpu;
      r.cpu = best(3, [&] { cpu = MomentsND::compute(mesh, located, Y); });
      if (gpu) {
        const CudaMomentsND device(U, Y);
        MomentsND g;
        r.gpuCall = best(5, [&] { g = device.compute(mesh, locator, located.simplex); });
        r.gpuKernel = HUGE_VAL;
        for (int k = 0; k < 5; ++k) {
          g = device.compute(mesh, locator, located.simplex);
          r.gpuKernel = std::min(r.gpuKernel, device.lastKernelSeconds());
        }
        r.agreement = std::max(
            {worstRelative(cpu.G, g.G), worstRelative(cpu.B, g.B), worstRelative(cpu.yy, g.yy)});
      }
      printRow(r, bandwidth);
      std::fflush(stdout);
    }
  }
  std::printf(
      "\nBytes: 16 per point in 1D (x, y), 24 in 2D (x1, x2, y; the 2D kernel also reads "
      "an 8-byte index per point, and each call uploads the samples' grouping by "
      "simplex, which is in the call time, not in the kernel's).\n");
  if (fitPoints > 0) {
    Dataset data;
    data.X.resize(fitPoints, 1);
    data.Y.resize(fitPoints, 1);
    Random rng(11);
    for (long i = 0; i < fitPoints; ++i) {
      data.X(i, 0) = rng.uniform();
      data.Y(i, 0) = truth(data.X(i, 0));
    }
    data.inputNames = {"x"};
    data.outputNames = {"y"};
    data.source = "bench";
    MrcOptions o;
    o.dof = 1024;
    std::printf(
        "\nWhole fit, %.0e noise-free 1D points, D = 1024 (placement sample, then the "
        "refit on every sample):\n\n| device | seconds | train RMSE |\n|---|---|---|\n",
        double(fitPoints));
    Model cpuModel;
    for (Device device : {Device::Cpu, Device::Cuda}) {
      if (device == Device::Cuda && !gpu) break;
      o.device = device;
      Model m;
      Metrics train;
      const double t = seconds([&] {
        auto engine = makeEngine(data, nullptr, o);
        m = engine->run();
        train = engine->trainingMetrics(m);
      });
      std::printf("| %s | %.2f | %.3e |\n", deviceName(device).c_str(), t, train.rmse);
      if (device == Device::Cpu)
        cpuModel = m;
      else
        std::printf(
            "\nCUDA model against the CPU's: max |node difference| %.1e, max |coefficient "
            "difference| %.1e\n",
            (m.nodes - cpuModel.nodes).cwiseAbs().maxCoeff(),
            (m.coefficients - cpuModel.coefficients).cwiseAbs().maxCoeff());
    }
  }
  return 0;
}
