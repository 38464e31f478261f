#include <cuda_runtime.h>

#include <string>

#include "core/cuda/block_sum.cuh"
#include "core/cuda/cuda_moments1d.h"
#include "core/error.h"
#include "core/hat.h"

namespace lreg {
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw Error(std::string("CUDA ") + what + ": " + cudaGetErrorString(err));
}

// One block per interval: the block's threads stride over the interval's samples and the
// per-thread sums are reduced in shared memory in a fixed order (deterministic).
// Output row j: aa, ab, bb, yy, then ay[C], by[C].
template <int C>
__global__ void intervalSums(const double* x, const double* y, const double* nodes,
                             const long* start, int intervals, double* out) {
  constexpr int Q = 4 + 2 * C;
  const int j = blockIdx.x;
  if (j >= intervals) return;
  const double left = nodes[j], inv = 1.0 / (nodes[j + 1] - nodes[j]);
  double acc[Q];
  for (int q = 0; q < Q; ++q) acc[q] = 0.0;
  for (long n = start[j] + threadIdx.x; n < start[j + 1]; n += blockDim.x) {
    const double t = hatPosition(x[n], left, inv), a = 1.0 - t;
    acc[0] += a * a;
    acc[1] += a * t;
    acc[2] += t * t;
    for (int k = 0; k < C; ++k) {
      const double v = y[n * C + k];
      acc[3] += v * v;
      acc[4 + k] += a * v;
      acc[4 + C + k] += t * v;
    }
  }
  blockSumToRow<Q>(acc, out, size_t(j));
}

template <int C>
void launch(const double* x, const double* y, const double* nodes, const long* start, int intervals,
            double* out) {
  intervalSums<C><<<intervals, kBlockThreads>>>(x, y, nodes, start, intervals, out);
}

}  // namespace

struct CudaMoments1D::Device {
  double* x = nullptr;
  double* y = nullptr;
  ~Device() {
    cudaFree(x);
    cudaFree(y);
  }
};

CudaMoments1D::CudaMoments1D(const Samples1D& samples)
    : device_(std::make_unique<Device>()), samples_(samples.size()), outputs_(samples.outputs()) {
  if (outputs_ > kMaxOutputs) throw Error("the CUDA backend handles at most 8 outputs");
  check(cudaMalloc(&device_->x, sizeof(double) * samples_), "allocation");
  check(cudaMalloc(&device_->y, sizeof(double) * samples_ * outputs_), "allocation");
  check(cudaMemcpy(device_->x, samples.x.data(), sizeof(double) * samples_, cudaMemcpyHostToDevice),
        "upload");
  check(cudaMemcpy(device_->y, samples.y.data(), sizeof(double) * samples_ * outputs_,
                   cudaMemcpyHostToDevice),
        "upload");
}

CudaMoments1D::~CudaMoments1D() = default;

Moments1D CudaMoments1D::compute(const Mesh1D& mesh, const std::vector<long>& start) const {
  const int M = mesh.intervals(), C = outputs_, Q = 4 + 2 * C;
  double* nodes = nullptr;
  long* starts = nullptr;
  double* out = nullptr;
  check(cudaMalloc(&nodes, sizeof(double) * mesh.size()), "allocation");
  check(cudaMalloc(&starts, sizeof(long) * start.size()), "allocation");
  check(cudaMalloc(&out, sizeof(double) * size_t(M) * Q), "allocation");
  cudaMemcpy(nodes, mesh.nodes().data(), sizeof(double) * mesh.size(), cudaMemcpyHostToDevice);
  cudaMemcpy(starts, start.data(), sizeof(long) * start.size(), cudaMemcpyHostToDevice);
  const double *x = device_->x, *y = device_->y;
  switch (C) {  // the output count is a template argument: the sums live in registers
    case 1:
      launch<1>(x, y, nodes, starts, M, out);
      break;
    case 2:
      launch<2>(x, y, nodes, starts, M, out);
      break;
    case 3:
      launch<3>(x, y, nodes, starts, M, out);
      break;
    case 4:
      launch<4>(x, y, nodes, starts, M, out);
      break;
    case 5:
      launch<5>(x, y, nodes, starts, M, out);
      break;
    case 6:
      launch<6>(x, y, nodes, starts, M, out);
      break;
    case 7:
      launch<7>(x, y, nodes, starts, M, out);
      break;
    default:
      launch<8>(x, y, nodes, starts, M, out);
      break;
  }
  check(cudaGetLastError(), "kernel launch");
  std::vector<double> host(size_t(M) * Q);
  const cudaError_t err =
      cudaMemcpy(host.data(), out, sizeof(double) * host.size(), cudaMemcpyDeviceToHost);
  cudaFree(nodes);
  cudaFree(starts);
  cudaFree(out);
  check(err, "kernel");
  Moments1D m;
  m.aa.resize(M);
  m.ab.resize(M);
  m.bb.resize(M);
  m.yy.resize(M);
  m.count.resize(M);
  m.ay.resize(M, C);
  m.by.resize(M, C);
  for (int j = 0; j < M; ++j) {
    const double* r = &host[size_t(j) * Q];
    m.aa(j) = r[0];
    m.ab(j) = r[1];
    m.bb(j) = r[2];
    m.yy(j) = r[3];
    for (int k = 0; k < C; ++k) {
      m.ay(j, k) = r[4 + k];
      m.by(j, k) = r[4 + C + k];
    }
    m.count(j) = double(start[j + 1] - start[j]);
  }
  return m;
}

}  // namespace lreg
