#include "app/studio/connection_session.h"

#include <QFileInfo>

#include <chrono>

#include <lreg/base/error.h>
#include <lreg/model/model_io.h>

namespace lreg::studio {
namespace {

// The connection's state after `epoch` epochs, with what the view draws of it.
std::shared_ptr<ConnectionState> stateOf(const ConnectionTrainer& trainer, const ConnectionSet& set,
                                         const RowMatrix& predicted) {
  auto s = std::make_shared<ConnectionState>();
  s->model = trainer.model();
  s->epoch = trainer.epoch();
  s->histograms =
      componentHistograms(s->model, set.train->features, ConnectionSession::kHistogramBins);
  s->meshUpdate = trainer.lastMeshUpdate();
  if (set.classification()) s->after = confusionMatrix(predicted, set.evaluation().labels);
  return s;
}

}  // namespace

ConnectionSession::ConnectionSession(QObject* parent) : QObject(parent) {
  connect(&job_, &BackgroundJob::failed, this,
          [this](const QString& message) { failure_ = message; });
  connect(&job_, &BackgroundJob::finished, this, [this] {
    // Reported once the thread is done, so that a handler may start the next work at once.
    const Work work = std::exchange(work_, Work::None);
    const QString failure = std::exchange(failure_, QString());
    if (!failure.isEmpty())
      emit(work == Work::Load ? loadFailed(failure) : trainingFailed(failure));
    if (work == Work::Train && failure.isEmpty()) emit trainingFinished(cancelled_);
    if (work == Work::Load && loadedSet_) {
      data_ = std::exchange(loadedSet_, nullptr);
      state_.reset();
      epochs_.clear();
      planned_ = 0;
      emit loaded();
    }
    emit idle();
  });
}

void ConnectionSession::startLoad(
    std::function<std::shared_ptr<ConnectionSet>(const std::atomic<bool>&)> make) {
  if (job_.isRunning()) throw Error("the connection is busy: cancel it or wait for it to finish");
  work_ = Work::Load;
  loadedSet_.reset();
  job_.start([this, make = std::move(make)](const std::atomic<bool>& cancel) {
    std::shared_ptr<ConnectionSet> set = make(cancel);
    const ConnectionData& e = set->evaluation();
    set->base = scoreOutputs(set->task, e.outputs, e);
    if (set->classification()) set->before = confusionMatrix(e.outputs, e.labels);
    job_.post([this, set] { loadedSet_ = set; });
  });
  emit loadStarted();
}

void ConnectionSession::loadFiles(const ConnectionSources& sources) {
  const std::string truth = sources.task == ConnectionTask::Classification ? "labels" : "targets";
  const ConnectionFiles &t = sources.train, &v = sources.val;
  if (t.features.empty() || t.outputs.empty() || t.truth.empty())
    throw Error("the connection needs three training files: features, outputs and " + truth);
  const bool anyVal = !v.features.empty() || !v.outputs.empty() || !v.truth.empty();
  if (anyVal && (v.features.empty() || v.outputs.empty() || v.truth.empty()))
    throw Error("validation needs all three files (features, outputs and " + truth + ") or none");
  startLoad([sources](const std::atomic<bool>&) {
    auto set = std::make_shared<ConnectionSet>();
    set->task = sources.task;
    auto train = std::make_shared<ConnectionData>(readConnectionData(sources.train, sources.task));
    set->train = train;
    set->name = QFileInfo(QString::fromStdString(sources.train.features)).fileName().toStdString();
    if (!sources.val.features.empty()) {
      auto val = std::make_shared<ConnectionData>(readConnectionData(sources.val, sources.task));
      if (val->inputs() != train->inputs() || val->outputCount() != train->outputCount())
        throw Error(val->featuresSource + ": validation has " + std::to_string(val->inputs()) +
                    " features and " + std::to_string(val->outputCount()) +
                    " outputs per sample, training " + std::to_string(train->inputs()) + " and " +
                    std::to_string(train->outputCount()));
      set->val = val;
    }
    return set;
  });
}

void ConnectionSession::loadDemo(const FashionDemoOptions& options) {
  const std::string dir = options.directory.empty() ? fashionDirectory() : options.directory;
  if (const std::string missing = fashionMissing(dir); !missing.empty()) throw Error(missing);
  startLoad([this, options](const std::atomic<bool>& cancel) {
    auto say = [this](const std::string& text) {
      const QString message = QString::fromStdString(text);
      job_.post([this, message] { emit progress(message); });
    };
    FashionDemo demo = makeFashionDemo(options, say, cancel);
    auto set = std::make_shared<ConnectionSet>();
    set->task = ConnectionTask::Classification;
    set->train = std::make_shared<ConnectionData>(std::move(demo.train));
    set->val = std::make_shared<ConnectionData>(std::move(demo.val));
    set->name = "Fashion-MNIST demo";
    return set;
  });
}

void ConnectionSession::train(const ConnectionOptions& options, int epochs) {
  if (job_.isRunning()) throw Error("the connection is busy: cancel it or wait for it to finish");
  if (!data_) throw Error("no data: open the features, outputs and labels first, or the demo");
  if (epochs < 1 || epochs > 100000)
    throw Error("epochs must be between 1 and 100000, not " + std::to_string(epochs));
  ConnectionOptions o = options;
  o.task = data_->task;
  o.validate(data_->train->inputs());
  work_ = Work::Train;
  cancelled_ = false;
  const auto set = data_;
  job_.start([this, set, o, epochs](const std::atomic<bool>& cancel) {
    const auto t0 = std::chrono::steady_clock::now();
    // The trainer's start (PCA of the features) is a pass over the data: here, not on the UI.
    ConnectionTrainer trainer(*set->train, o);
    const ConnectionData& e = set->evaluation();
    auto initial = stateOf(trainer, *set, e.outputs);
    job_.post([this, initial, epochs] {  // the previous connection goes only now
      state_ = initial;
      epochs_.clear();
      planned_ = epochs;
      emit trainingStarted();
    });
    for (int k = 1; k <= epochs; ++k) {
      if (cancel) {
        job_.post([this] { cancelled_ = true; });
        return;
      }
      ConnectionEpoch record;
      record.epoch = k;
      record.trainLoss = trainer.trainEpoch();
      const RowMatrix predicted = trainer.model().predict(e.features, e.outputs);
      record.score = scoreOutputs(set->task, predicted, e);
      record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      auto state = stateOf(trainer, *set, predicted);
      job_.post([this, record, state] {
        epochs_.push_back(record);
        state_ = state;
        emit epochFinished();
      });
    }
  });
}

void ConnectionSession::saveModel(const QString& path) const {
  if (!state_ || epochs_.empty())
    throw Error(path.toStdString() + ": no trained connection to save yet");
  saveConnection(state_->model, path.toStdString());
}

}  // namespace lreg::studio
