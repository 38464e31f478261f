#include "simplicial/mrc_simplicial.h"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include "engine/hard_samples.h"
#include "engine/noise_floor.h"
#include "engine/ranking.h"
#include "simplicial/adam_simplicial.h"
#include "simplicial/collapse.h"
#include "simplicial/delaunay.h"
#include "simplicial/edge_flip.h"
#include "simplicial/edge_gain.h"
#include "simplicial/floor_check.h"
#include "simplicial/half_nodes.h"
#include "simplicial/held_out.h"
#include "simplicial/noise_estimate.h"
#include "simplicial/polish_simplicial.h"
#include "simplicial/refine_simplicial.h"
#include "simplicial/tensor_start.h"

namespace lreg::detail {
namespace {

constexpr int kLoopPolishSteps = 2;
// Refinement keeps at least this many samples per simplex on average, tensor knots at least
// kMinSamples / 2: with fewer, the least-squares fit follows the samples' irregularities (its
// error acting as noise) and generalises worse than a coarser mesh.
constexpr double kMinSamples = 4;

}  // namespace

MrcSimplicial::MrcSimplicial(TrainingSet train, const Dataset* validation,
                             const MrcOptions& options)
    : MrcEngine(train, validation, options),
      trainU_(std::move(train.unitX)),
      trainY_(std::move(train.Y)),
      full_(std::move(train.full)),
      rng_(options.seed) {
  if (options_.noiseAware) noise_ = localNoiseVariance(trainU_, trainY_);
  if (resolveDevice(options_.device) == Device::Cuda && outputs_ <= CudaMomentsND::kMaxOutputs)
    gpu_ = std::make_unique<CudaMomentsND>(trainU_, trainY_);
  const int d = dim_, corners = 1 << d;
  if (options_.dof < corners)
    throw Error("invalid option: dof must be at least " + std::to_string(corners) + " in " +
                std::to_string(d) + "D (the corners of the domain)");
  // Start from the largest Kuhn grid within the budget, then bisect where the data are until
  // the mesh has exactly D nodes.
  int m = std::max(2, int(std::floor(std::pow(double(options_.dof), 1.0 / d) + 1e-9)));
  while (std::pow(double(m), d) > options_.dof) --m;
  useStart(SimplexMesh::kuhnGrid(d, m));
  if (options_.tensorStart && options_.fit == FitMethod::LeastSquares) chooseTensorStart();
  hardness_ = Vector::Zero(mesh_.simplexCount());
}

void MrcSimplicial::useStart(SimplexMesh mesh) {
  mesh_ = std::move(mesh);
  coef_ = trainY_.colwise().mean().replicate(mesh_.nodeCount(), 1);
  meshChanged();
  while (mesh_.nodeCount() < options_.dof) {
    const int added =
        int(bisectHardest(moments_.count, options_.dof - mesh_.nodeCount()).inserted.size());
    if (added == 0) break;  // every edge at the minimum width: keep what we have
    meshChanged();
  }
}

// Tensor-grid starts: per-axis knots equidistributed by the 1D rule (a few rounds on the equal
// split of the budget), then every split of the budget between the axes with that density. The
// candidate with the smallest least-squares error, the Kuhn start included, becomes the start
// (filled up to D nodes).
void MrcSimplicial::chooseTensorStart() {
  // Undamped: each round jumps to the density the last fit asks for; the best round is kept,
  // so an overshoot costs nothing but the round.
  constexpr double kDamping = 1.0;
  // Share of the uniform density mixed into the knots. The residual estimate is clamped at
  // zero where the noise hides the error, and those slabs keep some knots. The curvature
  // estimate has no such zeros, and there a uniform share only takes knots from where the
  // function bends (on B2 the 1D-rule tensor fit with 5% mixed in: +1.7% in approximation
  // error), so its rounds run with the residual's share (the candidates of before) and without.
  constexpr double kResidualPrior = 0.05, kCurvaturePrior = 0;
  constexpr int kRounds = 10, kPatience = 2;
  auto fitError = [&](SimplexMesh mesh) {
    mesh_ = std::move(mesh);
    meshChanged();
    fitCoefficients();
    return moments_.residualEnergy(mesh_, coef_).sum();
  };
  fitCoefficients();
  double bestError = moments_.residualEnergy(mesh_, coef_).sum();
  // A uniform start that leaves nothing but noise is kept: a placement that trains better
  // could only be fitting the noise (as the loop stops at the noise floor).
  if (bestError <= noiseFloor()) return;
  const std::vector<std::array<int, 3>> splits = tensorSplits(dim_, options_.dof);
  AxisKnots knots(dim_), best;
  for (int k = 0; k < dim_; ++k) {
    const std::vector<double> column(trainU_.col(k).begin(), trainU_.col(k).end());
    knots[k] = dataKnots(column, splits[0][k]);
  }
  // Each slab's error is estimated two ways (tensor_start.h): from the fit's curvature along
  // the axis (the 1D rule on the fitted function: robust to noise, exact once the function is
  // resolved) and from the residual energy less the noise (right however coarse the grid, but
  // once the approximation error is below the noise mostly noise: on B2 at D = 4096 a slab's
  // noise energy varies by as much as its approximation energy). Residual rounds from the data
  // knots; where they leave at most twice the noise floor (approximation below the noise: the
  // residual's weak regime), curvature rounds from the same knots (with and without the uniform
  // share). Every split of each density is a candidate, so the start trains no worse than with
  // the residual alone or with the uniform share alone. (Farther
  // from the noise a better-training curvature start could lead the loop somewhere worse.)
  // Both estimates' rounds start from the data knots, fitted once: the residual rounds come
  // first and start from the current fit (the data knots'), the curvature rounds from its copy.
  const double dataError = fitError(SimplexMesh::tensorGrid(knots));
  const RowMatrix dataCoef = coef_;
  const Vector dataCount = moments_.count;
  auto rounds = [&](AxisKnots knots, bool curvature, double prior) {
    double own = HUGE_VAL;
    AxisKnots density;
    for (int round = 0, since = 0; round < kRounds && since < kPatience; ++round) {
      const bool first = round == 0;
      const double e = first ? dataError : fitError(SimplexMesh::tensorGrid(knots));
      since = e < own * (1 - 1e-3) ? 0 : since + 1;
      if (e < own) own = e, density = knots;
      const Vector& count = first ? dataCount : moments_.count;
      const std::vector<Vector> slabs =
          curvature ? curvatureSlabEnergy(knots, first ? dataCoef : coef_, count)
                    : slabSums(knots, hardness());
      const std::vector<Vector> counts = slabSums(knots, count);
      for (int k = 0; k < dim_; ++k) {
        // At least kMinSamples per simplex of a slab, on average.
        const double perSlab = double(count.size()) / double(knots[k].size() - 1);
        knots[k] = equidistributeAxis(knots[k], slabs[k], counts[k], kMinSamples * perSlab,
                                      kDamping, prior);
      }
    }
    // Splits are compared before filling up (their products differ from D by a few percent).
    if (own < bestError) bestError = own, best = density;
    for (size_t c = 1; c < splits.size(); ++c) {
      AxisKnots candidate;
      for (int k = 0; k < dim_; ++k) candidate.push_back(resampleKnots(density[k], splits[c][k]));
      const double e = fitError(SimplexMesh::tensorGrid(candidate));
      if (e < bestError) bestError = e, best = candidate;
    }
  };
  rounds(knots, false, kResidualPrior);
  if (bestError <= 2 * noiseFloor()) {
    rounds(knots, true, kResidualPrior);
    rounds(knots, true, kCurvaturePrior);
  }
  if (best.empty()) {  // the Kuhn start won
    int m = std::max(2, int(std::floor(std::pow(double(options_.dof), 1.0 / dim_) + 1e-9)));
    while (std::pow(double(m), dim_) > options_.dof) --m;
    useStart(SimplexMesh::kuhnGrid(dim_, m));
  } else {
    useStart(SimplexMesh::tensorGrid(best));
  }
}

void MrcSimplicial::meshChanged() {
  locator_ = std::make_unique<SimplexLocator>(mesh_);
  located_ = LocatedSamples::locate(mesh_, *locator_, trainU_);
  computeMoments();
}

void MrcSimplicial::meshChanged(const IndexMatrix& oldSimplices, const std::vector<int>& nodeMap) {
  // Most simplices survive a refine or coarsen round: their samples need no new search.
  locator_ = std::make_unique<SimplexLocator>(mesh_);
  located_.relocate(oldSimplices, nodeMap, mesh_, *locator_, trainU_);
  computeMoments();
}

void MrcSimplicial::computeMoments() {
  moments_ = gpu_ ? gpu_->compute(mesh_, *locator_, located_.simplex)
                  : MomentsND::compute(mesh_, located_, trainY_);
}

void MrcSimplicial::fitCoefficients() {
  coef_ = solveLeastSquaresND(mesh_, moments_, options_.smoothing);
}

Bisection MrcSimplicial::bisectHardest(const Vector& score, int k) {
  return bisectEdges(mesh_, coef_, edgesOfHardest(mesh_, score, k));
}

std::vector<std::array<int, 2>> MrcSimplicial::edgesOfHardest(const SimplexMesh& mesh,
                                                              const Vector& score, int k) const {
  std::vector<std::array<int, 2>> edges;
  std::set<std::array<int, 2>> chosen;
  const double minLength2 = 4 * options_.minWidth * options_.minWidth;
  for (int t : rankedByScore(score)) {
    if (int(edges.size()) == k || !(score(t) > 0)) break;
    const auto e = longestEdge(mesh, t);
    if ((mesh.nodes.row(e[0]) - mesh.nodes.row(e[1])).squaredNorm() < minLength2) continue;
    if (chosen.insert(e).second) edges.push_back(e);
  }
  return edges;
}

Bisection MrcSimplicial::bisectByGain(int k) {
  return bisectEdges(mesh_, coef_, edgesByGain(mesh_, located_, coef_, k));
}

// The k edges whose bisection lowers the error most (edge_gain.h), none shorter than twice the
// minimum width, none whose halves would hold fewer than kMinSamples samples per simplex.
std::vector<std::array<int, 2>> MrcSimplicial::edgesByGain(const SimplexMesh& mesh,
                                                           const LocatedSamples& located,
                                                           const RowMatrix& coef, int k) const {
  RowMatrix residual(trainY_.rows(), outputs_);
  for (long n = 0; n < residual.rows(); ++n) {
    residual.row(n) = -trainY_.row(n);
    for (int a = 0; a <= dim_; ++a)
      residual.row(n) += located.lambda(n, a) * coef.row(mesh.simplices(located.simplex[n], a));
  }
  const EdgeGains g = edgeGains(mesh, located, residual, loopNoise());
  const double minLength2 = 4 * options_.minWidth * options_.minWidth;
  std::vector<std::array<int, 2>> edges;
  for (int e : rankedByScore(g.gain)) {
    if (int(edges.size()) == k || !(g.gain(e) > 0)) break;
    const auto& uv = g.edges[e];
    if (g.samples(e) < kMinSamples * 2 * g.simplices(e)) continue;
    if ((mesh.nodes.row(uv[0]) - mesh.nodes.row(uv[1])).squaredNorm() >= minLength2)
      edges.push_back(uv);
  }
  return edges;
}

// The engine's current fit as one object (moved out and back in: no copy of the samples).
SimplicialFit MrcSimplicial::takeFit() {
  SimplicialFit fit{std::move(mesh_),    std::move(locator_), std::move(located_),
                    std::move(moments_), std::move(coef_),    0.0};
  fit.sse = fit.moments.residualEnergy(fit.mesh, fit.coefficients).sum();
  return fit;
}

void MrcSimplicial::putFit(SimplicialFit fit) {
  mesh_ = std::move(fit.mesh);
  locator_ = std::move(fit.locator);
  located_ = std::move(fit.located);
  moments_ = std::move(fit.moments);
  coef_ = std::move(fit.coefficients);
}

// Completes a fit whose mesh is set and whose `located` holds a previous assignment for the
// same simplices (or is empty: then every sample is located afresh).
void MrcSimplicial::refit(SimplicialFit& fit) const {
  fit.locator = std::make_unique<SimplexLocator>(fit.mesh);
  if (fit.located.simplex.empty())
    fit.located = LocatedSamples::locate(fit.mesh, *fit.locator, trainU_);
  else
    fit.located.update(*fit.locator, trainU_);
  fit.moments = gpu_ ? gpu_->compute(fit.mesh, *fit.locator, fit.located.simplex)
                     : MomentsND::compute(fit.mesh, fit.located, trainY_);
  fit.coefficients = solveLeastSquaresND(fit.mesh, fit.moments, options_.smoothing);
  fit.sse = fit.moments.residualEnergy(fit.mesh, fit.coefficients).sum();
}

// Node movement with exact coefficients (polish_simplicial.h).
PolishReport MrcSimplicial::polish(SimplicialFit& fit, int steps, double noiseFloor) const {
  PolishSettings settings;
  settings.steps = steps;
  settings.minVolume = minVolume();
  settings.noiseFloor = noiseFloor;
  settings.cancel = cancelFlag();
  return polishSimplicial(
      fit, [&](SimplicialFit& trial) { refit(trial); }, settings);
}

// Whether the flips pay on held-out samples (held_out.h) for this mesh; a mesh found not to is
// remembered, so that the final flips on the loop's last mesh do not check it again.
bool MrcSimplicial::flipsPayOnHeldOut(const SimplexMesh& mesh, int passes) const {
  auto same = [&](const SimplexMesh& m) {
    return m.nodes.rows() == mesh.nodes.rows() && m.simplices.rows() == mesh.simplices.rows() &&
           m.nodes == mesh.nodes && m.simplices == mesh.simplices;
  };
  if (same(flipsRefusedOn_)) return false;
  constexpr int kFolds = 4;
  if (flipsPayOnHeldOutSamples(mesh, trainU_, trainY_, loopNoise(), minVolume(), options_.smoothing,
                               passes, kFolds))
    return true;
  flipsRefusedOn_ = mesh;
  return false;
}

// Data-dependent flips (2D), each pass followed by an exact refit, while they lower the error.
int MrcSimplicial::flip(SimplicialFit& fit, std::vector<std::array<int, 2>>* created) const {
  constexpr int kPasses = 4;
  int flipped = 0;
  // At the noise floor a flip that lowers the training error may only fit the noise better
  // (on B2 at D = 4096 the flips lowered it and raised the error against the truth by 1.3%):
  // there flips are made only where they pay on held-out samples (held_out.h). (The floor of
  // the fit's own mesh: in train() the engine's mesh_ has been moved into `fit`.)
  const bool atFloor =
      options_.noiseAware && fit.sse <= noiseFloorEnergy(loopNoise(), fit.mesh.nodeCount());
  if (atFloor && !flipsPayOnHeldOut(fit.mesh, kPasses)) return 0;
  for (int pass = 0; pass < kPasses; ++pass) {
    const int flips = flipEdges(fit.mesh, fit.coefficients, fit.located, trainU_, trainY_,
                                loopNoise(), minVolume(), created);
    if (flips == 0) break;
    flipped += flips;
    refit(fit);  // the flipped samples' coordinates are already set: nobody moves
  }
  if (created && !created->empty()) {
    // A later pass may have flipped an edge away again: keep those in the mesh, once each.
    std::set<std::array<int, 2>> edges;
    for (int t = 0; t < fit.mesh.simplexCount(); ++t)
      for (int a = 0; a < 3; ++a) {
        const int u = fit.mesh.simplices(t, a), v = fit.mesh.simplices(t, (a + 1) % 3);
        edges.insert({std::min(u, v), std::max(u, v)});
      }
    std::sort(created->begin(), created->end());
    created->erase(std::unique(created->begin(), created->end()), created->end());
    std::erase_if(*created, [&](const std::array<int, 2>& e) { return !edges.count(e); });
  }
  return flipped;
}

// The first fit at the floor is checked on held-out samples (floor_check.h); when the loop
// run past the floor generalises better there, the estimate read structure as noise and the
// loop goes on without it (as with --no-noise-floor).
void MrcSimplicial::checkNoiseFloor() {
  if (floor_ != FloorCheck::Pending || !atNoiseFloor()) return;
  floor_ = floorHoldsOnHeldOut(currentModel(), trainU_, trainY_, options_, cancelFlag())
               ? FloorCheck::Held
               : FloorCheck::Refuted;
  floorUnchecked_ =
      floor_ == FloorCheck::Held && !floorCheckCanTell(trainU_.rows(), mesh_.simplexCount());
}

const std::vector<double>& MrcSimplicial::loopNoise() const {
  static const std::vector<double> none;
  return floor_ == FloorCheck::Refuted ? none : noise_;
}

bool MrcSimplicial::atNoiseFloor() const {
  if (floor_ == FloorCheck::Refuted) return false;
  return options_.noiseAware && options_.fit == FitMethod::LeastSquares &&
         moments_.residualEnergy(mesh_, coef_).sum() <= noiseFloor();
}

// Least squares only: Adam's losses move with its batches, not with the placement alone.
bool MrcSimplicial::leavesPoorLoops() const {
  return options_.fit == FitMethod::LeastSquares;
}

// The smallest simplex (d! times its volume) that flips, collapses and node moves may leave:
// a millionth of the mean simplex, or of the median one where that is smaller (data in a
// corner of the domain, beside one far sample: the cells there are all far below the mean).
// Thin cells are welcome; slivers are not (their barycentric frames lose digits, and
// round-off can fold them).
double MrcSimplicial::minVolume() const {
  const int S = mesh_.simplexCount();
  std::vector<double> volume(size_t(std::max(S, 1)), 1.0);
  for (int t = 0; t < S; ++t) volume[size_t(t)] = mesh_.signedVolume(t);
  std::nth_element(volume.begin(), volume.begin() + S / 2, volume.end());
  const double typical = std::min(1.0 / std::max(1, S), volume[size_t(S / 2)]);
  return std::max(std::pow(options_.minWidth, dim_), 1e-6 * typical);
}

// What noise alone leaves (noise_floor.h); 0 without noise awareness.
double MrcSimplicial::noiseFloor() const {
  return noiseFloorEnergy(loopNoise(), mesh_.nodeCount());
}

// Hardness of each simplex: its residual energy, less (with noise awareness) the noise floor
// estimated from the samples' local noise variances -- what a better mesh cannot remove.
// Without that, nodes would follow the data density in noisy regions and overfit.
Vector MrcSimplicial::hardness() const {
  Vector energy = moments_.residualEnergy(mesh_, coef_);
  const std::vector<double>& variance = loopNoise();
  if (variance.empty()) return energy;
  Vector noise = Vector::Zero(mesh_.simplexCount());
  for (long n = 0; n < trainU_.rows(); ++n) noise(located_.simplex[n]) += variance[n];
  for (int t = 0; t < mesh_.simplexCount(); ++t)
    energy(t) = approximationEnergy(energy(t), noise(t), moments_.count(t));
  return energy;
}

// A few node-movement steps per iteration in 2D (the Polish sub-step); the best model gets
// the full polish at the end. (On tetrahedra a step costs a sparse factorisation with much
// fill-in, and steps inside the loop were not seen to pay.)
bool MrcSimplicial::polishes() const {
  return options_.fit == FitMethod::LeastSquares && options_.polishSteps > 0 && dim_ == 2;
}

void MrcSimplicial::train() {
  clearHighlights();
  if (options_.fit == FitMethod::LeastSquares) {
    fitCoefficients();
    SimplicialFit fit = takeFit();
    if (dim_ == 2 && options_.flips) flip(fit, &flipped_);
    putFit(std::move(fit));
    // With a Polish to come, the indicator is measured on the moved mesh (after it).
    if (!polishes()) {
      checkNoiseFloor();
      measureHardness();
    }
    return;
  }
  hardness_ = Vector::Zero(mesh_.simplexCount());  // Adam counts while it trains
  trainAdamSimplicial(mesh_, coef_, located_, trainY_, options_, adam_, rng_, hardness_);
  if (options_.indicator == Indicator::ResidualEnergy) hardness_ = hardness();
}

void MrcSimplicial::moveNodes() {
  const RowMatrix before = mesh_.nodes;
  SimplicialFit fit = takeFit();
  // The floor of N samples, not of N - D (the fit's D coefficients absorb some noise): about
  // D/N higher, a margin that keeps the loop's node moves off the noise. (Until 2 Dec it was
  // read from the moved-out mesh_, by accident; the (N - D) floor measured on
  // bench/family_2d.py: 3 rows better by 1.5-7%, 2 worse by 1.7% and 13%: not taken.)
  polish(fit, std::min(options_.polishSteps, kLoopPolishSteps), noiseFloorEnergy(loopNoise(), 0));
  putFit(std::move(fit));
  checkNoiseFloor();
  measureHardness();
  // The moved nodes and where they were (the numbering is unchanged: only positions move).
  moved_.clear();
  for (int i = 0; i < int(before.rows()); ++i)
    if (before.row(i) != mesh_.nodes.row(i)) moved_.push_back(i);
  movedFrom_.resize(long(moved_.size()), dim_);
  for (size_t r = 0; r < moved_.size(); ++r) movedFrom_.row(long(r)) = before.row(moved_[r]);
}

// The refinement indicator of the current function (least squares): residual energy less the
// noise floor, or the paper's hard-sample counts over shuffled batches.
void MrcSimplicial::measureHardness() {
  if (options_.indicator == Indicator::ResidualEnergy) {
    hardness_ = hardness();
    return;
  }
  const std::vector<long> order = shuffledOrder(trainY_.rows(), rng_);
  hardness_ = gpu_ && options_.batchSize <= CudaMomentsND::kMaxBatch
                  ? gpu_->hardSampleCounts(mesh_, *locator_, coef_, located_.simplex, order,
                                           options_.batchSize, options_.hardPerBatch)
                  : hardSampleCountsSimplicial(mesh_, coef_, located_, trainY_, order,
                                               options_.batchSize, options_.hardPerBatch);
}

void MrcSimplicial::refine() {
  const int k = options_.refineCountFor(dim_);
  const IndexMatrix before = mesh_.simplices;
  const Bisection b = options_.indicator == Indicator::ResidualEnergy ? bisectByGain(k)
                                                                      : bisectHardest(hardness_, k);
  inserted_ = b.inserted;
  // Each child carries its parent's hardness shared among the parent's pieces.
  std::vector<int> pieces(hardness_.size(), 0);
  for (int p : b.parent) ++pieces[p];
  Vector h(mesh_.simplexCount());
  for (int t = 0; t < mesh_.simplexCount(); ++t)
    h(t) = hardness_(b.parent[t]) / pieces[b.parent[t]];
  hardness_ = h;
  std::vector<int> same(before.maxCoeff() + 1);
  std::iota(same.begin(), same.end(), 0);  // bisection keeps every node's index
  meshChanged(before, same);
}

void MrcSimplicial::interpolate() {
  // As in 1D: the fine model is refitted (Section 2.5), which re-measures the residual energy at
  // the finer resolution and gives the surpluses the coarsening ranks nodes by; counts keep
  // what refine shared out. The Adam path keeps the interpolated coefficients.
  if (options_.fit == FitMethod::LeastSquares) fitCoefficients();
  if (options_.indicator == Indicator::ResidualEnergy) hardness_ = hardness();
  planCoarsening();
}

void MrcSimplicial::planCoarsening() {
  const int excess = mesh_.nodeCount() - options_.dof;
  toRemove_.clear();
  if (excess <= 0) return;
  const int d = dim_, v = d + 1, C = outputs_;
  const std::vector<std::vector<int>> neighbours = mesh_.nodeNeighbours();
  const std::vector<int> corners = mesh_.cornerNodes();
  // sum over samples of psi_i^2: how much a change of c_i moves the residual energy.
  Vector weight = Vector::Zero(mesh_.nodeCount());
  for (int t = 0; t < mesh_.simplexCount(); ++t)
    for (int a = 0; a < v; ++a) weight(mesh_.simplices(t, a)) += moments_.G(t, a * v + a);
  // Cost of removing node i: its hierarchical surplus (c_i minus the affine fit of its
  // neighbours at p_i), squared and weighted by the data under its hat.
  Vector cost = Vector::Constant(mesh_.nodeCount(), HUGE_VAL);
  for (int i = 0; i < mesh_.nodeCount(); ++i) {
    if (std::find(corners.begin(), corners.end(), i) != corners.end()) continue;
    const auto& nb = neighbours[i];
    Eigen::MatrixXd A(nb.size(), d + 1);
    Eigen::MatrixXd rhs(nb.size(), C);
    for (size_t r = 0; r < nb.size(); ++r) {
      A.row(long(r)).head(d) = mesh_.nodes.row(nb[r]);
      A(long(r), d) = 1;
      rhs.row(long(r)) = coef_.row(nb[r]);
    }
    const Eigen::MatrixXd plane = A.colPivHouseholderQr().solve(rhs);
    Eigen::RowVectorXd at(d + 1);
    at.head(d) = mesh_.nodes.row(i);
    at(d) = 1;
    const double surplus = (at * plane - coef_.row(i)).squaredNorm();
    cost(i) = surplus * (weight(i) + 1e-6);
  }
  // Cheapest first, never two neighbours in one round (their surpluses assume the other stays);
  // if that leaves too few, fill up by cost.
  std::vector<int> order(mesh_.nodeCount());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return cost(a) < cost(b); });
  std::vector<char> blocked(mesh_.nodeCount(), 0), taken(mesh_.nodeCount(), 0);
  for (int i : order) {
    if (int(toRemove_.size()) == excess || !std::isfinite(cost(i))) break;
    if (blocked[i]) continue;
    toRemove_.push_back(i);
    taken[i] = 1;
    for (int j : neighbours[i]) blocked[j] = 1;
  }
  for (int i : order) {
    if (int(toRemove_.size()) == excess || !std::isfinite(cost(i))) break;
    if (!taken[i]) toRemove_.push_back(i), taken[i] = 1;
  }
  // The collapse tries the planned nodes first, then the others by cost (when a planned node
  // has no valid collapse).
  removalOrder_ = toRemove_;
  for (int i : order)
    if (!taken[i] && std::isfinite(cost(i))) removalOrder_.push_back(i);
  std::sort(toRemove_.begin(), toRemove_.end());
}

