#include "simplicial/half_nodes.h"

#include "simplicial/mrc_simplicial.h"
#include "simplicial/own_samples.h"

namespace lreg::detail {

bool shortOfSamples(long samples, int dof, int dim) {
  return double(samples) < kSamplesPerNode * dof && dof / 2 >= 4 << dim;
}

Model fitWithHalfTheNodes(const RowMatrix& U, const RowMatrix& Y, const Normalizer& normalizer,
                          const MrcOptions& options, const std::atomic<bool>* cancel) {
  MrcOptions o = options;
  o.dof = options.dof / 2;
  MrcSimplicial loop(ownTrainingSet(U, Y, normalizer, "the fit with half the nodes"), nullptr, o);
  if (cancel) loop.setCancelFlag(cancel);
  return loop.run(cancel);
}

}  // namespace lreg::detail
