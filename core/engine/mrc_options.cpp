#include <lreg/engine/mrc_options.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include <lreg/base/printable.h>

namespace lreg {

namespace {

// A value as the user gave it, near enough: whole numbers exactly, others with 6 digits.
template <class T>
std::string shown(T v) {
  if constexpr (std::is_integral_v<T>) {
    return std::to_string(v);
  } else {
    return significant(v);
  }
}

// At most this many nodes per training sample (plus 64): see validate().
constexpr int kNodesPerSample = 16;

}  // namespace

int MrcOptions::refineCountFor(int dim) const {
  if (refineCount > 0) return refineCount;
  return std::max(1, dof / (dim == 1 ? 2 : 8));
}

void MrcOptions::validate(long trainSize) const {
  // Each message names the value it got: "invalid option: epochs must be >= 1 (got 0)".
  auto check = [](bool ok, const std::string& what, auto got) {
    if (!ok) throw Error("invalid option: " + what + " (got " + shown(got) + ")");
  };
  check(dof >= 2, "dof must be at least 2", dof);
  check(dof <= 10'000'000, "dof is absurdly large (at most 10000000)", dof);
  check(iterations >= 0, "iterations must be >= 0", iterations);
  check(patience >= 1, "patience must be >= 1", patience);
  check(refineCount >= 0, "refine count (top-k) must be >= 0", refineCount);
  check(damping > 0 && damping <= 1, "damping must be in (0, 1]", damping);
  check(prior >= 0 && prior < 1, "prior must be in [0, 1)", prior);
  check(minWidth >= 1e-12 && (dof - 1) * minWidth < 1.0,
        "minimum width must be >= 1e-12 and leave room for dof nodes in the unit domain", minWidth);
  check(smoothing >= 0 && std::isfinite(smoothing), "smoothing must be a finite number >= 0",
        smoothing);
  check(learningRate > 0 && std::isfinite(learningRate), "learning rate must be > 0", learningRate);
  check(l1Lambda >= 0 && std::isfinite(l1Lambda), "lambda must be a finite number >= 0", l1Lambda);
  check(placementSamples >= 0, "placement sample limit must be >= 0", placementSamples);
  check(placementSamples == 0 || placementSamples >= 1000,
        "placement sample limit below 1000 (0 = all samples)", placementSamples);
  check(polishSteps >= 0, "polish steps must be >= 0", polishSteps);
  check(epochs >= 1, "epochs must be >= 1", epochs);
  check(batchSize >= 1, "batch size must be >= 1", batchSize);
  check(hardPerBatch >= 1, "hard samples per batch must be >= 1", hardPerBatch);
  check(huberDelta > 0, "Huber delta must be > 0", huberDelta);
  if (trainSize < 2)
    throw Error("need at least 2 training samples, got " + std::to_string(trainSize));
  // Far more nodes than samples leaves long runs of cells without data, which only the
  // stabilising penalty holds: past tens of nodes per sample the least-squares system is
  // singular in double precision (1D: 200 samples fail from D = 16000).
  if (double(dof) > kNodesPerSample * double(trainSize) + 64)
    throw Error("invalid option: dof " + std::to_string(dof) + " is more than " +
                std::to_string(kNodesPerSample) + " nodes per training sample (" +
                std::to_string(trainSize) + " samples; at most " +
                std::to_string(long(kNodesPerSample * double(trainSize)) + 64) + ")");
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
  throw Error("unknown fit method '" + printable(s) + "' (use lstsq or adam)");
}
LossKind parseLoss(const std::string& s) {
  if (s == "mae") return LossKind::MAE;
  if (s == "mse") return LossKind::MSE;
  if (s == "huber") return LossKind::Huber;
  throw Error("unknown loss '" + printable(s) + "' (use mae, mse or huber)");
}
Indicator parseIndicator(const std::string& s) {
  if (s == "residual") return Indicator::ResidualEnergy;
  if (s == "counts") return Indicator::HardSampleCounts;
  throw Error("unknown indicator '" + printable(s) + "' (use residual or counts)");
}

std::string coarseningName(Coarsening c) {
  return c == Coarsening::Delaunay ? "delaunay" : "collapse";
}
Coarsening parseCoarsening(const std::string& s) {
  if (s == "collapse") return Coarsening::Collapse;
  if (s == "delaunay") return Coarsening::Delaunay;
  throw Error("unknown coarsening '" + printable(s) + "' (use collapse or delaunay)");
}

}  // namespace lreg
