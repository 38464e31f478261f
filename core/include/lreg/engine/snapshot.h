// An immutable picture of the engine after one sub-step: what the UI draws and the history keeps.
#pragma once

#include <memory>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/phase.h>

namespace lreg {

struct Snapshot {
  int iteration = 0;             ///< completed MRC iterations when this was taken
  Phase phase = Phase::Initial;  ///< the sub-step just done
  int dim = 1;                   ///< input dimension d
  RowMatrix nodes;               ///< #D by d node coordinates, unit domain [0,1]^d
  IndexMatrix simplices;         ///< #n_t by d+1 node indices (intervals [i, i+1] in 1D)
  RowMatrix coefficients;        ///< #D by C, one row per node
  Vector counts;                 ///< #n_t hard-sample indicator per simplex (what refinement ranks)
  std::vector<int> inserted;     ///< indices (into nodes) of nodes the last Refine inserted
  std::vector<int> toRemove;     ///< indices (into nodes) of nodes the coming Coarsen removes
  RowMatrix removed;             ///< #k by d coordinates of nodes the last Coarsen removed
  Metrics train;                 ///< on the training set, for the current function
  Metrics validation;            ///< on the validation set (the training set when none is given)
  bool hasValidation = false;    ///< whether `validation` is a separate set
  double seconds = 0;            ///< wall time spent in this sub-step
  double totalSeconds = 0;       ///< wall time since the run started
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace lreg
