#include <lreg/engine/mrc_engine.h>

#include <chrono>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include "1d/mrc1d.h"
#include "engine/training_set.h"
#include "simplicial/mrc_simplicial.h"

namespace lreg {

MrcEngine::MrcEngine(const detail::TrainingSet& train, const Dataset* validation,
                     const MrcOptions& options)
    : options_(options) {
  if (train.size == 0) throw Error(train.source + ": the training set is empty");
  if (train.outputs < 1) throw Error(train.source + ": the training set has no target column");
  options_.validate(train.size);
  dim_ = train.dim;
  outputs_ = train.outputs;
  normalizer_ = train.normalizer;
  // The training samples stay with the engines, each in the layout it needs (sorted in 1D,
  // located in simplices in d-D): one copy of the data, not two.
  // A data set built in memory may have no column names; the model file needs them.
  inputNames_ = namesOrDefault(train.inputNames, "x", dim_);
  outputNames_ = namesOrDefault(train.outputNames, "y", outputs_);
  if (validation && validation->size() > 0) {
    if (validation->dim() != dim_ || validation->outputs() != outputs_)
      throw Error(validation->source + ": has " + std::to_string(validation->dim()) +
                  " inputs and " + std::to_string(validation->outputs()) +
                  " outputs, the training set " + std::to_string(dim_) + " and " +
                  std::to_string(outputs_));
    validU_ = normalizer_.toUnit(validation->X);
    validY_ = validation->Y;
    hasValidation_ = true;
  }
}

Metrics MrcEngine::validationMetrics(const Metrics& train) const {
  if (!hasValidation_) return train;
  return computeMetrics(validY_, evaluate(validU_));
}

void MrcEngine::clearHighlights() {
  inserted_.clear();
  toRemove_.clear();
  removed_.resize(0, dim_);
  moved_.clear();
  movedFrom_.resize(0, dim_);
  flipped_.clear();
}

void MrcEngine::resetHighlights(int cells) {
  clearHighlights();
  hardness_ = Vector::Zero(cells);
}

SnapshotPtr MrcEngine::step() {
  const Phase next = nextPhase(phase_, polishes());
  // Moves and flips are the last sub-step's news only (a coarsening renumbers the nodes).
  moved_.clear();
  movedFrom_.resize(0, dim_);
  flipped_.clear();
  const auto t0 = std::chrono::steady_clock::now();
  switch (next) {
    case Phase::Train:
      train();
      break;
    case Phase::Polish:
      moveNodes();
      break;
    case Phase::Refine:
      refine();
      break;
    case Phase::Interpolate:
      interpolate();
      break;
    case Phase::Coarsen:
      coarsen();
      break;
    case Phase::Reindex:
      reindex();
      break;
    case Phase::Initial:
      break;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  phase_ = next;
  if (next == Phase::Reindex) ++iteration_;
  return finish(next, seconds);
}

void MrcEngine::startFrom(const Model& model) {
  model.validate();
  if (model.dim != dim_ || model.outputs != outputs_)
    throw Error("the starting model has " + std::to_string(model.dim) + " inputs and " +
                std::to_string(model.outputs) + " outputs, the data " + std::to_string(dim_) +
                " and " + std::to_string(outputs_));
  if ((model.normalizer.lo - normalizer_.lo).cwiseAbs().maxCoeff() > 1e-12 ||
      (model.normalizer.hi - normalizer_.hi).cwiseAbs().maxCoeff() > 1e-12)
    throw Error("the starting model was normalised to another input range than this data");
  options_.dof = model.dof();
  adoptFunction(model);
  phase_ = Phase::Initial;
  iteration_ = 0;
  sinceImprovement_ = 0;
  haveBest_ = false;
  last_.reset();
}

void MrcEngine::resume(const Model& current, int iteration, const Model& best) {
  if (iteration < 0) throw Error("a resumed fit needs an iteration count >= 0");
  best.validate();
  if (best.dim != dim_ || best.outputs != outputs_)
    throw Error("the best model has " + std::to_string(best.dim) + " inputs and " +
                std::to_string(best.outputs) + " outputs, the data " + std::to_string(dim_) +
                " and " + std::to_string(outputs_));
  startFrom(current);
  iteration_ = iteration;
  best_ = best;
  worseThanStart_ = -1;  // the run's start is not known
  bestLoss_ = hasValidation_ ? computeMetrics(validY_, best.predictUnit(validU_)).rmse
                             : trainingMetrics(best).rmse;
  haveBest_ = true;
}

SnapshotPtr MrcEngine::initialSnapshot() {
  if (!last_) last_ = finish(Phase::Initial, 0.0);
  return last_;
}

SnapshotPtr MrcEngine::finish(Phase done, double seconds) {
  totalSeconds_ += seconds;
  auto s = std::make_shared<Snapshot>();
  s->iteration = iteration_;
  s->phase = done;
  s->polishes = polishes();
  s->dim = dim_;
  s->seconds = seconds;
  s->totalSeconds = totalSeconds_;
  s->hasValidation = hasValidation_;
  describeMesh(*s);
  s->coefficients = coef_;
  s->counts = hardness_;
  s->inserted = inserted_;
  s->toRemove = toRemove_;
  s->removed = removed_;
  s->moved = moved_;
  s->movedFrom = movedFrom_;
  s->flipped = flipped_;
  // Metrics cost a pass over the data: always after a fit (they decide the best model and the
  // stop), after other sub-steps only when someone is watching.
  const bool fitted = completesFit(done, s->polishes);
  if (fitted || done == Phase::Initial || (observer_ && metricsEveryPhase_)) {
    s->train = trainMetrics();
    s->validation = validationMetrics(s->train);
  } else if (last_) {
    s->train = last_->train;
    s->validation = last_->validation;
  }
  if (fitted) recordFit(s->validation.rmse);
  last_ = s;
  if (observer_) observer_(s);
  return s;
}

void MrcEngine::recordFit(double loss) {
  constexpr double kClearlyWorse = 0.05;
  if (!haveBest_)
    startLoss_ = loss, worseThanStart_ = 0;
  else if (worseThanStart_ >= 0)
    worseThanStart_ = loss > startLoss_ * (1 + kClearlyWorse) ? worseThanStart_ + 1 : -1;
  // Only a real improvement (0.01%, not noise) resets the patience counter; any improvement
  // updates the best model.
  const bool better = !haveBest_ || loss < bestLoss_;
  const bool clearlyBetter = !haveBest_ || loss < bestLoss_ * (1 - 1e-4);
  sinceImprovement_ = clearlyBetter ? 0 : sinceImprovement_ + 1;
  if (better) {
    best_ = currentModel();
    bestLoss_ = loss;
    haveBest_ = true;
  }
}

SnapshotPtr MrcEngine::iterate() {
  SnapshotPtr s = step();
  while (phase_ != Phase::Reindex) s = step();
  return s;
}

bool MrcEngine::converged() const {
  // Only a completed fit (Train, or its Polish) can end the loop. The budget counts iterations;
  // the final fit after the last Reindex is still run, so a budget of K means K mesh updates
  // and K+1 fits.
  if (!completesFit(phase_, polishes())) return false;
  if (iteration_ >= options_.iterations) return true;
  // A fit that leaves nothing but noise: moving nodes further would fit the noise.
  if (atNoiseFloor()) return true;
  // The first kPoorFits iterations all trained more than 5% worse than the start: the start is
  // a placement the loop moves away from, not toward (B2's tensor start, whose thin strips
  // refinement and coarsening cannot rebuild), and the rest of the patience is spent on fits
  // that lose to it (bench/RESULTS.md, "B2 D = 1024 speed": on the 72 runs of
  // bench/family_2d.py every loop came within 5% of its start, or beat it, in one of its first
  // three fits).
  constexpr int kPoorFits = 3;
  if (leavesPoorLoops() && worseThanStart_ >= kPoorFits) return true;
  return haveBest_ && sinceImprovement_ >= options_.patience;
}

Model MrcEngine::run(const std::atomic<bool>* cancel) {
  initialSnapshot();
  // The first fit: there is always a fitted model to return.
  do step();
  while (!completesFit(phase_, polishes()));
  // converged() holds only after a fit, so this runs whole iterations unless cancelled.
  while (!converged() && !(cancel && cancel->load())) {
    // A sub-step that fails numerically (normal equations of cells far below round-off's
    // reach, beside one sample a million box widths away) ends the loop: the best model so
    // far stands, and its training record says why the loop stopped.
    try {
      step();
    } catch (const Error& e) {
      if (!haveBest_) throw;
      best_.training["stopped"] = std::string("the loop ended early: ") + e.what();
      break;
    }
  }
  return bestModel();
}

Model MrcEngine::bestModel() const {
  Model m = haveBest_ ? best_ : currentModel();
  finalizeModel(m);
  return m;
}

Model MrcEngine::currentModel() const {
  Model m;
  m.dim = dim_;
  m.outputs = outputs_;
  m.normalizer = normalizer_;
  m.inputNames = inputNames_;
  m.outputNames = outputNames_;
  exportFunction(m);
  m.training["method"] = fitMethodName(options_.fit);
  m.training["indicator"] = indicatorName(options_.indicator);
  m.training["dof"] = std::to_string(options_.dof);
  m.training["iterations"] = std::to_string(iteration_);
  m.training["seed"] = std::to_string(options_.seed);
  if (options_.fit == FitMethod::Adam) {
    m.training["loss"] = lossName(options_.loss);
    m.training["learning_rate"] = std::to_string(options_.learningRate);
    m.training["lambda"] = std::to_string(options_.l1Lambda);
  } else {
    m.training["smoothing"] = std::to_string(options_.smoothing);
  }
  return m;
}

std::unique_ptr<MrcEngine> makeEngine(const DatasetView& train, const Dataset* validation,
                                      const MrcOptions& options) {
  if (train.size() == 0) throw Error(train.source + ": the training set is empty");
  return makeEngine(TrainingData::borrow(train), validation, options);
}

std::unique_ptr<MrcEngine> makeEngine(const Dataset& train, const Dataset* validation,
                                      const MrcOptions& options) {
  if (train.size() == 0) throw Error(train.source + ": the training set is empty");
  return makeEngine(TrainingData::borrow(train), validation, options);
}

std::unique_ptr<MrcEngine> makeEngine(const TrainingData& train, const Dataset* validation,
                                      const MrcOptions& options) {
  if (train.dim() < 1 || train.dim() > 3)
    throw Error(train.source() + ": " + std::to_string(train.dim()) +
                " input columns; LReg supports 1, 2 or 3 (the mesh grows as d! per cell)");
  if (train.outputs() < 1) throw Error(train.source() + ": the training set has no target column");
  options.validate(train.size());  // before the data pass: absurd options fail fast
  detail::TrainingSet set = detail::TrainingSet::make(train, options);
  if (train.dim() == 1) return std::make_unique<detail::Mrc1D>(std::move(set), validation, options);
  return std::make_unique<detail::MrcSimplicial>(std::move(set), validation, options);
}

Model fit(const DatasetView& train, const MrcOptions& options, const Dataset* validation,
          const std::atomic<bool>* cancel) {
  return makeEngine(train, validation, options)->run(cancel);
}

}  // namespace lreg
