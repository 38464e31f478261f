// An immutable picture of the engine after one sub-step: what the UI draws and the history keeps.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/phase.h>

namespace lreg {

struct Snapshot {
  int iteration = 0;             ///< completed MRC iterations when this was taken
  Phase phase = Phase::Initial;  ///< the sub-step just done
  bool polishes = false;         ///< the loop has a Polish sub-step (Train -> Polish -> Refine)
  int dim = 1;                   ///< input dimension d
  RowMatrix nodes;               ///< #D by d node coordinates, unit domain [0,1]^d
  IndexMatrix simplices;         ///< #n_t by d+1 node indices (intervals [i, i+1] in 1D)
  RowMatrix coefficients;        ///< #D by C, one row per node
  Vector counts;                 ///< #n_t hard-sample indicator per simplex (what refinement ranks)
  std::vector<int> inserted;     ///< indices (into nodes) of nodes the last Refine inserted
  std::vector<int> toRemove;     ///< indices (into nodes) of nodes the coming Coarsen removes
  RowMatrix removed;             ///< #k by d coordinates of nodes the last Coarsen removed
  std::vector<int> moved;        ///< indices (into nodes) of nodes this Polish moved (empty
                                 ///< after every other sub-step)
  RowMatrix movedFrom;           ///< #k by d positions of those nodes before it
  /// Optional, per node of `moved`: its path over the last few polish steps, oldest position
  /// first, its position now last (NodeTrails fills it; the engine leaves it empty).
  std::vector<RowMatrix> movedPaths;
  /// 2D: edges this Train's flips created, as node pairs (smaller, larger); empty elsewhere.
  std::vector<std::array<int, 2>> flipped;
  Metrics train;               ///< on the training set, for the current function
  Metrics validation;          ///< on the validation set (the training set when none is given)
  bool hasValidation = false;  ///< whether `validation` is a separate set
  double seconds = 0;          ///< wall time spent in this sub-step
  double totalSeconds = 0;     ///< wall time since the run started
};

/// The sub-step after this one.
inline Phase nextPhase(const Snapshot& s) {
  return nextPhase(s.phase, s.polishes);
}
/// Whether this sub-step completed a fit (fresh metrics; the best model was updated).
inline bool completesFit(const Snapshot& s) {
  return completesFit(s.phase, s.polishes);
}

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace lreg
