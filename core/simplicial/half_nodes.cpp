#include "simplicial/half_nodes.h"

#include <lreg/engine/phase.h>

#include "simplicial/mrc_simplicial.h"
#include "simplicial/own_samples.h"

namespace lreg::detail {

bool shortOfSamples(long samples, int dof, int dim) {
  return double(samples) < kSamplesPerNode * dof && dof / 2 >= 4 << dim;
}

std::optional<Model> fitWithHalfTheNodes(const RowMatrix& U, const RowMatrix& Y,
                                         const Normalizer& normalizer, const MrcOptions& options,
                                         const std::atomic<bool>* cancel, bool unlessFloorHolds) {
  MrcOptions o = options;
  o.dof = options.dof / 2;
  MrcSimplicial loop(ownTrainingSet(U, Y, normalizer, "the fit with half the nodes"), nullptr, o);
  loop.setCancelFlag(cancel);
  if (!unlessFloorHolds) return loop.run(cancel);
  // MrcEngine::run, stopped where the floor holds (the loop would stop there too).
  loop.initialSnapshot();
  do loop.step();
  while (!completesFit(*loop.snapshot()));
  while (!loop.floorHeld() && !loop.converged() && !(cancel && cancel->load())) loop.step();
  if (loop.floorHeld()) return std::nullopt;
  return loop.bestModel();
}

}  // namespace lreg::detail
