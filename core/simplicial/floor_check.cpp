#include "simplicial/floor_check.h"

#include <cmath>

#include <lreg/base/random.h>
#include <lreg/engine/phase.h>
#include "simplicial/mrc_simplicial.h"
#include "simplicial/own_samples.h"

namespace lreg::detail {
namespace {

// Fits past the floor without a held-out gain before the check ends, and fits at most.
constexpr int kPatience = 3, kMaxFits = 12;

double heldOutError(const Model& m, const RowMatrix& U, const RowMatrix& Y) {
  return (m.predictUnit(U) - Y).squaredNorm();
}

// With fewer samples per simplex the loop on a half mostly loses for want of samples.
bool halfCanTell(long halfSamples, long simplices) {
  return double(halfSamples) >= 4.0 * double(simplices);
}

}  // namespace

bool floorCheckCanTell(long samples, long simplices) {
  long half = 0;
  for (long n = 0; n < samples; ++n) half += (Random::hash(std::uint64_t(n)) & 1) == 0;
  return halfCanTell(half, simplices);
}

bool floorHoldsOnHeldOut(const Model& atFloor, const RowMatrix& U, const RowMatrix& Y,
                         const MrcOptions& options, const std::atomic<bool>* cancel) {
  std::vector<long> half[2];
  for (long n = 0; n < U.rows(); ++n) half[Random::hash(std::uint64_t(n)) & 1].push_back(n);
  if (!halfCanTell(long(half[0].size()), atFloor.simplices.rows())) return true;
  MrcOptions o = options;
  o.noiseAware = false;
  o.tensorStart = false;
  o.dof = atFloor.dof();
  o.iterations = kMaxFits + 1;
  MrcSimplicial loop(ownTrainingSet(U(half[0], Eigen::all), Y(half[0], Eigen::all),
                                    atFloor.normalizer, "the noise-floor check's half"),
                     nullptr, o);
  loop.startFrom(atFloor);
  const RowMatrix heldU = U(half[1], Eigen::all), heldY = Y(half[1], Eigen::all);
  double first = -1, best = HUGE_VAL;
  for (int fits = 0, since = 0; fits < kMaxFits && since < kPatience;) {
    if (cancel && cancel->load()) return true;
    const SnapshotPtr s = loop.step();
    if (!completesFit(*s)) continue;
    ++fits;
    const double e = heldOutError(loop.currentModel(), heldU, heldY);
    if (first < 0) {
      first = best = e;
      continue;
    }
    since = e < best * (1 - 1e-3) ? 0 : since + 1;
    best = std::min(best, e);
  }
  return !(best < first * (1 - kHeldOutGain));
}

}  // namespace lreg::detail
