// Passes over every training sample, for what comes after the MRC loop when the loop placed the
// nodes on a placement sample: the final least-squares refit, the node polish and the training
// errors. Each pass sums over this process's samples (sorted in memory, or a block at a time)
// and then over the processes, so every process gets the same sums.
#pragma once

#include <memory>

#include <lreg/base/communicator.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include <lreg/model/model.h>
#include "1d/moments1d.h"
#include "engine/sample_source.h"
#include "simplicial/moments_nd.h"

namespace lreg::detail {

class FullPasses {
 public:
  virtual ~FullPasses() = default;
  /// 1D: the interval sums of every sample on `mesh`.
  virtual Moments1D moments(const Mesh1D& mesh) const = 0;
  /// 2D/3D: the per-simplex sums of every sample, located with `locator` (of `mesh`).
  virtual MomentsND moments(const SimplexMesh& mesh, const SimplexLocator& locator) const = 0;
  /// The errors of `model` on every sample.
  virtual Metrics metrics(const Model& model) const = 0;
  /// Passes over the data so far (the benchmarks report them).
  long passes() const { return passes_; }

 protected:
  mutable long passes_ = 0;
};

/// The passes over `source` (this process's samples) with the fit's normalizer; the sums are
/// added over `comm`. 1D data in memory is sorted once (a copy); otherwise every pass locates
/// the samples a block at a time (in-memory rows are shared when the source owns them, copied
/// when it borrows them).
std::shared_ptr<const FullPasses> makeFullPasses(std::shared_ptr<const SampleSource> source,
                                                 const Normalizer& normalizer, Communicator& comm);

/// The errors of `model` on every row of `source`, summed over `comm`.
Metrics metricsOf(const Model& model, const SampleSource& source, Communicator& comm);

/// Sums of partial sums over the processes (one collective each).
void reduce(Moments1D& m, Communicator& comm);
void reduce(MomentsND& m, Communicator& comm);
void reduce(MetricSums& s, Communicator& comm);

}  // namespace lreg::detail
