// Small CUDA runtime helpers shared by the kernels' host code: errors as lreg::Error, and a
// device buffer freed when it goes out of scope.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include <lreg/base/error.h>

namespace lreg::detail {

inline void cudaCheck(cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw Error(std::string("CUDA ") + what + ": " + cudaGetErrorString(err));
}

template <class T>
struct DeviceBuffer {
  T* p = nullptr;
  explicit DeviceBuffer(size_t n) {
    cudaCheck(cudaMalloc(&p, sizeof(T) * (n ? n : 1)), "allocation");
  }
  DeviceBuffer(const T* host, size_t n) : DeviceBuffer(n) {
    cudaCheck(cudaMemcpy(p, host, sizeof(T) * n, cudaMemcpyHostToDevice), "upload");
  }
  ~DeviceBuffer() { cudaFree(p); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  /// Copies n values back to the host.
  void download(T* host, size_t n) const {
    cudaCheck(cudaMemcpy(host, p, sizeof(T) * n, cudaMemcpyDeviceToHost), "kernel");
  }
};

/// Device time between start() and stop() (CUDA events on the default stream).
struct KernelTimer {
  cudaEvent_t begin{}, end{};
  KernelTimer() {
    cudaCheck(cudaEventCreate(&begin), "event");
    cudaCheck(cudaEventCreate(&end), "event");
  }
  ~KernelTimer() {
    cudaEventDestroy(begin);
    cudaEventDestroy(end);
  }
  KernelTimer(const KernelTimer&) = delete;
  KernelTimer& operator=(const KernelTimer&) = delete;
  void start() { cudaCheck(cudaEventRecord(begin), "event"); }
  /// Waits for the kernels in between and returns their time in seconds.
  double stop() {
    cudaCheck(cudaEventRecord(end), "event");
    cudaCheck(cudaEventSynchronize(end), "kernel");
    float ms = 0;
    cudaCheck(cudaEventElapsedTime(&ms, begin, end), "event");
    return 1e-3 * double(ms);
  }
};

}  // namespace lreg::detail
