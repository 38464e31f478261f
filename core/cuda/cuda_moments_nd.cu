#include <cuda_runtime.h>

#include <string>

#include <lreg/base/error.h>
#include <lreg/simplicial/barycentric.h>
#include "cuda/block_sum.cuh"
#include "cuda/cuda_moments_nd.h"
#include "cuda/device_buffer.cuh"

namespace lreg::detail {
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
    clampToSimplex<Dim>(lambda);  // as the CPU locator does
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

// One block per batch of the shuffled order, one thread per sample: its loss from the basis of
// its simplex (the CPU's coordinates, recomputed from the frame), then its rank in the batch as
// in the CPU's countTopK; the k first add one to their simplex (exact in any order).
template <int Dim>
__global__ void topKCountsND(const double* U, const double* Y, int C, const double* frames,
                             const int* simplices, const double* coef, const int* simplex,
                             const long* order, long samples, int batch, int k, double* counts) {
  constexpr int V = Dim + 1;
  extern __shared__ double losses[];
  const long first = long(blockIdx.x) * batch;
  const int n = int(min(long(batch), samples - first)), b = threadIdx.x;
  if (b < n) {
    const long s = order[first + b];
    const int t = simplex[s];
    double lambda[V];
    barycentric<Dim>(frames + size_t(t) * V * V, U + s * Dim, lambda);
    clampToSimplex<Dim>(lambda);
    double loss = 0;
    for (int c = 0; c < C; ++c) {
      double r = -Y[s * C + c];
      for (int a = 0; a < V; ++a) r += lambda[a] * coef[size_t(simplices[t * V + a]) * C + c];
      loss += r * r;
    }
    losses[b] = loss;
  }
  __syncthreads();
  if (b >= n) return;
  int rank = 0;
  for (int o = 0; o < n; ++o) rank += losses[o] > losses[b] || (losses[o] == losses[b] && o < b);
  if (rank < k) atomicAdd(&counts[simplex[order[first + b]]], 1.0);
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
  KernelTimer timer;
  timer.start();
  if (dim_ == 2)
    launch<2>(C, device_->U.p, device_->Y.p, frames.p, start.p, order.p, nt, out.p);
  else
    launch<3>(C, device_->U.p, device_->Y.p, frames.p, start.p, order.p, nt, out.p);
  kernelSeconds_ = timer.stop();
  cudaCheck(cudaGetLastError(), "kernel launch");
  std::vector<double> host(size_t(nt) * Q);
  out.download(host.data(), host.size());
  MomentsND m = MomentsND::zero(dim_, C, nt);
  for (int t = 0; t < nt; ++t) {
    const double* r = &host[size_t(t) * Q];
    for (int q = 0; q < V * V; ++q) m.G(t, q) = r[q];
    for (int q = 0; q < V * C; ++q) m.B(t, q) = r[V * V + q];
    m.yy(t) = r[Q - 1];
    m.count(t) = double(buckets.start[t + 1] - buckets.start[t]);
  }
  return m;
}

Vector CudaMomentsND::hardSampleCounts(const SimplexMesh& mesh, const SimplexLocator& locator,
                                       const RowMatrix& coefficients,
                                       const std::vector<int>& simplex,
                                       const std::vector<long>& order, int batch, int k) const {
  if (batch < 1 || batch > kMaxBatch)
    throw Error("the CUDA hard-sample count takes batches of 1 to " + std::to_string(kMaxBatch));
  const int nt = mesh.simplexCount(), V = dim_ + 1;
  const DeviceBuffer<double> frames(locator.frame(0), size_t(nt) * V * V);
  const DeviceBuffer<int> simplices(mesh.simplices.data(), size_t(mesh.simplices.size()));
  const DeviceBuffer<double> coef(coefficients.data(), size_t(coefficients.size()));
  const DeviceBuffer<int> located(simplex.data(), simplex.size());
  const DeviceBuffer<long> shuffled(order.data(), order.size());
  const DeviceBuffer<double> counts(std::vector<double>(size_t(nt), 0.0).data(), size_t(nt));
  const unsigned batches = unsigned((samples_ + batch - 1) / batch);
  const int threads = (batch + 31) / 32 * 32;
  const size_t shared = sizeof(double) * size_t(batch);
  if (dim_ == 2)
    topKCountsND<2><<<batches, threads, shared>>>(device_->U.p, device_->Y.p, outputs_, frames.p,
                                                  simplices.p, coef.p, located.p, shuffled.p,
                                                  samples_, batch, k, counts.p);
  else
    topKCountsND<3><<<batches, threads, shared>>>(device_->U.p, device_->Y.p, outputs_, frames.p,
                                                  simplices.p, coef.p, located.p, shuffled.p,
                                                  samples_, batch, k, counts.p);
  cudaCheck(cudaGetLastError(), "kernel launch");
  Vector host(nt);
  counts.download(host.data(), size_t(nt));
  return host;
}

}  // namespace lreg::detail
