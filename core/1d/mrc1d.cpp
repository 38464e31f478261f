#include "1d/mrc1d.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include "1d/basis1d.h"
#include "1d/coarsen1d.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"
#include "1d/polish1d.h"
#include "1d/refine1d.h"
#include "engine/hard_samples.h"

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
      rng_(options.seed) {
  if (options_.noiseAware) samples_.estimateNoise();
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
  coef_ = solveLeastSquares1D(moments_, options_.smoothing);
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
  std::vector<long> order(samples_.size());
  std::iota(order.begin(), order.end(), 0L);
  rng_.shuffle(order);
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
    const long n = start_[j + 1] - start_[j];
    double noise = 0;
    for (long i = start_[j]; i < start_[j + 1]; ++i) noise += samples_.noise[i];
    // The fit absorbs about one degree of freedom per interval.
    const double floor = n > 1 ? noise * double(n - 1) / double(n) : 0.0;
    a(j) = std::max(residual(j) - floor, 1e-3 * residual(j));
  }
  return a;
}

void Mrc1D::train() {
  inserted_.clear();
  toRemove_.clear();
  removed_.resize(0, 1);
  if (options_.fit == FitMethod::LeastSquares) {
    fitCoefficients();
    if (options_.polishSteps > 0) {
      PolishResult polished = polishNodes1D(
          mesh_, coef_, moments_,
          [&](const Mesh1D& m) { return computeMoments(m, samples_.intervalStarts(m)); },
          options_.smoothing, options_.minWidth, options_.polishSteps);
      setMesh(std::move(polished.mesh));
      coef_ = std::move(polished.coefficients);
      moments_ = std::move(polished.moments);
    }
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

void Mrc1D::refine() {
  const int k = options_.refineCount > 0 ? options_.refineCount : std::max(1, options_.dof / 2);
  RefinedMesh1D refined = refineHardest(mesh_, hardness_, k, options_.minWidth);
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
  return detail::coarseningMass(mesh_, original_, indicator, dataShare, options_.dof - 1,
                                options_.damping, options_.prior);
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
  toRemove_.clear();
  original_.clear();
}

void Mrc1D::reindex() {
  // 1D nodes are kept sorted, so renumbering is implicit; what remains is the bookkeeping:
  // counts reset, highlights cleared, and Adam's moments dropped since the nodes moved.
  hardness_ = Vector::Zero(mesh_.intervals());
  removed_.resize(0, 1);
  adam_.reset(mesh_.size(), outputs_);
}

void Mrc1D::describeMesh(Snapshot& s) const {
  const int D = mesh_.size();
  s.nodes = Eigen::Map<const RowMatrix>(mesh_.nodes().data(), D, 1);
  s.simplices.resize(D - 1, 2);
  for (int j = 0; j + 1 < D; ++j) s.simplices.row(j) << j, j + 1;
}

void Mrc1D::adoptFunction(const Model& m) {
  setMesh(Mesh1D(std::vector<double>(m.nodes.data(), m.nodes.data() + m.nodes.rows())));
  coef_ = m.coefficients;
  hardness_ = Vector::Zero(mesh_.intervals());
  inserted_.clear();
  toRemove_.clear();
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

void Mrc1D::finalizeModel(Model& m) const {
  if (!full_ || options_.fit != FitMethod::LeastSquares) return;
  // The mesh was placed on a placement sample: fit (and polish) it on every sample.
  Mesh1D mesh(std::vector<double>(m.nodes.data(), m.nodes.data() + m.nodes.rows()));
  const Moments1D moments = full_->moments(mesh);
  RowMatrix c = solveLeastSquares1D(moments, options_.smoothing);
  if (options_.polishSteps > 0) {
    PolishResult p = polishNodes1D(
        mesh, c, moments, [&](const Mesh1D& t) { return full_->moments(t); }, options_.smoothing,
        options_.minWidth, options_.polishSteps);
    mesh = std::move(p.mesh);
    c = std::move(p.coefficients);
  }
  m.nodes = Eigen::Map<const RowMatrix>(mesh.nodes().data(), mesh.size(), 1);
  m.coefficients = std::move(c);
  m.training["placement_samples"] = std::to_string(samples_.size());
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
