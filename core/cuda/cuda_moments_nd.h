// The d-D data pass on a GPU (the counterpart of CudaSamples1D): the unit-domain samples live
// on the device for the whole fit; each mesh uploads its per-simplex frames (SimplexLocator)
// and the samples grouped by simplex, and gets back the per-simplex sums (MomentsND) or the
// paper's hard-sample counts. The basis (barycentric coordinates) is evaluated on the device
// with the CPU's barycentric.h.
#pragma once

#include <memory>
#include <vector>

#include <lreg/simplicial/simplex_locator.h>
#include "simplicial/moments_nd.h"

namespace lreg::detail {

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

  /// The paper's indicator (#n_t counts): squared residuals in batches of `batch` consecutive
  /// entries of `order`, the k largest of each counted for their simplex. The same counts as
  /// hardSampleCountsSimplicial up to ties that round-off decides.
  Vector hardSampleCounts(const SimplexMesh& mesh, const SimplexLocator& locator,
                          const RowMatrix& coefficients, const std::vector<int>& simplex,
                          const std::vector<long>& order, int batch, int k) const;

  static constexpr int kMaxOutputs = 4;
  static constexpr int kMaxBatch = 1024;  ///< one thread per sample of a batch

  /// Device time of the last compute()'s kernel, without the transfers around it (the
  /// benchmarks' bandwidth figure).
  double lastKernelSeconds() const { return kernelSeconds_; }

 private:
  mutable double kernelSeconds_ = 0;
  struct Device;
  std::unique_ptr<Device> device_;
  long samples_ = 0;
  int dim_ = 2, outputs_ = 1;
};

}  // namespace lreg::detail
