#include "app/studio/engine_worker.h"

#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/data/metrics.h>
#include "app/studio/session_file.h"

namespace lreg::studio {
namespace {

bool sameFit(const Model& a, const Model& b) {
  return a.nodes.rows() == b.nodes.rows() && a.nodes == b.nodes &&
         a.simplices.rows() == b.simplices.rows() && a.simplices == b.simplices &&
         a.coefficients.rows() == b.coefficients.rows() && a.coefficients == b.coefficients;
}

}  // namespace

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {
  registerStudioTypes();
}

EngineWorker::~EngineWorker() = default;

EngineStatus EngineWorker::status() const {
  std::lock_guard lock(statusMutex_);
  return status_;
}

void EngineWorker::publishStatus() {
  EngineStatus s;
  s.loaded = engine_ != nullptr;
  s.running = running_;
  if (engine_) {
    s.converged = engine_->converged();
    s.phase = engine_->phase();
    s.iteration = engine_->iteration();
    s.nodes = engine_->snapshot() ? int(engine_->snapshot()->nodes.rows()) : 0;
  }
  std::lock_guard lock(statusMutex_);
  status_ = s;
}

void EngineWorker::load(const DataRequest& request, const MrcOptions& options,
                        const SessionPtr& restore) {
  stopChain();
  try {
    startEngine(loadData(request), options, nullptr, restore);
  } catch (const std::exception& e) {
    // A session's data or models: the message names the session file first.
    const std::string source = restore ? restore->source : std::string();
    const std::string what = e.what();
    emit loadFailed(QString::fromStdString(
                        source.empty() || what.rfind(source, 0) == 0 ? what : source + ": " + what),
                    restore);
  }
}

void EngineWorker::configure(const MrcOptions& options) {
  stopChain();
  if (!data_) {
    options_ = options;
    return;
  }
  try {
    startEngine(data_, options);
  } catch (const std::exception& e) {
    emit failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::reset() {
  configure(options_);
}

void EngineWorker::startFrom(ModelPtr model) {
  stopChain();
  if (!data_ || !model) return;
  try {
    startEngine(data_, options_, model.get());
  } catch (const std::exception& e) {
    emit failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::startEngine(DataPtr data, const MrcOptions& options, const Model* start,
                               const SessionPtr& restore) {
  // Built aside first: a throwing constructor leaves the current engine untouched.
  auto engine = makeEngine(data->train, nullptr, options);
  if (start) engine->startFrom(*start);
  if (restore && restore->current) {
    try {
      engine->resume(*restore->current, restore->iteration,
                     restore->best ? *restore->best : *restore->current);
    } catch (const std::exception& e) {
      throw Error(std::string("the saved model does not fit its data: ") + e.what());
    }
  }
  engine_ = std::move(engine);
  data_ = std::move(data);
  options_ = options;
  lastFitTotal_ = 0;
  best_.reset();
  trails_.clear();  // a new engine: no node has moved yet
  const SnapshotPtr initial = trails_.follow(engine_->initialSnapshot());
  publishStatus();
  emit started(data_, initial, restore);
}

void EngineWorker::setPace(int milliseconds) {
  paceMs_ = std::max(0, milliseconds);
}

void EngineWorker::run(int untilIteration) {
  if (!engine_) return;
  startChain(untilIteration >= 0 ? Goal::Iteration : Goal::Converge, untilIteration);
}

void EngineWorker::pause() {
  stopChain();
}

void EngineWorker::stepIteration() {
  if (!engine_) return;
  if (running_) {
    // Mid-run: finish the iteration under way, then stop (no waiting between its sub-steps).
    goal_ = Goal::NextFit;
    return;
  }
  startChain(Goal::NextFit, -1);
}

void EngineWorker::subStep() {
  if (!engine_) return;
  // A run stops after exactly this sub-step (test_studio_stepping), and "not running" only once
  // it is done: whoever sees the run end sees its status. No chain step runs in between (this
  // thread), and stopChain() makes any already posted one stale.
  advance();
  stopChain();
}

void EngineWorker::startChain(Goal goal, int iteration) {
  goal_ = goal;
  goalIteration_ = iteration;
  if (goal != Goal::NextFit && goalReached()) {
    emit runFinished();
    return;
  }
  if (!running_) {
    running_ = true;
    publishStatus();
    emit runningChanged(true);
  }
  const quint64 token = ++token_;
  QMetaObject::invokeMethod(
      this, [this, token] { chainStep(token); }, Qt::QueuedConnection);
}

void EngineWorker::stopChain() {
  ++token_;  // any step already posted finds a stale token and does nothing
  if (!running_) return;
  running_ = false;
  publishStatus();
  emit runningChanged(false);
}

bool EngineWorker::goalReached() const {
  // Goals are about finished fits (Train, or its Polish where the loop polishes).
  if (!completesFit(engine_->phase(), engine_->polishes())) return false;
  switch (goal_) {
    case Goal::Converge:
      return engine_->converged();
    case Goal::Iteration:
      return engine_->iteration() >= goalIteration_;
    case Goal::NextFit:
      return true;
  }
  return true;
}

void EngineWorker::chainStep(quint64 token) {
  if (token != token_ || !running_ || !engine_) return;  // paused, reset or superseded
  if (!advance()) {
    stopChain();
    return;
  }
  if (goalReached()) {
    stopChain();
    emit runFinished();
    return;
  }
  publishStatus();
  // Yield to the event loop between sub-steps: queued commands (pause, step, load) run first.
  const int delay = goal_ == Goal::NextFit ? 0 : paceMs_;
  if (delay > 0) {
    QTimer::singleShot(delay, this, [this, token] { chainStep(token); });
  } else {
    QMetaObject::invokeMethod(
        this, [this, token] { chainStep(token); }, Qt::QueuedConnection);
  }
}

bool EngineWorker::advance() {
  SnapshotPtr s;
  try {
    s = trails_.follow(engine_->step());  // a Polish gets its nodes' paths
    // The status and a fit's record first: whoever shows the snapshot may ask for them and must
    // find the engine, the loss history and the chart there. The record finalises the best
    // model, which can throw too: nothing may escape into Qt's event loop (it ends the app).
    publishStatus();
    if (completesFit(*s)) reportFit(*s);
  } catch (const std::exception& e) {
    emit failed(QString::fromStdString(e.what()));
    return false;
  }
  emit snapshotReady(s);
  return true;
}

void EngineWorker::reportFit(const Snapshot& s) {
  IterationRecord r;
  r.iteration = s.iteration;
  r.dof = int(s.nodes.rows());
  r.train = s.train;
  r.seconds = s.totalSeconds - lastFitTotal_;
  lastFitTotal_ = s.totalSeconds;
  if (data_->hasTest()) {
    r.test = computeMetrics(data_->test.Y, engine_->currentModel().predict(data_->test.X));
    r.hasTest = true;
  }
  ModelPtr best = std::make_shared<const Model>(engine_->bestModel());
  // The best model's errors cost a pass over the data: measured only when it changed.
  if (!best_ || !sameFit(*best_, *best)) {
    bestFigures_ = measureBest(*best);
    best_ = best;
  }
  r.best = bestFigures_;
  emit fitted(r, std::make_shared<const Model>(engine_->currentModel()), std::move(best));
}

BestModelFigures EngineWorker::measureBest(const Model& best) const {
  BestModelFigures f;
  f.iteration = 0;
  const auto it = best.training.find("iterations");
  if (it != best.training.end()) f.iteration = std::max(0, std::atoi(it->second.c_str()));
  f.train = computeMetrics(data_->train.Y, best.predict(data_->train.X));
  if (data_->hasTest()) f.test = computeMetrics(data_->test.Y, best.predict(data_->test.X));
  return f;
}

}  // namespace lreg::studio
