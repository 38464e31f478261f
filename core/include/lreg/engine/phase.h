// The sub-steps of one MRC iteration, in order (Algorithms 1 and 3 of the paper).
#pragma once

#include <string>

namespace lreg {

enum class Phase {
  Initial,      ///< the starting mesh, nothing trained yet
  Train,        ///< coefficients fitted on the current mesh; hard-sample counts accumulated
  Polish,       ///< nodes moved to lower the least-squares error, coefficients exact (only in
                ///< loops that move nodes each iteration: 2D least squares; skipped elsewhere)
  Refine,       ///< midpoints inserted into the simplices with most counts (function unchanged)
  Interpolate,  ///< coefficients of the inserted nodes set (and optionally refitted on the fine
                ///< mesh)
  Coarsen,      ///< back to D nodes by equal-frequency binning / cheapest-node removal
  Reindex,      ///< nodes renumbered, counts reset: ready for the next Train
};

/// Lower-case name used in snapshots, JSON and the UI ("train", "refine", ...).
std::string phaseName(Phase phase);
/// The phase that follows `phase` in the loop (Reindex -> Train, Initial -> Train); Train ->
/// Polish only when the loop `polishes`, Train -> Refine otherwise.
Phase nextPhase(Phase phase, bool polishes = false);
/// Whether `phase` is the sub-step that completes a fit (Polish in a loop that polishes, Train
/// otherwise): its metrics are fresh, the best model and the stop are decided after it.
bool completesFit(Phase phase, bool polishes);

}  // namespace lreg
