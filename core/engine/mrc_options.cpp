#include <lreg/engine/mrc_options.h>

#include <cmath>

#include <lreg/base/error.h>

namespace lreg {

void MrcOptions::validate(long trainSize) const {
  auto bad = [](const std::string& what) { throw Error("invalid option: " + what); };
  if (dof < 2) bad("dof must be at least 2 (got " + std::to_string(dof) + ")");
  if (dof > 10'000'000) bad("dof " + std::to_string(dof) + " is absurdly large");
  if (iterations < 0) bad("iterations must be >= 0");
  if (patience < 1) bad("patience must be >= 1");
  if (refineCount < 0) bad("refine count (top-k) must be >= 0");
  if (!(damping > 0 && damping <= 1)) bad("damping must be in (0, 1]");
  if (!(prior >= 0 && prior < 1)) bad("prior must be in [0, 1)");
  if (!(minWidth >= 1e-12) || (dof - 1) * minWidth >= 1.0)
    bad("minimum width must be >= 1e-12 and leave room for dof nodes in the unit domain");
  if (!(smoothing >= 0) || !std::isfinite(smoothing)) bad("smoothing must be a finite number >= 0");
  if (!(learningRate > 0) || !std::isfinite(learningRate)) bad("learning rate must be > 0");
  if (!(l1Lambda >= 0) || !std::isfinite(l1Lambda)) bad("lambda must be a finite number >= 0");
  if (placementSamples < 0) bad("placement sample limit must be >= 0");
  if (placementSamples > 0 && placementSamples < 1000) bad("placement sample limit below 1000");
  if (polishSteps < 0) bad("polish steps must be >= 0");
  if (epochs < 1) bad("epochs must be >= 1");
  if (batchSize < 1) bad("batch size must be >= 1");
  if (hardPerBatch < 1) bad("hard samples per batch must be >= 1");
  if (!(huberDelta > 0)) bad("Huber delta must be > 0");
  if (trainSize < 2)
    throw Error("need at least 2 training samples, got " + std::to_string(trainSize));
}

std::string fitMethodName(FitMethod m) {
  return m == FitMethod::Adam ? "adam" : "lstsq";
}
std::string lossName(LossKind l) {
  return l == LossKind::MAE ? "mae" : l == LossKind::MSE ? "mse" : "huber";
}
std::string indicatorName(Indicator i) {
  return i == Indicator::HardSampleCounts ? "counts" : "residual";
}

FitMethod parseFitMethod(const std::string& s) {
  if (s == "lstsq" || s == "least-squares") return FitMethod::LeastSquares;
  if (s == "adam") return FitMethod::Adam;
  throw Error("unknown fit method '" + s + "' (use lstsq or adam)");
}
LossKind parseLoss(const std::string& s) {
  if (s == "mae") return LossKind::MAE;
  if (s == "mse") return LossKind::MSE;
  if (s == "huber") return LossKind::Huber;
  throw Error("unknown loss '" + s + "' (use mae, mse or huber)");
}
Indicator parseIndicator(const std::string& s) {
  if (s == "residual") return Indicator::ResidualEnergy;
  if (s == "counts") return Indicator::HardSampleCounts;
  throw Error("unknown indicator '" + s + "' (use residual or counts)");
}

std::string coarseningName(Coarsening c) {
  return c == Coarsening::Delaunay ? "delaunay" : "collapse";
}
Coarsening parseCoarsening(const std::string& s) {
  if (s == "collapse") return Coarsening::Collapse;
  if (s == "delaunay") return Coarsening::Delaunay;
  throw Error("unknown coarsening '" + s + "' (use collapse or delaunay)");
}

}  // namespace lreg
