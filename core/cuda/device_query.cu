// CUDA device detection: never fails, reports why no GPU is usable.
#include <cuda_runtime.h>

#include <lreg/engine/backend.h>

namespace lreg {

CudaStatus queryCuda() {
  CudaStatus s;
  s.compiled = true;
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    s.reason = std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err);
    cudaGetLastError();  // clear the sticky error
    return s;
  }
  if (count == 0) {
    s.reason = "no CUDA device present";
    return s;
  }
  cudaDeviceProp prop;
  if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess) s.name = prop.name;
  s.devices = count;
  return s;
}

}  // namespace lreg
