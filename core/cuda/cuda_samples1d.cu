#include <cuda_runtime.h>

#include <numeric>
#include <string>
#include <type_traits>

#include <lreg/base/error.h>
#include "1d/hat.h"
#include "cuda/block_sum.cuh"
#include "cuda/cuda_samples1d.h"
#include "cuda/device_buffer.cuh"
#include "engine/loss.h"

namespace lreg::detail {
namespace {

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

// One block per batch of the shuffled order, one thread per sample: each thread computes its
// sample's loss, then its rank in the batch (larger loss first, ties by position: the CPU's
// countTopK order), and the k first add one to their interval. Increments of 1 are exact, so
// the atomic additions give the same counts in any order.
__global__ void topKCounts(const double* x, const double* y, int C, const double* nodes,
                           const double* coef, const int* cell, const long* order, long samples,
                           int batch, int k, double* counts) {
  extern __shared__ double losses[];
  const long first = long(blockIdx.x) * batch;
  const int n = int(min(long(batch), samples - first)), b = threadIdx.x;
  if (b < n) {
    const long s = order[first + b];
    const int j = cell[s];
    const double t = hatPosition(x[s], nodes[j], 1.0 / (nodes[j + 1] - nodes[j]));
    losses[b] = hatSquaredResidual(t, coef + size_t(j) * C, coef + size_t(j + 1) * C, y + s * C, C);
  }
  __syncthreads();
  if (b >= n) return;
  int rank = 0;
  for (int o = 0; o < n; ++o) rank += losses[o] > losses[b] || (losses[o] == losses[b] && o < b);
  if (rank < k) atomicAdd(&counts[cell[order[first + b]]], 1.0);
}

// One epoch of Algorithm 2 in one block (the batches are sequential: each updates the
// coefficients the next one sees). Per batch: one thread per sample adds its loss gradient to
// G in shared memory, the threads stride over the nodes for the L1 penalty and the Adam update
// (core/loss.h, the CPU's math), then the batch's k hardest samples are counted as in
// topKCounts. Shared memory: G (#D by C), then the batch's losses.
__global__ void adamEpoch(const double* x, const double* y, int C, const double* nodes, int D,
                          const int* cell, const long* order, long samples, int batch, int k,
                          LossKind loss, double huberDelta, double lambda, double rate, long step,
                          double* coef, double* m, double* v, double* counts, double* epochLoss) {
  extern __shared__ double shared[];
  double* G = shared;
  double* losses = shared + size_t(D) * C;
  const int tid = threadIdx.x, P = D * C;
  double lossSum = 0;
  for (long first = 0; first < samples; first += batch) {
    const int B = int(min(long(batch), samples - first));
    for (int i = tid; i < P; i += blockDim.x) G[i] = 0;
    __syncthreads();
    if (tid < B) {
      const long s = order[first + tid];
      const int j = cell[s];
      const double t = hatPosition(x[s], nodes[j], 1.0 / (nodes[j + 1] - nodes[j]));
      double l = 0;
      for (int o = 0; o < C; ++o) {
        const double r = (1 - t) * coef[j * C + o] + t * coef[(j + 1) * C + o] - y[s * C + o];
        l += lossValue(loss, r, huberDelta);
        const double g = lossDerivative(loss, r, huberDelta) / B;
        atomicAdd(&G[j * C + o], g * (1 - t));
        atomicAdd(&G[(j + 1) * C + o], g * t);
      }
      losses[tid] = l;
      lossSum += l;
    }
    if (lambda > 0)
      for (int idx = tid; idx < (D - 2) * C; idx += blockDim.x) {
        const int i = 1 + idx / C, o = idx % C;
        const double sg = secondDifferenceSign(coef[(i - 1) * C + o], coef[i * C + o],
                                               coef[(i + 1) * C + o], lambda);
        atomicAdd(&G[i * C + o], sg);
        atomicAdd(&G[(i - 1) * C + o], -0.5 * sg);
        atomicAdd(&G[(i + 1) * C + o], -0.5 * sg);
      }
    __syncthreads();
    ++step;
    const double c1 = 1 - pow(kAdamBeta1, double(step)), c2 = 1 - pow(kAdamBeta2, double(step));
    for (int i = tid; i < P; i += blockDim.x) adamStep(coef[i], m[i], v[i], G[i], rate, c1, c2);
    if (tid < B) {
      int rank = 0;
      for (int o = 0; o < B; ++o)
        rank += losses[o] > losses[tid] || (losses[o] == losses[tid] && o < tid);
      if (rank < k) atomicAdd(&counts[cell[order[first + tid]]], 1.0);
    }
    __syncthreads();
  }
  if (lossSum != 0) atomicAdd(epochLoss, lossSum);  // a reported figure: any order will do
}

}  // namespace

struct CudaSamples1D::Device {
  DeviceBuffer<double> x, y;
  explicit Device(const Samples1D& s)
      : x(s.x.data(), s.x.size()), y(s.y.data(), size_t(s.y.size())) {}
};

CudaSamples1D::CudaSamples1D(const Samples1D& samples)
    : samples_(samples.size()), outputs_(samples.outputs()) {
  if (outputs_ > kMaxOutputs) throw Error("the CUDA backend handles at most 8 outputs");
  device_ = std::make_unique<Device>(samples);
}

CudaSamples1D::~CudaSamples1D() = default;

Moments1D CudaSamples1D::compute(const Mesh1D& mesh, const std::vector<long>& start) const {
  const int M = mesh.intervals(), C = outputs_, Q = 4 + 2 * C;
  const DeviceBuffer<double> nodes(mesh.nodes().data(), size_t(mesh.size()));
  const DeviceBuffer<long> starts(start.data(), start.size());
  DeviceBuffer<double> out(size_t(M) * Q);
  const double *x = device_->x.p, *y = device_->y.p;
  KernelTimer timer;
  timer.start();
  auto run = [&](auto outputs) {  // the output count is a template argument: sums in registers
    constexpr int c = decltype(outputs)::value;
    intervalSums<c><<<M, kBlockThreads>>>(x, y, nodes.p, starts.p, M, out.p);
  };
  switch (C) {
    case 1:
      run(std::integral_constant<int, 1>{});
      break;
    case 2:
      run(std::integral_constant<int, 2>{});
      break;
    case 3:
      run(std::integral_constant<int, 3>{});
      break;
    case 4:
      run(std::integral_constant<int, 4>{});
      break;
    case 5:
      run(std::integral_constant<int, 5>{});
      break;
    case 6:
      run(std::integral_constant<int, 6>{});
      break;
    case 7:
      run(std::integral_constant<int, 7>{});
      break;
    default:
      run(std::integral_constant<int, 8>{});
      break;
  }
  kernelSeconds_ = timer.stop();
  cudaCheck(cudaGetLastError(), "kernel launch");
  std::vector<double> host(size_t(M) * Q);
  out.download(host.data(), host.size());
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

Vector CudaSamples1D::hardSampleCounts(const Mesh1D& mesh, const RowMatrix& coefficients,
                                       const std::vector<int>& cell, const std::vector<long>& order,
                                       int batch, int k) const {
  if (batch < 1 || batch > kMaxBatch)
    throw Error("the CUDA hard-sample count takes batches of 1 to " + std::to_string(kMaxBatch));
  const DeviceBuffer<double> nodes(mesh.nodes().data(), size_t(mesh.size()));
  const DeviceBuffer<double> coef(coefficients.data(), size_t(coefficients.size()));
  const DeviceBuffer<int> cells(cell.data(), cell.size());
  const DeviceBuffer<long> shuffled(order.data(), order.size());
  const DeviceBuffer<double> counts(std::vector<double>(mesh.intervals(), 0.0).data(),
                                    size_t(mesh.intervals()));
  const long batches = (samples_ + batch - 1) / batch;
  const int threads = (batch + 31) / 32 * 32;
  topKCounts<<<unsigned(batches), threads, sizeof(double) * batch>>>(
      device_->x.p, device_->y.p, outputs_, nodes.p, coef.p, cells.p, shuffled.p, samples_, batch,
      k, counts.p);
  cudaCheck(cudaGetLastError(), "kernel launch");
  Vector host(mesh.intervals());
  counts.download(host.data(), size_t(host.size()));
  return host;
}

size_t CudaSamples1D::adamSharedBytes(int D, int C, int batch) {
  return sizeof(double) * (size_t(D) * C + batch);
}

bool CudaSamples1D::adamFits(int D, int C, int batch) {
  int device = 0, limit = 0;
  if (cudaGetDevice(&device) != cudaSuccess ||
      cudaDeviceGetAttribute(&limit, cudaDevAttrMaxSharedMemoryPerBlockOptin, device) !=
          cudaSuccess)
    return false;
  return batch >= 1 && batch <= kMaxBatch && adamSharedBytes(D, C, batch) <= size_t(limit);
}

double CudaSamples1D::trainAdam(const Mesh1D& mesh, RowMatrix& coefficients,
                                const std::vector<int>& cell, const MrcOptions& options,
                                AdamState& state, Random& rng, Vector& counts) const {
  const int D = mesh.size(), C = outputs_, batch = options.batchSize;
  if (!adamFits(D, C, batch)) throw Error("the CUDA Adam step does not fit this mesh and batch");
  if (state.m.rows() != D) state.reset(D, C);
  const size_t P = size_t(D) * C, bytes = adamSharedBytes(D, C, batch);
  cudaCheck(
      cudaFuncSetAttribute(adamEpoch, cudaFuncAttributeMaxDynamicSharedMemorySize, int(bytes)),
      "shared memory");
  const DeviceBuffer<double> nodes(mesh.nodes().data(), size_t(D));
  const DeviceBuffer<int> cells(cell.data(), cell.size());
  const DeviceBuffer<double> coef(coefficients.data(), P), m(state.m.data(), P),
      v(state.v.data(), P), hard(counts.data(), size_t(counts.size()));
  DeviceBuffer<long> order{size_t(samples_)};
  DeviceBuffer<double> epochLoss(1);
  std::vector<long> shuffled(samples_);
  std::iota(shuffled.begin(), shuffled.end(), 0L);
  const int threads = (batch + 31) / 32 * 32;
  double lastLoss = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    rng.shuffle(shuffled);  // the CPU's order: the same generator, the same calls
    cudaCheck(cudaMemcpy(order.p, shuffled.data(), sizeof(long) * shuffled.size(),
                         cudaMemcpyHostToDevice),
              "upload");
    cudaCheck(cudaMemset(epochLoss.p, 0, sizeof(double)), "memset");
    adamEpoch<<<1, threads, bytes>>>(device_->x.p, device_->y.p, C, nodes.p, D, cells.p, order.p,
                                     samples_, batch, options.hardPerBatch, options.loss,
                                     options.huberDelta, options.l1Lambda, options.learningRate,
                                     state.step, coef.p, m.p, v.p, hard.p, epochLoss.p);
    cudaCheck(cudaGetLastError(), "kernel launch");
    state.step += (samples_ + batch - 1) / batch;
    epochLoss.download(&lastLoss, 1);
  }
  coef.download(coefficients.data(), P);
  m.download(state.m.data(), P);
  v.download(state.v.data(), P);
  hard.download(counts.data(), size_t(counts.size()));
  return lastLoss / double(samples_);
}

}  // namespace lreg::detail
