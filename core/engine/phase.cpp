#include <lreg/engine/phase.h>

namespace lreg {

std::string phaseName(Phase phase) {
  switch (phase) {
    case Phase::Initial:
      return "initial";
    case Phase::Train:
      return "train";
    case Phase::Refine:
      return "refine";
    case Phase::Interpolate:
      return "interpolate";
    case Phase::Coarsen:
      return "coarsen";
    case Phase::Reindex:
      return "reindex";
  }
  return "unknown";
}

Phase nextPhase(Phase phase) {
  switch (phase) {
    case Phase::Initial:
      return Phase::Train;
    case Phase::Train:
      return Phase::Refine;
    case Phase::Refine:
      return Phase::Interpolate;
    case Phase::Interpolate:
      return Phase::Coarsen;
    case Phase::Coarsen:
      return Phase::Reindex;
    case Phase::Reindex:
      return Phase::Train;
  }
  return Phase::Train;
}

}  // namespace lreg
