// Everything that steers an MRC fit. Defaults are the best-performing variant; the paper's
// own recipe is FitMethod::Adam with Indicator::HardSampleCounts.
#pragma once

#include <cstdint>
#include <string>

#include <lreg/engine/backend.h>

namespace lreg {

enum class FitMethod { LeastSquares, Adam };
enum class LossKind { MAE, MSE, Huber };
/// What "hard" means when ranking simplices for refinement and building the coarsening density.
enum class Indicator {
  ResidualEnergy,    ///< sum of squared residuals per simplex; density from error equidistribution
  HardSampleCounts,  ///< the paper: top-k per-sample losses of each batch, counted per simplex
};

/// How 2D/3D coarsening removes nodes.
enum class Coarsening {
  Collapse,  ///< merge each node into a neighbour: the rest of the mesh keeps its shape
  Delaunay,  ///< drop the nodes and re-triangulate the rest (isotropic)
};

struct MrcOptions {
  int dof = 64;         ///< D, the node budget
  int iterations = 40;  ///< MRC iteration budget
  int patience = 8;     ///< stop after this many iterations without validation improvement
  FitMethod fit = FitMethod::LeastSquares;
  Indicator indicator = Indicator::ResidualEnergy;
  int refineCount = 0;     ///< k simplices refined per iteration (0: refineCountFor's default)
  double damping = 0.5;    ///< weight of the new density against the current mesh (0..1]
  double prior = 0.05;     ///< weight of the data-density prior, keeps nodes in quiet regions
  double minWidth = 1e-7;  ///< smallest interval / edge length in the unit domain
  double smoothing = 0.0;  ///< lambda of the second-difference penalty in least squares
  bool noiseAware = true;  ///< residual indicator: subtract each simplex's noise floor
  /// Least squares: Levenberg-Marquardt node-position steps. 1D: this many per Train and
  /// max(4x, 16) on the best mesh and each restart at the end; 2D: at most 2 per Train and this
  /// many on the best mesh; 3D: this many on the best mesh only. 0: no node movement.
  int polishSteps = 8;
  /// 1D least squares: when the loop ends, restart from node vectors equidistributing the
  /// fit's curvature density (several phases, polished) and keep the best. Off with
  /// polishSteps = 0 (no node movement at all).
  bool restarts = true;
  /// 2D/3D: also try tensor-product starts (per-axis knots from the marginal data) and start
  /// from whichever candidate fits best; with fewer than 32 samples per node, also let the fit
  /// with half the nodes, bisected up to D, compete at the end (doc/anisotropy.md).
  bool tensorStart = true;
  bool flips = true;  ///< 2D least squares: data-dependent edge flips after each fit
  Coarsening coarsening = Coarsening::Collapse;
  /// The loop places nodes on at most max(this, 64 D) samples (an evenly strided subset of the
  /// sorted data, which keeps its density); the best mesh is then refitted and polished on all
  /// of them. 0: always use every sample.
  long placementSamples = 50000;
  // Gradient path (Algorithm 2)
  LossKind loss = LossKind::Huber;
  double learningRate = 0.1;
  double l1Lambda = 0.0;  ///< lambda of the L1 penalty on second differences of c
  int epochs = 5;         ///< epochs per Train phase
  int batchSize = 256;
  int hardPerBatch = 16;  ///< top-k hard samples counted per batch
  double huberDelta = 1.0;
  std::uint64_t seed = 1;
  Device device = Device::Auto;  ///< where the data passes run (Auto: CUDA when usable)

  /// The k refined per iteration: refineCount, or by default D/2 intervals in 1D and D/8
  /// simplices (edges) in 2D/3D, where a bisection also splits the simplex's neighbours
  /// across the edge and a round of D/2 would more than double the mesh. At least 1.
  int refineCountFor(int dim) const;

  /// Throws Error naming the first absurd parameter (D < 2, negative rates, more than 16
  /// nodes per training sample, ...).
  void validate(long trainSize) const;
};

std::string fitMethodName(FitMethod m);
std::string lossName(LossKind l);
std::string indicatorName(Indicator i);
FitMethod parseFitMethod(const std::string& s);
LossKind parseLoss(const std::string& s);
Indicator parseIndicator(const std::string& s);
std::string coarseningName(Coarsening c);
Coarsening parseCoarsening(const std::string& s);

}  // namespace lreg
