// The d-D data pass on a GPU (the counterpart of CudaSamples1D): the unit-domain samples live
// on the device for the whole fit; each mesh uploads its per-simplex frames (SimplexLocator)
// and the samples grouped by simplex, and gets back the per-simplex sums (MomentsND). The
// basis (barycentric coordinates) is evaluated on the device with the CPU's barycentric.h.
#pragma once

#include <memory>
#include <vector>

#include "core/moments_nd.h"
#include "core/simplex_locator.h"

namespace lreg {

class CudaMomentsND {
 public:
  /// Uploads U (#N by d, d = 2 or 3) and Y (#N by C); throws Error when CUDA is unavailable
  /// or C > kMaxOutputs.
  CudaMomentsND(const RowMatrix& U, const RowMatrix& Y);
  ~CudaMomentsND();
  CudaMomentsND(const CudaMomentsND&) = delete;
  CudaMomentsND& operator=(const CudaMomentsND&) = delete;

  /// The sums of every simplex of the locator's mesh; `simplex` (#N) is each sample's simplex.
  MomentsND compute(const SimplexMesh& mesh, const SimplexLocator& locator,
                    const std::vector<int>& simplex) const;

  static constexpr int kMaxOutputs = 4;

 private:
  struct Device;
  std::unique_ptr<Device> device_;
  long samples_ = 0;
  int dim_ = 2, outputs_ = 1;
};

}  // namespace lreg
