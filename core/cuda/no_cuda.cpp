// Built when the CUDA backend is not compiled in: the status says so and nothing else runs.
#include <lreg/base/error.h>
#include <lreg/engine/backend.h>
#include "cuda/cuda_moments_nd.h"
#include "cuda/cuda_samples1d.h"
#include "cuda/device_bandwidth.h"

namespace lreg {

CudaStatus queryCuda() {
  CudaStatus s;
  s.reason = "built without CUDA (nvcc not found or LREG_ENABLE_CUDA=OFF)";
  return s;
}

}  // namespace lreg

namespace lreg::detail {

double deviceReadBandwidth(size_t) {
  throw Error("built without CUDA");
}

struct CudaSamples1D::Device {};

CudaSamples1D::CudaSamples1D(const Samples1D&) {
  throw Error("built without CUDA");
}
CudaSamples1D::~CudaSamples1D() = default;
Moments1D CudaSamples1D::compute(const Mesh1D&, const std::vector<long>&) const {
  throw Error("built without CUDA");
}
double CudaSamples1D::trainAdam(const Mesh1D&, RowMatrix&, const std::vector<int>&,
                                const MrcOptions&, AdamState&, Random&, Vector&) const {
  throw Error("built without CUDA");
}
bool CudaSamples1D::adamFits(int, int, int) {
  return false;
}
Vector CudaSamples1D::hardSampleCounts(const Mesh1D&, const RowMatrix&, const std::vector<int>&,
                                       const std::vector<long>&, int, int) const {
  throw Error("built without CUDA");
}

struct CudaMomentsND::Device {};

CudaMomentsND::CudaMomentsND(const RowMatrix&, const RowMatrix&) {
  throw Error("built without CUDA");
}
CudaMomentsND::~CudaMomentsND() = default;
MomentsND CudaMomentsND::compute(const SimplexMesh&, const SimplexLocator&,
                                 const std::vector<int>&) const {
  throw Error("built without CUDA");
}

Vector CudaMomentsND::hardSampleCounts(const SimplexMesh&, const SimplexLocator&, const RowMatrix&,
                                       const std::vector<int>&, const std::vector<long>&, int,
                                       int) const {
  throw Error("built without CUDA");
}

}  // namespace lreg::detail
