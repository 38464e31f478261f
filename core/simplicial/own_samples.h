// Samples the 2D/3D loop already holds (in the unit box), as the training set of an engine of
// their own: the noise-floor check's half, the fit with half the nodes.
#pragma once

#include <string>
#include <utility>

#include <lreg/data/normalizer.h>
#include "engine/training_set.h"

namespace lreg::detail {

inline TrainingSet ownTrainingSet(RowMatrix U, RowMatrix Y, const Normalizer& normalizer,
                                  std::string source) {
  TrainingSet set;
  set.size = U.rows();
  set.dim = int(U.cols());
  set.outputs = int(Y.cols());
  set.source = std::move(source);
  set.normalizer = normalizer;
  set.meanY = Y.colwise().mean();
  set.unitX = std::move(U);
  set.Y = std::move(Y);
  return set;
}

}  // namespace lreg::detail