void MrcSimplicial::coarsen() {
  if (toRemove_.empty() && mesh_.nodeCount() > options_.dof) planCoarsening();
  if (options_.coarsening == Coarsening::Collapse) {
    const IndexMatrix before = mesh_.simplices;
    const RowMatrix positions = mesh_.nodes;
    const CollapseResult c =
        collapseNodes(mesh_, coef_, removalOrder_, mesh_.nodeCount() - options_.dof, minVolume());
    removed_.resize(long(c.removed.size()), dim_);
    for (size_t r = 0; r < c.removed.size(); ++r)
      removed_.row(long(r)) = positions.row(c.removed[r]);
    toRemove_.clear();
    removalOrder_.clear();
    inserted_.clear();
    meshChanged(before, c.nodeMap);
    hardness_ = Vector::Zero(mesh_.simplexCount());
    return;
  }
  std::vector<int> nodeMap(mesh_.nodeCount(), 0);
  for (int i : toRemove_) nodeMap[i] = -1;
  const int kept = mesh_.nodeCount() - int(toRemove_.size());
  RowMatrix nodes(kept, dim_), coef(kept, outputs_);
  removed_.resize(long(toRemove_.size()), dim_);
  for (int i = 0, k = 0, r = 0; i < mesh_.nodeCount(); ++i) {
    if (nodeMap[i] < 0) {
      removed_.row(r++) = mesh_.nodes.row(i);
      continue;
    }
    nodeMap[i] = k;
    nodes.row(k) = mesh_.nodes.row(i);
    coef.row(k++) = coef_.row(i);  // f at a kept node is its coefficient: interpolation
  }
  const IndexMatrix before = std::move(mesh_.simplices);
  mesh_.nodes = std::move(nodes);
  mesh_.simplices = delaunay(mesh_.nodes);
  for (int t = 0; t < mesh_.simplexCount(); ++t)
    if (mesh_.signedVolume(t) < 0) std::swap(mesh_.simplices(t, 0), mesh_.simplices(t, 1));
  coef_ = std::move(coef);
  toRemove_.clear();
  inserted_.clear();
  meshChanged(before, nodeMap);
  hardness_ = Vector::Zero(mesh_.simplexCount());
}

