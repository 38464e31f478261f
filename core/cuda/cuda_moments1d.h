// The 1D data passes on a GPU: the sorted samples live on the device for the whole fit; each
// mesh uploads its D nodes and interval starts and gets back the interval sums (Moments1D), or
// its coefficients and a shuffled order and gets back the hard-sample counts (the paper's
// indicator). The per-sample math is core/hat.h, shared with the CPU passes.
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
  /// Per interval: how often its samples were among the k largest squared residuals of a batch
  /// (batches: consecutive `batch` entries of `order`); cell[n] is sample n's interval. The
  /// same counts as the CPU's countTopK up to ties that round-off decides.
  Vector hardSampleCounts(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const std::vector<int>& cell, const std::vector<long>& order, int batch,
                          int k) const;

  static constexpr int kMaxOutputs = 8;
  static constexpr int kMaxBatch = 1024;  ///< one thread per sample of a batch

 private:
  struct Device;
  std::unique_ptr<Device> device_;
  long samples_ = 0;
  int outputs_ = 1;
};

}  // namespace lreg
