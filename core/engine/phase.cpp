#include <lreg/engine/phase.h>

namespace lreg {
namespace {

// The sub-steps in loop order: each one's name and the sub-step that follows it.
struct PhaseStep {
  Phase phase;
  const char* name;
  Phase next;
};
constexpr PhaseStep kPhases[] = {
    {Phase::Initial, "initial", Phase::Train},
    {Phase::Train, "train", Phase::Polish},
    {Phase::Polish, "polish", Phase::Refine},
    {Phase::Refine, "refine", Phase::Interpolate},
    {Phase::Interpolate, "interpolate", Phase::Coarsen},
    {Phase::Coarsen, "coarsen", Phase::Reindex},
    {Phase::Reindex, "reindex", Phase::Train},
};

const PhaseStep* find(Phase phase) {
  for (const PhaseStep& s : kPhases)
    if (s.phase == phase) return &s;
  return nullptr;
}

}  // namespace

std::string phaseName(Phase phase) {
  const PhaseStep* s = find(phase);
  return s ? s->name : "unknown";
}

Phase nextPhase(Phase phase, bool polishes) {
  if (phase == Phase::Train && !polishes) return Phase::Refine;
  const PhaseStep* s = find(phase);
  return s ? s->next : Phase::Train;
}

bool completesFit(Phase phase, bool polishes) {
  return phase == (polishes ? Phase::Polish : Phase::Train);
}

}  // namespace lreg