void MrcSimplicial::reindex() {
  // Renumber nodes along a coarse space-filling order (grid cell, then coordinates) so that
  // neighbours in space are neighbours in memory; simplices follow.
  const int D = mesh_.nodeCount();
  std::vector<int> order(D);
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](int i) {
    std::array<double, 3> k{0, 0, 0};
    for (int c = 0; c < dim_; ++c)
      k[dim_ - 1 - c] = std::floor(mesh_.nodes(i, c) * 16) + mesh_.nodes(i, c) * 1e-3;
    return k;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
  std::vector<int> newIndex(D);
  RowMatrix nodes(D, dim_), coef(D, outputs_);
  for (int k = 0; k < D; ++k) {
    newIndex[order[k]] = k;
    nodes.row(k) = mesh_.nodes.row(order[k]);
    coef.row(k) = coef_.row(order[k]);
  }
  for (int t = 0; t < mesh_.simplexCount(); ++t)
    for (int k = 0; k <= dim_; ++k) mesh_.simplices(t, k) = newIndex[mesh_.simplices(t, k)];
  mesh_.nodes = std::move(nodes);
  coef_ = std::move(coef);
  // Simplices keep their order and their vertex order: the located samples, the per-simplex
  // sums and the locator (frames and cell lists per simplex) are all still valid.
  resetHighlights(mesh_.simplexCount());
  adam_.reset(D, outputs_);  // the moments belong to nodes that moved
}

