// The session's data, options, engine and transport; the worker's results.
#include "app/studio/studio_session.h"

#include <QThread>

#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "app/studio/autosave.h"
#include "app/studio/background_tasks.h"
#include "app/studio/engine_worker.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/reference_job.h"
#include "app/studio/scaling_job.h"

namespace lreg::studio {

StudioSession::StudioSession(QObject* parent) : QObject(parent) {
  registerStudioTypes();
  tasks_ = new BackgroundTasks(this);
  mlpTrainer_ = new MlpTrainer(this);
  scaling_ = new ScalingJob(this);
  reference_ = new ReferenceJob(this);
  connectWorker();
  connectJobs();
  autosaveTimer_.setSingleShot(false);
  connect(&autosaveTimer_, &QTimer::timeout, this, &StudioSession::autosaveNow);
  emit requestPace(paceMs_);
}

StudioSession::~StudioSession() {
  // The worker finishes the sub-step it is in (if any), stops, leaves its event loop (steps
  // still queued are dropped) and says so under a std::mutex: that orders all it did before the
  // delete below (QThread::wait synchronises inside Qt, out of ThreadSanitizer's sight).
  std::mutex mutex;
  std::condition_variable cv;
  bool idle = false;
  worker_->inbox()->post([w = worker_, &mutex, &cv, &idle] {
    w->pause();
    QThread::currentThread()->quit();
    std::lock_guard lock(mutex);
    idle = true;
    cv.notify_one();
  });
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return idle; });
  }
  thread_->wait();
  delete worker_;
  delete tasks_;  // waits for running tasks (an autosave among them) before the store goes
  tasks_ = nullptr;
  if (autosave_) autosave_->close();  // a clean end: nothing to restore next time
}

void StudioSession::connectWorker() {
  thread_ = new QThread(this);
  thread_->setObjectName("lreg-engine");
  worker_ = new EngineWorker;
  worker_->moveToThread(thread_);
  // Both directions go through mailboxes (std::mutex-guarded queues, mailbox.h), never Qt's
  // queued signals, so ThreadSanitizer sees every hand-off between the two threads.
  EngineWorker* w = worker_;
  Mailbox* toWorker = w->inbox();
  relay(this, &StudioSession::requestLoad, toWorker,
        [w](const DataRequest& request, const MrcOptions& options, const SessionPtr& restore) {
          w->load(request, options, restore);
        });
  relay(this, &StudioSession::requestConfigure, toWorker,
        [w](const MrcOptions& options) { w->configure(options); });
  relay(this, &StudioSession::requestReset, toWorker, [w] { w->reset(); });
  relay(this, &StudioSession::requestStartFrom, toWorker,
        [w](const ModelPtr& model) { w->startFrom(model); });
  relay(this, &StudioSession::requestRun, toWorker, [w](int until) { w->run(until); });
  relay(this, &StudioSession::requestPause, toWorker, [w] { w->pause(); });
  relay(this, &StudioSession::requestStep, toWorker, [w] { w->stepIteration(); });
  relay(this, &StudioSession::requestSubStep, toWorker, [w] { w->subStep(); });
  relay(this, &StudioSession::requestPace, toWorker, [w](int ms) { w->setPace(ms); });
  relay(w, &EngineWorker::started, &inbox_,
        [this](const DataPtr& data, const SnapshotPtr& initial, const SessionPtr& restored) {
          onStarted(data, initial, restored);
        });
  relay(w, &EngineWorker::loadFailed, &inbox_,
        [this](const QString& message, const SessionPtr& restore) {
          onLoadFailed(message, restore);
        });
  relay(w, &EngineWorker::failed, &inbox_,
        [this](const QString& message) { emit errorOccurred(tr("The engine stopped"), message); });
  relay(w, &EngineWorker::snapshotReady, &inbox_,
        [this](const SnapshotPtr& snapshot) { onSnapshot(snapshot); });
  relay(w, &EngineWorker::fitted, &inbox_,
        [this](const IterationRecord& record, const ModelPtr& current, const ModelPtr& best) {
          onFitted(record, current, best);
        });
  relay(w, &EngineWorker::runningChanged, &inbox_, [this](bool running) { onRunning(running); });
  relay(w, &EngineWorker::runFinished, &inbox_, [this] { emit runFinished(); });
  thread_->start();
}

// --- data and options --------------------------------------------------------------------

void StudioSession::loadData(const DataRequest& request) {
  ++loads_;
  emit loadStarted();
  emit requestLoad(request, options_, nullptr);
}

void StudioSession::setOptions(const MrcOptions& options) {
  if (data_) options.validate(long(data_->train.size()));
  commandEngine();
  if (options.dof != options_.dof) reference_->clear();  // a placement of another budget
  options_ = options;
  changed();
  emit optionsChanged();
  emit requestConfigure(options_);
}

// --- transport ---------------------------------------------------------------------------

void StudioSession::commandEngine() {
  closeOpenedModel();
  emit engineCommanded();
}

