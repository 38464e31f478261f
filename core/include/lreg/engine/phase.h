// The sub-steps of one MRC iteration, in order (Algorithms 1 and 3 of the paper).
#pragma once

#include <string>

namespace lreg {

enum class Phase {
  Initial,      ///< the starting mesh, nothing trained yet
  Train,        ///< coefficients fitted on the current mesh; hard-sample counts accumulated
  Refine,       ///< midpoints inserted into the simplices with most counts (function unchanged)
  Interpolate,  ///< coefficients of the inserted nodes set (and optionally refitted on the fine
                ///< mesh)
  Coarsen,      ///< back to D nodes by equal-frequency binning / cheapest-node removal
  Reindex,      ///< nodes renumbered, counts reset: ready for the next Train
};

/// Lower-case name used in snapshots, JSON and the UI ("train", "refine", ...).
std::string phaseName(Phase phase);
/// The phase that follows `phase` in the loop (Reindex -> Train, Initial -> Train).
Phase nextPhase(Phase phase);

}  // namespace lreg