void MrcSimplicial::describeMesh(Snapshot& s) const {
  s.nodes = mesh_.nodes;
  s.simplices = mesh_.simplices;
}

void MrcSimplicial::adoptFunction(const Model& m) {
  mesh_ = SimplexMesh{dim_, m.nodes, m.simplices};
  coef_ = m.coefficients;
  meshChanged();
  resetHighlights(mesh_.simplexCount());
  adam_.reset(mesh_.nodeCount(), outputs_);
}

RowMatrix MrcSimplicial::evaluate(const RowMatrix& U) const {
  return evaluateSimplicial(mesh_, coef_, U);
}

void MrcSimplicial::exportFunction(Model& m) const {
  m.nodes = mesh_.nodes;
  m.simplices = mesh_.simplices;
  m.coefficients = coef_;
}

// Starts: the fitted mesh, the uniform Kuhn grid and the tensor start; each flipped (2D) and
// polished until it stops improving, with the same noise floor as the fit (below it, a lower
// training error would be noise).
Model MrcSimplicial::referenceModel(const Model& fitted) {
  constexpr int kSteps = 200, kRounds = 3;
  std::vector<SimplexMesh> starts{SimplexMesh{dim_, fitted.nodes, fitted.simplices}};
  int m = std::max(2, int(std::floor(std::pow(double(fitted.dof()), 1.0 / dim_) + 1e-9)));
  while (std::pow(double(m), dim_) > fitted.dof()) --m;
  options_.dof = fitted.dof();
  useStart(SimplexMesh::kuhnGrid(dim_, m));
  starts.push_back(mesh_);
  chooseTensorStart();
  starts.push_back(mesh_);
  SimplicialFit best;
  for (SimplexMesh& start : starts) {
    if (best.locator && cancelled()) break;
    SimplicialFit fit;
    fit.mesh = std::move(start);
    refit(fit);
    for (int round = 0; round < kRounds && !cancelled(); ++round) {
      const double before = fit.sse;
      if (dim_ == 2) flip(fit);
      polish(fit, kSteps, noiseFloor());
      if (!(fit.sse < before * (1 - 1e-6))) break;
    }
    if (!best.locator || fit.sse < best.sse) best = std::move(fit);
  }
  Model r = fitted;
  r.nodes = best.mesh.nodes;
  r.simplices = best.mesh.simplices;
  r.coefficients = best.coefficients;
  refitOnAll(r);
  r.training["method"] = "reference";
  return r;
}

