#include "simplicial/floor_check.h"

#include <cmath>

#include <lreg/base/random.h>
#include <lreg/engine/phase.h>
#include "simplicial/mrc_simplicial.h"

namespace lreg::detail {
namespace {

// Fits past the floor without a held-out gain before the check ends, and fits at most.
constexpr int kPatience = 3, kMaxFits = 12;

double heldOutError(const Model& m, const RowMatrix& U, const RowMatrix& Y) {
  return (m.predictUnit(U) - Y).squaredNorm();
}

}  // namespace

bool floorHoldsOnHeldOut(const Model& atFloor, const RowMatrix& U, const RowMatrix& Y,
                         const MrcOptions& options, const std::atomic<bool>* cancel) {
  std::vector<long> half[2];
  for (long n = 0; n < U.rows(); ++n) half[Random::hash(std::uint64_t(n)) & 1].push_back(n);
  // With fewer samples per simplex the loop on a half mostly loses for want of samples.
  if (double(half[0].size()) < 4.0 * double(atFloor.simplices.rows())) return true;
  TrainingSet set;
  set.size = long(half[0].size());
  set.dim = atFloor.dim;
  set.outputs = atFloor.outputs;
  set.source = "the noise-floor check's half";
  set.normalizer = atFloor.normalizer;
  set.unitX = U(half[0], Eigen::all);
  set.Y = Y(half[0], Eigen::all);
  set.meanY = set.Y.colwise().mean();
  MrcOptions o = options;
  o.noiseAware = false;
  o.tensorStart = false;
  o.dof = atFloor.dof();
  o.iterations = kMaxFits + 1;
  MrcSimplicial loop(std::move(set), nullptr, o);
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
