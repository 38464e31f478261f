// The 1D data passes on a GPU: the sorted samples live on the device for the whole fit; each
// mesh uploads its D nodes and interval starts and gets back the interval sums (Moments1D), or
// its coefficients and a shuffled order and gets back the hard-sample counts (the paper's
// indicator). The per-sample math is core/hat.h, shared with the CPU passes.
#pragma once

#include <memory>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include "1d/adam1d.h"
#include "1d/moments1d.h"
#include "1d/samples1d.h"

namespace lreg::detail {

class CudaSamples1D {
 public:
  /// Uploads the samples; throws Error when CUDA is unavailable or outputs > kMaxOutputs.
  explicit CudaSamples1D(const Samples1D& samples);
  ~CudaSamples1D();
  CudaSamples1D(const CudaSamples1D&) = delete;
  CudaSamples1D& operator=(const CudaSamples1D&) = delete;

  Moments1D compute(const Mesh1D& mesh, const std::vector<long>& start) const;
  /// Per interval: how often its samples were among the k largest squared residuals of a batch
  /// (batches: consecutive `batch` entries of `order`); cell[n] is sample n's interval. The
  /// same counts as the CPU's countTopK up to ties that round-off decides.
  Vector hardSampleCounts(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const std::vector<int>& cell, const std::vector<long>& order, int batch,
                          int k) const;

  /// Algorithm 2's epochs on the device, the same math and batch order as trainAdam1D (the
  /// same generator calls): updates the coefficients and Adam's state, adds hard-sample counts
  /// into `counts`, returns the mean loss of the last epoch. Throws unless adamFits().
  double trainAdam(const Mesh1D& mesh, RowMatrix& coefficients, const std::vector<int>& cell,
                   const MrcOptions& options, AdamState& state, Random& rng, Vector& counts) const;
  /// Whether a mesh of D nodes, C outputs and batches of `batch` fit one block's shared memory.
  static bool adamFits(int D, int C, int batch);

  static constexpr int kMaxOutputs = 8;
  static constexpr int kMaxBatch = 1024;  ///< one thread per sample of a batch

  /// Device time of the last compute()'s kernel, without the transfers around it (the
  /// benchmarks' bandwidth figure).
  double lastKernelSeconds() const { return kernelSeconds_; }

 private:
  mutable double kernelSeconds_ = 0;
  static size_t adamSharedBytes(int D, int C, int batch);
  struct Device;
  std::unique_ptr<Device> device_;
  long samples_ = 0;
  int outputs_ = 1;
};

}  // namespace lreg::detail