double MrcSimplicial::noiseLevel() const {
  return noiseStandardDeviation(noise_, outputs_);
}

Metrics MrcSimplicial::trainMetrics() const {
  RowMatrix P = RowMatrix::Zero(trainY_.rows(), outputs_);
  for (long n = 0; n < P.rows(); ++n)
    for (int k = 0; k <= dim_; ++k)
      P.row(n) += located_.lambda(n, k) * coef_.row(mesh_.simplices(located_.simplex[n], k));
  return computeMetrics(trainY_, P);
}

// The best mesh, flipped and polished on the placement sample (the full polish budget; the loop
// takes 2 steps); where the loop was short of samples per node (half_nodes.h) the fit with half
// the nodes, bisected up to D and finished alike, replaces it when it trains better. Then, when
// the mesh was placed on a placement sample, the coefficients are refitted on every sample.
void MrcSimplicial::finalizeModel(Model& m) const {
  if (options_.fit != FitMethod::LeastSquares) return;
  if (floor_ != FloorCheck::Pending)
    m.training["noise_floor"] = floor_ == FloorCheck::Held ? "held" : "refuted";
  SimplicialFit fit;
  fit.mesh = SimplexMesh{dim_, m.nodes, m.simplices};
  refit(fit);
  if (options_.polishSteps > 0) finish(fit);
  // Where the loop stopped at the noise floor a placement that trains better would only fit
  // the noise better: there the fit with half the nodes is tried only where the floor held
  // unchecked (too few samples per simplex for the check), and taken only if its own loop, with
  // twice the samples per simplex, refuted the floor (the same samples, the same noise
  // estimate). (Not for the noise-floor check's loop, which starts from a given mesh: no
  // tensor start.)
  const bool atFloor = floor_ == FloorCheck::Held;
  bool nested = false;
  if (options_.tensorStart && shortOfSamples(trainU_.rows(), options_.dof, dim_) &&
      (!atFloor || floorUnchecked_) && !cancelled()) {
    // A candidate whose own loop fails numerically (cells too small for the normal equations,
    // beside one sample a million box widths away) is dropped: the loop's fit stands.
    std::optional<Model> half;
    try {
      half = fitWithHalfTheNodes(trainU_, trainY_, normalizer(), options_, cancelFlag(), atFloor);
    } catch (const Error&) {
      half.reset();
    }
    const bool refuted = half && half->training.count("noise_floor") &&
                         half->training.at("noise_floor") == "refuted";
    SimplicialFit grown;
    if (half && (!atFloor || refuted)) {
      grown.mesh = SimplexMesh{dim_, half->nodes, half->simplices};
      refit(grown);
      growTo(grown, options_.dof);
      if (options_.polishSteps > 0) finish(grown);
    }
    if (grown.locator && grown.mesh.nodeCount() == options_.dof && grown.sse < fit.sse) {
      fit = std::move(grown);
      nested = true;
      m.training["placement"] = "half the nodes, bisected";
      if (atFloor) m.training["noise_floor"] = "refuted";
    }
  }
  if (options_.polishSteps > 0 || nested) {
    m.nodes = fit.mesh.nodes;
    m.simplices = fit.mesh.simplices;
    m.coefficients = fit.coefficients;
  }
  refitOnAll(m);
}

