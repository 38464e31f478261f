#include <cuda_runtime.h>

#include <string>

#include "core/barycentric.h"
#include "core/cuda/block_sum.cuh"
#include "core/cuda/cuda_moments_nd.h"
#include "core/cuda/device_buffer.cuh"
#include "core/error.h"

namespace lreg {
namespace {

// One block per simplex: threads stride over its samples, evaluate the barycentric basis from
// the simplex's frame, and the per-thread sums are reduced in shared memory in a fixed order
// (deterministic). Output row t: G ((d+1)^2), B ((d+1) C), yy.
template <int Dim, int C>
__global__ void simplexSums(const double* U, const double* Y, const double* frames,
                            const long* start, const long* order, int simplices, double* out) {
  constexpr int V = Dim + 1, Q = V * V + V * C + 1;
  const int t = blockIdx.x;
  if (t >= simplices) return;
  const double* S = frames + size_t(t) * V * V;
  double acc[Q];
  for (int q = 0; q < Q; ++q) acc[q] = 0.0;
  for (long i = start[t] + threadIdx.x; i < start[t + 1]; i += blockDim.x) {
    const long n = order[i];
    double lambda[V];
    barycentric<Dim>(S, U + n * Dim, lambda);
    double sum = 0;  // clamp and renormalise as the CPU locator does
    for (int a = 0; a < V; ++a) sum += (lambda[a] = lambda[a] > 0 ? lambda[a] : 0.0);
    for (int a = 0; a < V; ++a) lambda[a] /= sum;
    for (int a = 0; a < V; ++a) {
      for (int b = 0; b < V; ++b) acc[a * V + b] += lambda[a] * lambda[b];
      for (int k = 0; k < C; ++k) acc[V * V + a * C + k] += lambda[a] * Y[n * C + k];
    }
    for (int k = 0; k < C; ++k) acc[Q - 1] += Y[n * C + k] * Y[n * C + k];
  }
  blockSumToRow<Q>(acc, out, size_t(t));
}

template <int Dim>
void launch(int C, const double* U, const double* Y, const double* frames, const long* start,
            const long* order, int simplices, double* out) {
  switch (C) {  // the output count is a template argument: the sums live in registers
    case 1:
      simplexSums<Dim, 1><<<simplices, kBlockThreads>>>(U, Y, frames, start, order, simplices, out);
      break;
    case 2:
      simplexSums<Dim, 2><<<simplices, kBlockThreads>>>(U, Y, frames, start, order, simplices, out);
      break;
    case 3:
      simplexSums<Dim, 3><<<simplices, kBlockThreads>>>(U, Y, frames, start, order, simplices, out);
      break;
    default:
      simplexSums<Dim, 4><<<simplices, kBlockThreads>>>(U, Y, frames, start, order, simplices, out);
      break;
  }
}

}  // namespace

struct CudaMomentsND::Device {
  DeviceBuffer<double> U, Y;
  Device(const RowMatrix& u, const RowMatrix& y)
      : U(u.data(), size_t(u.size())), Y(y.data(), size_t(y.size())) {}
};

CudaMomentsND::CudaMomentsND(const RowMatrix& U, const RowMatrix& Y)
    : samples_(U.rows()), dim_(int(U.cols())), outputs_(int(Y.cols())) {
  if (outputs_ > kMaxOutputs)
    throw Error("the CUDA backend handles at most " + std::to_string(kMaxOutputs) +
                " outputs in 2D/3D");
  if (dim_ != 2 && dim_ != 3) throw Error("CudaMomentsND: 2 or 3 input dimensions");
  device_ = std::make_unique<Device>(U, Y);
}

CudaMomentsND::~CudaMomentsND() = default;

MomentsND CudaMomentsND::compute(const SimplexMesh& mesh, const SimplexLocator& locator,
                                 const std::vector<int>& simplex) const {
  const int nt = mesh.simplexCount(), V = dim_ + 1, C = outputs_, Q = V * V + V * C + 1;
  const SimplexBuckets buckets(simplex, nt);
  const DeviceBuffer<double> frames(locator.frame(0), size_t(nt) * V * V);
  const DeviceBuffer<long> start(buckets.start.data(), buckets.start.size());
  const DeviceBuffer<long> order(buckets.order.data(), buckets.order.size());
  DeviceBuffer<double> out(size_t(nt) * Q);
  if (dim_ == 2)
    launch<2>(C, device_->U.p, device_->Y.p, frames.p, start.p, order.p, nt, out.p);
  else
    launch<3>(C, device_->U.p, device_->Y.p, frames.p, start.p, order.p, nt, out.p);
  cudaCheck(cudaGetLastError(), "kernel launch");
  std::vector<double> host(size_t(nt) * Q);
  out.download(host.data(), host.size());
  MomentsND m;
  m.dim = dim_;
  m.outputs = C;
  m.G.resize(nt, V * V);
  m.B.resize(nt, V * C);
  m.yy.resize(nt);
  m.count.resize(nt);
  for (int t = 0; t < nt; ++t) {
    const double* r = &host[size_t(t) * Q];
    for (int q = 0; q < V * V; ++q) m.G(t, q) = r[q];
    for (int q = 0; q < V * C; ++q) m.B(t, q) = r[V * V + q];
    m.yy(t) = r[Q - 1];
    m.count(t) = double(buckets.start[t + 1] - buckets.start[t]);
  }
  return m;
}

}  // namespace lreg
