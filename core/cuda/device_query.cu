// CUDA device detection: never fails, reports why no GPU is usable.
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <lreg/engine/backend.h>
#include "cuda/device_bandwidth.h"
#include "cuda/device_buffer.cuh"

namespace lreg {

CudaStatus queryCuda() {
  CudaStatus s;
  s.compiled = true;
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    cudaGetLastError();  // clear the sticky error
    // Without the kernel driver the runtime says "driver version is insufficient", which reads
    // as if an update would help: name the plain case.
    if (!std::filesystem::exists("/proc/driver/nvidia/version")) {
      s.reason = "no NVIDIA driver loaded (no GPU on this machine?)";
      return s;
    }
    s.reason = std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err);
    s.noGpu = err == cudaErrorNoDevice;
    return s;
  }
  if (count == 0) {
    s.reason = "no CUDA device present";
    return s;
  }
  s.noGpu = false;
  cudaDeviceProp prop;
  if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess) s.name = prop.name;
  s.devices = count;
  return s;
}

}  // namespace lreg

namespace lreg::detail {
namespace {

// Each thread sums a grid-strided share of the array (16-byte loads); one atomic per block.
__global__ void readEverything(const double2* a, size_t n, double* out) {
  double s = 0;
  for (size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x; i < n;
       i += size_t(gridDim.x) * blockDim.x)
    s += a[i].x + a[i].y;
  __shared__ double partial[256];
  partial[threadIdx.x] = s;
  __syncthreads();
  for (int stride = 128; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(out, partial[0]);
}

}  // namespace

double deviceReadBandwidth(size_t bytes) {
  const size_t n = bytes / sizeof(double2);
  DeviceBuffer<double2> a(n);
  DeviceBuffer<double> out(1);
  cudaCheck(cudaMemset(a.p, 0, n * sizeof(double2)), "memset");
  int device = 0, sms = 1;
  cudaCheck(cudaGetDevice(&device), "device");
  cudaCheck(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device), "attribute");
  double best = HUGE_VAL;
  for (int run = 0; run < 6; ++run) {  // the first run warms up
    KernelTimer timer;
    timer.start();
    readEverything<<<unsigned(sms * 8), 256>>>(a.p, n, out.p);
    cudaCheck(cudaGetLastError(), "kernel launch");
    const double seconds = timer.stop();
    if (run > 0) best = std::min(best, seconds);
  }
  return double(n * sizeof(double2)) / best;
}

}  // namespace lreg::detail