// The final flips and polish of a fit (on the placement sample).
void MrcSimplicial::finish(SimplicialFit& fit) const {
  if (dim_ == 2 && options_.flips) flip(fit);
  polish(fit, options_.polishSteps, noiseFloor());
  if (dim_ == 2 && options_.flips) flip(fit);
}

// Bisects the edges that lower the error most (as the loop's refinement, D/8 a round, each round
// refitted) until the mesh has `dof` nodes; where refinement may bisect no edge, the longest
// edges of the simplices with the most samples.
void MrcSimplicial::growTo(SimplicialFit& fit, int dof) const {
  while (fit.mesh.nodeCount() < dof) {
    const int k = std::min(dof - fit.mesh.nodeCount(), options_.refineCountFor(dim_));
    std::vector<std::array<int, 2>> edges = edgesByGain(fit.mesh, fit.located, fit.coefficients, k);
    if (edges.empty()) edges = edgesOfHardest(fit.mesh, fit.moments.count, k);
    if (edges.empty()) return;  // every edge at the minimum width
    bisectEdges(fit.mesh, fit.coefficients, edges);
    fit.located = {};
    refit(fit);
  }
}

// The mesh was placed on a placement sample: its coefficients are refitted on every sample.
void MrcSimplicial::refitOnAll(Model& m) const {
  if (!full_) return;
  const SimplexMesh mesh{dim_, m.nodes, m.simplices};
  const SimplexLocator locator(mesh);
  m.coefficients = solveLeastSquaresND(mesh, full_->moments(mesh, locator), options_.smoothing);
  m.training["placement_samples"] = std::to_string(trainU_.rows());
}

Metrics MrcSimplicial::trainingMetrics(const Model& model) const {
  if (full_) return full_->metrics(model);
  return computeMetrics(trainY_, model.predictUnit(trainU_));
}

}  // namespace lreg::detail