void StudioSession::runPause() {
  if (running_) {
    pause();
  } else {
    run();
  }
}

void StudioSession::run(int k) {
  if (!data_) return;
  commandEngine();
  emit requestRun(k);
}

void StudioSession::pause() {
  emit requestPause();
}

void StudioSession::step() {
  if (!data_) return;
  commandEngine();
  emit requestStep();
}

void StudioSession::subStep() {
  if (!data_) return;
  commandEngine();
  emit requestSubStep();
}

void StudioSession::reset() {
  if (!data_) return;
  commandEngine();
  emit requestReset();
}

void StudioSession::setPace(int milliseconds) {
  paceMs_ = std::max(0, milliseconds);
  changed();
  emit requestPace(paceMs_);
}

// --- settings ----------------------------------------------------------------------------

void StudioSession::checkComputeSettings(const ComputeSettings& settings) {
  if (settings.device == Device::Cuda) {
    const std::string why = cudaUnavailableReason();
    if (!why.empty()) throw Error("CUDA cannot be used here: " + why);
  }
  if (settings.threads < 0 || settings.threads > kMaxThreads)
    throw Error("the thread count must be 0 (all cores) to " + std::to_string(kMaxThreads) +
                ", not " + std::to_string(settings.threads));
}

void StudioSession::applyComputeSettings(const ComputeSettings& settings) {
  checkComputeSettings(settings);
  // Atomic in the core: the worker's next data pass picks it up, no restart needed.
  setThreadCount(settings.threads);
  threads_ = settings.threads;
  changed();
  if (settings.device != options_.device) {
    MrcOptions wanted = options_;
    wanted.device = settings.device;
    setOptions(wanted);
  }
}

ComputeSettings StudioSession::computeSettings() const {
  ComputeSettings s;
  s.device = options_.device;
  s.threads = threads_;
  return s;
}

void StudioSession::setViewSettings(const ViewSettings& view) {
  if (view == view_) return;
  view_ = view;
  changed();
}

// --- state -------------------------------------------------------------------------------

void StudioSession::setHistoryLimits(const SnapshotHistory::Limits& limits) {
  SnapshotHistory fresh(limits);
  for (int i = 0; i < snapshots_.size(); ++i) fresh.add(snapshots_.at(i));
  snapshots_ = std::move(fresh);
}

EngineStatus StudioSession::engineStatus() const {
  return worker_->status();
}

bool StudioSession::hasTrainedModel() const {
  return latest_ && (latest_->iteration > 0 || latest_->phase != Phase::Initial);
}

double StudioSession::bestTestRmse() const {
  if (!history_.empty() && history_.last().hasTest && history_.last().best.iteration >= 0)
    return history_.last().best.test.rmse;
  double best = std::numeric_limits<double>::quiet_NaN();
  for (const IterationRecord& r : history_.records()) {
    if (r.hasTest && !(r.test.rmse >= best)) best = r.test.rmse;
  }
  return best;
}

// --- from the worker -----------------------------------------------------------------------

void StudioSession::onStarted(DataPtr data, SnapshotPtr initial, SessionPtr restored) {
  const bool newData = data != data_;  // a load (or a restore) always brings a new bundle
  if (newData) loads_ = std::max(0, loads_ - 1);
  data_ = std::move(data);
  history_.clear();
  best_.reset();
  current_.reset();
  latest_ = std::move(initial);
  snapshots_.clear();
  snapshots_.add(latest_);
  if (newData) {
    closeOpenedModel();
    mlpTrainer_->cancel();  // an MLP of other data can't be converted for this one
    conversion_ = {};
    reference_->clear();  // the best placement of other data
  }
  changed();
  if (restored) applyRestored(*restored);
  if (newData) emit dataLoaded();
  emit historyChanged();
  emit engineStarted();
  emit snapshotAdded();
  if (restored) {
    sessionPath_ = QString::fromStdString(restored->source);
    emit sessionOpened(sessionPath_);
  }
}

void StudioSession::onLoadFailed(const QString& message, SessionPtr restore) {
  loads_ = std::max(0, loads_ - 1);
  if (restore) {
    emit sessionFailed(message);
    emit errorOccurred(tr("Cannot open the session"), message);
    return;
  }
  emit loadFailed(message);
  emit errorOccurred(tr("Cannot open the data"), message);
}

void StudioSession::onSnapshot(SnapshotPtr snapshot) {
  latest_ = std::move(snapshot);
  snapshots_.add(latest_);
  emit snapshotAdded();
}

void StudioSession::onFitted(const IterationRecord& record, ModelPtr current, ModelPtr best) {
  history_.add(record);
  current_ = std::move(current);
  best_ = std::move(best);
  changed();
  emit historyChanged();
}

void StudioSession::onRunning(bool running) {
  running_ = running;
  emit runningChanged(running);
}

void StudioSession::failBackground(const QString& title, const QString& message) {
  emit errorOccurred(title, message);
}

}  // namespace lreg::studio
