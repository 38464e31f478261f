#include "1d/mrc1d.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include "1d/basis1d.h"
#include "1d/coarsen1d.h"
#include "1d/curvature_starts.h"
#include "1d/gap_energy.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"
#include "1d/leave_one_out1d.h"
#include "1d/node_exchange.h"
#include "1d/polish1d.h"
#include "1d/refine1d.h"
#include "engine/hard_samples.h"
#include "engine/noise_floor.h"
#include "engine/ranking.h"

namespace lreg::detail {
namespace {

// Exponent that turns an interval's squared-residual energy into its share of nodes: for P1
// on an interval of width h the L2 error energy scales as |f''|^2 w h^5, so equal energy per
// interval (the optimum) means node density ~ (|f''|^2 w)^(1/5) and an interval's share of
// the node budget is energy^(1/5).
constexpr double kEnergyExponent = 0.2;

}  // namespace

Mrc1D::Mrc1D(TrainingSet train, const Dataset* validation, const MrcOptions& options)
    : MrcEngine(train, validation, options),
      samples_(std::move(train.sorted)),
      full_(std::move(train.full)),
      rng_(options.seed),
      damping_(options.damping) {
  if (options_.noiseAware) samples_.estimateNoise();
  if (samples_.y.rows() > 0)
    targetSpread_ =
        (samples_.y.colwise().maxCoeff() - samples_.y.colwise().minCoeff()).squaredNorm();
  if (resolveDevice(options_.device) == Device::Cuda &&
      samples_.outputs() <= CudaSamples1D::kMaxOutputs)
    gpu_ = std::make_unique<CudaSamples1D>(samples_);
  // Start from the quantiles of half data density, half uniform: nodes where the data is,
  // without leaving sparse regions empty.
  const Mesh1D reference = Mesh1D::uniform(std::max(4 * options_.dof, 64));
  const std::vector<long> refStart = samples_.intervalStarts(reference);
  Vector mass(reference.intervals());
  for (int j = 0; j < reference.intervals(); ++j)
    mass(j) =
        0.5 * double(refStart[j + 1] - refStart[j]) / samples_.size() + 0.5 * reference.width(j);
  setMesh(Mesh1D(equalFrequencyNodes(reference, mass, options_.dof, options_.minWidth)));
  coef_ = train.meanY.replicate(mesh_.size(), 1);
  hardness_ = Vector::Zero(mesh_.intervals());
}

void Mrc1D::setMesh(Mesh1D mesh) {
  mesh_ = std::move(mesh);
  start_ = samples_.intervalStarts(mesh_);
}

std::vector<int> Mrc1D::cellOfSamples() const {
  return Samples1D::intervalOfEach(start_);
}

Moments1D Mrc1D::computeMoments(const Mesh1D& mesh, const std::vector<long>& start) const {
  return gpu_ ? gpu_->compute(mesh, start) : Moments1D::compute(mesh, samples_, start);
}

void Mrc1D::fitCoefficients() {
  moments_ = computeMoments(mesh_, start_);
  coef_ = solveLeastSquares1D(mesh_, moments_, options_.smoothing);
}

// Fills hardness_ for the current mesh and function (the LSQ path; Adam counts while training).
void Mrc1D::measureHardness() {
  if (options_.indicator == Indicator::ResidualEnergy) {
    hardness_ = moments_.residualEnergy(coef_);  // moments_ belong to the current mesh
    if (options_.noiseAware) hardness_ = approximationEnergy(hardness_);
    return;
  }
  // The paper's counts: shuffled batches, top-k squared residuals of each.
  const std::vector<int> cell = cellOfSamples();
  const std::vector<long> order = shuffledOrder(samples_.size(), rng_);
  if (gpu_ && options_.batchSize <= CudaSamples1D::kMaxBatch) {
    hardness_ = gpu_->hardSampleCounts(mesh_, coef_, cell, order, options_.batchSize,
                                       options_.hardPerBatch);
    return;
  }
  hardness_ = hardSampleCounts1D(mesh_, coef_, samples_, cell, order, options_.batchSize,
                                 options_.hardPerBatch);
}

// Residual energy minus the noise floor of each interval: what a better mesh can still remove.
// Nodes follow this part only, not the data density that the noise energy would follow.
Vector Mrc1D::approximationEnergy(const Vector& residual) const {
  Vector a(residual.size());
  for (Eigen::Index j = 0; j < a.size(); ++j) {
    double noise = 0;
    for (long i = start_[j]; i < start_[j + 1]; ++i) noise += samples_.noise[i];
    a(j) = detail::approximationEnergy(residual(j), noise, double(start_[j + 1] - start_[j]));
  }
  return a;
}

void Mrc1D::train() {
  clearHighlights();
  if (options_.fit == FitMethod::LeastSquares) {
    fitCoefficients();
    if (options_.polishSteps > 0) {
      PolishResult polished = polishNodes1D(
          mesh_, coef_, moments_,
          [&](const Mesh1D& m) { return computeMoments(m, samples_.intervalStarts(m)); },
          options_.smoothing, options_.minWidth, options_.polishSteps,
          noiseFloorEnergy(samples_.noise, options_.dof));
      setMesh(std::move(polished.mesh));
      coef_ = std::move(polished.coefficients);
      moments_ = std::move(polished.moments);
    }
    keepOrRevert();
    rememberSnapshot();
    measureHardness();
  } else {
    hardness_ = Vector::Zero(mesh_.intervals());
    if (gpu_ && CudaSamples1D::adamFits(mesh_.size(), outputs_, options_.batchSize))
      gpu_->trainAdam(mesh_, coef_, cellOfSamples(), options_, adam_, rng_, hardness_);
    else
      trainAdam1D(mesh_, coef_, samples_, cellOfSamples(), options_, adam_, rng_, hardness_);
    if (options_.indicator == Indicator::ResidualEnergy)
      hardness_ = residualEnergy1D(mesh_, coef_, samples_, start_);
  }
}

// A trust region on the mesh updates: a new mesh that fits worse than the best one so far is
// dropped (the loop goes on from the best mesh) and the next update is damped more; one that
// fits better is kept and the damping relaxes again. Where intervals hold only a few samples
// their residual energies are a rough guide, and undamped updates would oscillate.
void Mrc1D::keepOrRevert() {
  const double sse = moments_.residualEnergy(coef_).sum();
  if (!best_.valid || sse < best_.sse) {
    best_ = {true, sse, mesh_, coef_};
    damping_ = std::min(options_.damping, damping_ * 2);
    return;
  }
  damping_ = std::max(damping_ * 0.5, 0.02);
  setMesh(best_.mesh);
  coef_ = best_.coefficients;
  moments_ = computeMoments(mesh_, start_);
}

// The loop's fit with the smallest leave-one-out error so far: the training error keeps falling
// as nodes crowd into a feature, and an earlier mesh may generalise better than the last.
void Mrc1D::rememberSnapshot() {
  const double loo =
      leaveOneOut1D(mesh_, samples_, start_, moments_, coef_, options_.smoothing).energy;
  if (!snapshot_.valid || loo < snapshot_.loo)
    snapshot_ = {true, moments_.residualEnergy(coef_).sum(), mesh_, coef_, loo};
}

void Mrc1D::refine() {
  RefinedMesh1D refined =
      refineHardest(mesh_, hardness_, options_.refineCountFor(1), options_.minWidth);
  coef_ = interpolate1D(mesh_, coef_, refined.fine);  // the function is unchanged by refinement
  setMesh(std::move(refined.fine));
  hardness_ = std::move(refined.hardness);
  original_ = std::move(refined.original);
  inserted_ = std::move(refined.inserted);
}

void Mrc1D::interpolate() {
  // The inserted nodes' coefficients came from interpolation in refine(); here the fine model
  // is updated as the paper's Section 2.5 describes: by least squares on the fine mesh, which
  // also re-measures the residual energy at the finer resolution.
  if (options_.fit == FitMethod::LeastSquares) {
    fitCoefficients();
    if (options_.indicator == Indicator::ResidualEnergy) measureHardness();
  }
  planCoarsening();
}

Vector Mrc1D::coarseningMass() const {
  const int M = mesh_.intervals();
  Vector indicator(M), dataShare(M);
  for (int j = 0; j < M; ++j) {
    indicator(j) = options_.indicator == Indicator::ResidualEnergy
                       ? std::pow(std::max(hardness_(j), 0.0), kEnergyExponent)
                       : std::max(hardness_(j), 0.0);
    dataShare(j) = double(start_[j + 1] - start_[j]) / samples_.size();
  }
  if (options_.indicator == Indicator::ResidualEnergy) indicator = smoothedShares(indicator);
  return capByData(detail::coarseningMass(mesh_, original_, indicator, dataShare, options_.dof - 1,
                                          damping_, options_.prior));
}

// Shares averaged over neighbouring intervals ([1 2 3 2 1] / 9 in the interval index, the
// computational coordinate in which a graded density is smooth). An interval holding one or two
// samples can have almost no residual (the fit threads through them) although the function
// bends there: alone, its share would send nodes away and the next fit would call them back.
Vector Mrc1D::smoothedShares(const Vector& share) const {
  const int M = int(share.size());
  const double w[5] = {1, 2, 3, 2, 1};
  Vector out(M);
  for (int j = 0; j < M; ++j) {
    double sum = 0, weight = 0;
    for (int o = -2; o <= 2; ++o)
      if (j + o >= 0 && j + o < M) sum += w[o + 2] * share(j + o), weight += w[o + 2];
    out(j) = sum / weight;
  }
  return out;
}

// No more coarse intervals in a fine interval than it has samples: where nodes outnumber the
// samples, the training error can still fall (the fit threads through single samples) while
// the function between them goes astray. Mass above the cap goes to the other intervals in
// proportion to theirs. A fine interval without samples (the gap at a jump) gets no node.
Vector Mrc1D::capByData(Vector mass) const {
  const int M = mesh_.intervals();
  Vector cap(M);
  for (int j = 0; j < M; ++j) cap(j) = double(start_[j + 1] - start_[j]) / (options_.dof - 1);
  return capMass(mass, cap);
}

void Mrc1D::planCoarsening() {
  planned_ = equalFrequencyNodes(mesh_, coarseningMass(), options_.dof, options_.minWidth);
  toRemove_ = unmatchedNodes(mesh_.nodes(), planned_);
}

void Mrc1D::coarsen() {
  if (planned_.empty()) planCoarsening();
  removed_.resize(long(toRemove_.size()), 1);
  for (size_t r = 0; r < toRemove_.size(); ++r) removed_(long(r), 0) = mesh_.node(toRemove_[r]);
  Mesh1D coarse(std::move(planned_));
  planned_.clear();
  coef_ = interpolate1D(mesh_, coef_, coarse);
  setMesh(std::move(coarse));
  hardness_ = Vector::Zero(mesh_.intervals());
  inserted_.clear();
  toRemove_.clear();  // removed_ stays: the Coarsen snapshot shows it
  original_.clear();
}

void Mrc1D::reindex() {
  // 1D nodes are kept sorted, so renumbering is implicit; what remains is the bookkeeping:
  // counts reset, highlights cleared, and Adam's moments dropped since the nodes moved.
  resetHighlights(mesh_.intervals());
  adam_.reset(mesh_.size(), outputs_);
}

void Mrc1D::describeMesh(Snapshot& s) const {
  const int D = mesh_.size();
  s.nodes = Eigen::Map<const RowMatrix>(mesh_.nodes().data(), D, 1);
  s.simplices.resize(D - 1, 2);
  for (int j = 0; j + 1 < D; ++j) s.simplices.row(j) << j, j + 1;
}

void Mrc1D::adoptFunction(const Model& m) {
  best_ = Best{};
  snapshot_ = Best{};
  damping_ = options_.damping;
  setMesh(Mesh1D(std::vector<double>(m.nodes.data(), m.nodes.data() + m.nodes.rows())));
  coef_ = m.coefficients;
  resetHighlights(mesh_.intervals());
  planned_.clear();
  original_.clear();
  adam_.reset(mesh_.size(), outputs_);
}

RowMatrix Mrc1D::evaluate(const RowMatrix& U) const {
  return evaluate1D(mesh_, coef_, U);
}

void Mrc1D::exportFunction(Model& m) const {
  Snapshot s;
  describeMesh(s);
  m.nodes = s.nodes;
  m.simplices = s.simplices;
  m.coefficients = coef_;
}

// A polished least-squares fit from the node vector `nodes` on the placement sample (samples_)
// or, with `all`, on every sample (the full passes; samples_ when it is every sample), polished
// down to the noise floor at most. The noise is estimated on samples_: on every sample its floor
// scales with the sample count.
Mrc1D::Best Mrc1D::polishedFit(std::vector<double> nodes, bool all, int steps) const {
  const bool full = all && full_;
  const MomentsFunction moments1D = [&](const Mesh1D& t) {
    return full ? full_->moments(t) : Moments1D::compute(t, samples_, samples_.intervalStarts(t));
  };
  Mesh1D mesh(std::move(nodes));
  Moments1D moments = moments1D(mesh);
  const double floor = noiseFloorEnergy(samples_.noise, int(mesh.size())) * moments.count.sum() /
                       double(samples_.size());
  RowMatrix c = solveLeastSquares1D(mesh, moments, options_.smoothing);
  if (steps > 0) {
    PolishResult p = polishNodes1D(mesh, c, moments, moments1D, options_.smoothing,
                                   options_.minWidth, steps, floor, {}, cancelFlag());
    return {true, p.sse, std::move(p.mesh), std::move(p.coefficients)};
  }
  return {true, moments.residualEnergy(c).sum(), std::move(mesh), std::move(c)};
}

// What candidate placements are chosen by, on samples_ (b comes from polishedFit on samples_):
// the fit's leave-one-out energy (leave_one_out1d.h) interval by interval, raised where an
// interval holds kThreadedSamples samples or fewer to the approximation energy `field`
// predicts for it. A line threads two samples exactly, and leaving one out shows the slope of
// its neighbours, not how far the function bends away between the samples: a narrow peak's tip
// in an interval as wide as the sample spacing looks fitted to both errors.
Mrc1D::Best Mrc1D::scored(Best b, const CurvatureField& field) const {
  constexpr double kThreadedSamples = 2;
  const std::vector<long> start = samples_.intervalStarts(b.mesh);
  const Moments1D moments = Moments1D::compute(b.mesh, samples_, start);
  const Vector loo =
      leaveOneOut1D(b.mesh, samples_, start, moments, b.coefficients, options_.smoothing)
          .byInterval;
  const Vector bound = field.approximationEnergy(b.mesh);
  const Vector gap = gapEnergy1D(b.mesh, b.coefficients, samples_, start);
  b.loo = 0;
  for (int j = 0; j < b.mesh.intervals(); ++j)
    b.loo += (moments.count(j) <= kThreadedSamples ? std::max(loo(j), bound(j)) : loo(j)) + gap(j);
  return b;
}

// The fit from `nodes` polished past the noise floor, with only the nodes of intervals whose
// residual energy exceeds what their noise leaves by more than 3 sd of that noise energy
// moving: where a jump is not yet bracketed, its two intervals; elsewhere nothing that noise
// explains. `margin` is how much lower its leave-one-out energy must be to win: the LOO error
// holds nodes fixed and does not charge for the k positions fitted, which on pure noise take
// about sigma^2 each off the training error (Mallows' Cp charges 2 sigma^2 per fitted
// parameter), plus one sd of the noise energy of the samples those nodes touch (differences
// below it are chance). On noise-free data every node with a residual moves and the margin
// is ~0.
Mrc1D::Best Mrc1D::pastFloorFit(const std::vector<double>& nodes, int steps,
                                const CurvatureField& field, double& margin) const {
  const Mesh1D mesh(nodes);
  const std::vector<long> start = samples_.intervalStarts(mesh);
  const Moments1D moments = Moments1D::compute(mesh, samples_, start);
  RowMatrix c = solveLeastSquares1D(mesh, moments, options_.smoothing);
  const Vector residual = moments.residualEnergy(c);
  const int D = mesh.size();
  std::vector<char> movable(size_t(D), 0);
  double fitted = 0;
  auto noiseOf = [&](long i) { return samples_.noise.empty() ? 0.0 : samples_.noise[size_t(i)]; };
  for (int j = 0; j < mesh.intervals(); ++j) {
    double noise = 0, sq = 0;
    for (long i = start[j]; i < start[j + 1]; ++i)
      noise += noiseOf(i), sq += noiseOf(i) * noiseOf(i);
    if (residual(j) > noise + 3 * std::sqrt(2 * sq))
      movable[size_t(j)] = movable[size_t(j) + 1] = 1;
  }
  std::vector<int> touched;
  for (int j = 0; j < mesh.intervals(); ++j)
    if (movable[size_t(j)] || movable[size_t(j) + 1]) touched.push_back(j);
  for (int i = 1; i + 1 < D; ++i) fitted += movable[size_t(i)];
  margin = chanceMargin(fitted, touched, start);
  if (fitted == 0) return {};  // nothing the noise does not explain: no candidate
  const MomentsFunction moments1D = [&](const Mesh1D& t) {
    return Moments1D::compute(t, samples_, samples_.intervalStarts(t));
  };
  PolishResult p = polishNodes1D(mesh, c, moments, moments1D, options_.smoothing, options_.minWidth,
                                 steps, 0.0, movable, cancelFlag());
  return scored({true, p.sse, std::move(p.mesh), std::move(p.coefficients)}, field);
}

// The margin a placement of `placed` fitted node positions must win by on noisy data
// (pastFloorFit): 2 sigma^2 per position, plus one sd of the noise energy of the samples in the
// `intervals` it touches (`start`: the mesh's interval starts). 0 on noise-free data.
double Mrc1D::chanceMargin(double placed, const std::vector<int>& intervals,
                           const std::vector<long>& start) const {
  if (samples_.noise.empty()) return 0;
  double variance = 0, squares = 0;
  for (double v : samples_.noise) variance += v;
  variance /= double(samples_.noise.size());
  for (int j : intervals)
    for (long i = start[size_t(j)]; i < start[size_t(j) + 1]; ++i)
      squares += samples_.noise[size_t(i)] * samples_.noise[size_t(i)];
  return 2 * placed * variance + std::sqrt(2 * squares);
}

// The curvature field candidates are scored by: read off the least-squares fit on a pilot
// mesh kPilotFactor times finer than `nodes`.
CurvatureField Mrc1D::pilotField(const Mesh1D& mesh) const {
  const Mesh1D pilot = pilotMesh(mesh, samples_.intervalStarts(mesh), kPilotFactor);
  const Moments1D moments = Moments1D::compute(pilot, samples_, samples_.intervalStarts(pilot));
  return {pilot, solveLeastSquares1D(pilot, moments, options_.smoothing), moments.count,
          targetSpread_};
}

// A candidate replaces the incumbent when its score is lower (by `margin`).
bool Mrc1D::consider(Best& incumbent, Best candidate, double margin) {
  if (candidate.valid && (!incumbent.valid || candidate.loo < incumbent.loo - margin)) {
    incumbent = std::move(candidate);
    return true;
  }
  return false;
}

// Curvature restarts (curvature_starts.h) from the incumbent's own fit, two rounds: the second
// reads f'' from the best fit of the first. Each round's density is also tried capped by the
// data (at most one node per kSamplesPerNode samples of an interval): at a jump the slope
// change of the fit reads as an unbounded |f''| and would draw most nodes into it.
void Mrc1D::curvatureRestarts(Best& best, const CurvatureField& field, int steps) const {
  constexpr double kSamplesPerNode = 8;
  const int D = best.mesh.size();
  for (int round = 0; round < 2; ++round) {
    const Moments1D moments =
        Moments1D::compute(best.mesh, samples_, samples_.intervalStarts(best.mesh));
    const Vector mass = curvatureMass(best.mesh, best.coefficients, moments.count);
    const Vector cap = moments.count / (kSamplesPerNode * (D - 1));
    std::vector<std::vector<double>> restarts =
        curvatureStarts(best.mesh, mass, D, 4, options_.minWidth);
    for (auto& s : curvatureStarts(best.mesh, capMass(mass, cap), D, 4, options_.minWidth))
      restarts.push_back(std::move(s));
    bool improved = false;
    for (auto& start : restarts)
      improved |= consider(best, scored(polishedFit(std::move(start), false, steps), field));
    if (!improved) break;
  }
}

// Restarts from a fine pilot fit (de Boor's iteration): f'' read off the fit on a mesh
// kPilotFactor times finer than the incumbent, equidistributed at 4 phases, each tried polished
// and as it is (a smoothly graded mesh can generalise better than the polish's, where nodes
// come near the sample spacing); the next round's pilot refines the best of these. A P1 fit at
// D nodes reads f'' from slope changes D nodes apart, which at a steep front or a narrow peak is
// too coarse to place the nodes the feature needs.
void Mrc1D::pilotRestarts(Best& best, const CurvatureField& field, int steps) const {
  constexpr int kRounds = 2, kPhases = 4;
  const int D = best.mesh.size();
  Mesh1D base = best.mesh;
  for (int round = 0; round < kRounds; ++round) {
    const CurvatureField pilot = pilotField(base);
    Best roundBest;
    for (auto& start : curvatureStarts(pilot.pilot(), pilot.mass(), D, kPhases, options_.minWidth))
      for (int polish : {steps, 0}) {
        Best b = scored(polishedFit(start, false, polish), field);
        if (!roundBest.valid || b.loo < roundBest.loo) roundBest = b;
        consider(best, std::move(b));
      }
    base = roundBest.mesh;
  }
}

// Node exchanges (node_exchange.h) from the incumbent: D / 8 nodes at first; a batch that does
// not lower the score is halved, down to one node, and each accepted batch is tried again from
// the new incumbent. At most kTrials polished fits. True when a batch was kept. On noisy data a
// batch must win by the margin pastFloorFit charges (2 sigma^2 per node placed, plus one sd of the
// noise energy of the samples it touches): the score of a placement chosen among many follows the
// noise too.
bool Mrc1D::nodeExchanges(Best& best, const CurvatureField& field, int steps) const {
  constexpr int kTrials = 8;
  int moves = std::max(1, best.mesh.size() / 8);
  bool improved = false;
  for (int trial = 0; trial < kTrials && moves >= 1 && !cancelled(); ++trial) {
    const std::vector<long> start = samples_.intervalStarts(best.mesh);
    const Moments1D moments = Moments1D::compute(best.mesh, samples_, start);
    const Vector residual = moments.residualEnergy(best.coefficients);
    const Vector cost = removalCost(best.mesh, best.coefficients, samples_, start, residual);
    // Nodes go where the fit misses more than the noise explains: on noisy data the raw
    // residual is largest in the widest intervals, which hold the most noise.
    NodeExchange exchange =
        exchangeNodes(best.mesh, cost, unexplainedEnergy(residual, samples_, start), moments.count,
                      moves, options_.minWidth);
    if (exchange.nodes.empty()) break;
    // A third of the touched intervals count as placed positions.
    const double margin =
        chanceMargin(double(exchange.touched.size()) / 3, exchange.touched, start);
    if (consider(best, scored(polishedFit(std::move(exchange.nodes), false, steps), field), margin))
      improved = true;
    else
      moves /= 2;
  }
  return improved;
}

void Mrc1D::finalizeModel(Model& m) const {
  if (options_.fit != FitMethod::LeastSquares) return;
  const std::vector<double> nodes(m.nodes.data(), m.nodes.data() + m.nodes.rows());
  // Every candidate below is judged by its leave-one-out error (scored()), not its training
  // error: polishing and restarts lower the training error, but where they crowd nodes into a
  // feature until an interval holds a sample or two, the fit threads those samples and
  // overshoots between them. A later candidate replaces the incumbent when its score is lower
  // (by pastFloorFit's margin for a polish past the noise floor).
  // The best mesh and every restart are polished further than a loop iteration would: nodes
  // that bracket a jump or a narrow peak travel by a quarter of their neighbouring widths a
  // step at most, and the loop's few steps per fit rarely bring them all the way.
  const int steps = options_.polishSteps > 0 ? std::max(4 * options_.polishSteps, 16) : 0;
  // Starts: the loop's best fit by training error and, when nodes may move, its best by LOO
  // error (rememberSnapshot).
  // Every candidate has as many nodes as the model (a resumed best may have another count).
  const int D = int(nodes.size());
  const CurvatureField field = steps > 0 ? pilotField(Mesh1D(nodes)) : CurvatureField();
  std::vector<std::vector<double>> starts{nodes};
  if (steps > 0 && snapshot_.valid && snapshot_.mesh.size() == D && snapshot_.mesh.nodes() != nodes)
    starts.push_back(snapshot_.mesh.nodes());
  Best best;
  for (const auto& start : starts) {
    consider(best, scored(polishedFit(start, false, steps), field));
    if (steps > 0) consider(best, scored(polishedFit(start, false, 0), field));
  }
  // Polished past the noise floor: where nodes that have not yet bracketed a jump misfit less
  // than the floor's margin, the floor stops them short (pastFloorFit).
  if (steps > 0)
    for (const auto& start : starts) {
      double margin = 0;
      Best b = pastFloorFit(start, steps, field, margin);
      consider(best, std::move(b), margin);  // (invalid when no node would move)
    }
  if (options_.restarts && steps > 0) {  // polish 0: no node movement at all
    curvatureRestarts(best, field, steps);
    pilotRestarts(best, field, steps);
    // An exchange that wins has moved nodes into a feature the restarts' curvature had missed:
    // read it again from the new incumbent.
    if (nodeExchanges(best, field, steps)) {
      pilotRestarts(best, field, steps);
      curvatureRestarts(best, field, steps);
    }
    // The chosen placement polished until it converges: a node moves at most a quarter of its
    // neighbouring widths a step, and the restarts' steps leave it short of its basin's floor.
    consider(best, scored(polishedFit(best.mesh.nodes(), false, 8 * steps), field));
  }
  if (full_) {
    // The mesh was placed on a placement sample: fit (and polish) it on every sample.
    best = polishedFit(best.mesh.nodes(), true, options_.polishSteps);
    m.training["placement_samples"] = std::to_string(samples_.size());
  }
  m.nodes = Eigen::Map<const RowMatrix>(best.mesh.nodes().data(), best.mesh.size(), 1);
  m.coefficients = std::move(best.coefficients);
}

// Curvature starts at 8 phases from the fitted mesh and from the best of those, plus the
// fitted mesh itself, each polished until it stops improving. Cancelled (setCancelFlag), the
// search takes no further polish step or start and returns the best placement so far, as in
// 2D/3D: the fitted mesh, polished as far as it got, at the least.
Model Mrc1D::referenceModel(const Model& fitted) {
  constexpr int kSteps = 400, kPhases = 8, kRounds = 2;
  Best best = polishedFit(
      std::vector<double>(fitted.nodes.data(), fitted.nodes.data() + fitted.nodes.rows()), false,
      kSteps);
  for (int round = 0; round < kRounds && !cancelled(); ++round) {
    const Moments1D moments =
        Moments1D::compute(best.mesh, samples_, samples_.intervalStarts(best.mesh));
    const Vector mass = curvatureMass(best.mesh, best.coefficients, moments.count);
    Best winner = best;
    for (auto& start : curvatureStarts(best.mesh, mass, fitted.dof(), kPhases, options_.minWidth)) {
      if (cancelled()) break;
      Best b = polishedFit(std::move(start), false, kSteps);
      if (b.sse < winner.sse) winner = std::move(b);
    }
    if (!(winner.sse < best.sse)) break;
    best = std::move(winner);
  }
  if (full_) best = polishedFit(best.mesh.nodes(), true, kSteps);
  Model m = fitted;
  m.nodes = Eigen::Map<const RowMatrix>(best.mesh.nodes().data(), best.mesh.size(), 1);
  m.coefficients = std::move(best.coefficients);
  m.training["method"] = "reference";
  return m;
}

double Mrc1D::noiseLevel() const {
  return noiseStandardDeviation(samples_.noise, outputs_);
}

Metrics Mrc1D::trainMetrics() const {
  return metricsSorted1D(mesh_, coef_, samples_, start_);
}

Metrics Mrc1D::trainingMetrics(const Model& model) const {
  if (full_) return full_->metrics(model);
  const Mesh1D mesh(
      std::vector<double>(model.nodes.data(), model.nodes.data() + model.nodes.rows()));
  return metricsSorted1D(mesh, model.coefficients, samples_, samples_.intervalStarts(mesh));
}

}  // namespace lreg::detail
