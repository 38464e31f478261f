// The 1D data pass on a GPU: the sorted samples live on the device for the whole fit; each
// mesh uploads its D nodes and interval starts and gets back the interval sums (Moments1D).
#pragma once

#include <memory>
#include <vector>

#include "core/mesh1d.h"
#include "core/moments1d.h"
#include "core/samples1d.h"

namespace lreg {

class CudaMoments1D {
 public:
  /// Uploads the samples; throws Error when CUDA is unavailable or outputs > kMaxOutputs.
  explicit CudaMoments1D(const Samples1D& samples);
  ~CudaMoments1D();
  CudaMoments1D(const CudaMoments1D&) = delete;
  CudaMoments1D& operator=(const CudaMoments1D&) = delete;

  Moments1D compute(const Mesh1D& mesh, const std::vector<long>& start) const;

  static constexpr int kMaxOutputs = 8;

 private:
  struct Device;
  std::unique_ptr<Device> device_;
  long samples_ = 0;
  int outputs_ = 1;
};

}  // namespace lreg
