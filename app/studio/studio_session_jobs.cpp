// The session's side jobs: a saved model on screen, the MLP of equal size and its conversion,
// the scaling law, and the exports. What costs a pass over the data runs on a background task.
#include <QFileInfo>

#include <lreg/base/error.h>
#include <lreg/io/vtu_export.h>
#include <lreg/model/model_io.h>
#include "app/studio/background_tasks.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/reference_job.h"
#include "app/studio/scaling_job.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {

void StudioSession::connectJobs() {
  connect(mlpTrainer_, &MlpTrainer::progress, this, &StudioSession::mlpProgress);
  connect(mlpTrainer_, &MlpTrainer::finished, this, [this](bool cancelled) {
    changed();
    emit mlpFinished(cancelled);
  });
  connect(mlpTrainer_, &MlpTrainer::failed, this, [this](const QString& message) {
    emit errorOccurred(tr("MLP training failed"), message);
  });
  connect(scaling_, &ScalingJob::failed, this,
          [this](const QString& message) { emit errorOccurred(tr("Scaling law"), message); });
  connect(reference_, &ReferenceJob::failed, this,
          [this](const QString& message) { emit errorOccurred(tr("Best placement"), message); });
  for (auto signal :
       {&ReferenceJob::started, &ReferenceJob::finished, &ReferenceJob::resultChanged})
    connect(reference_, signal, this, &StudioSession::referenceChanged);
  connect(reference_, &ReferenceJob::resultChanged, this, [this] { changed(); });  // saved
}

// --- a saved model -------------------------------------------------------------------------

void StudioSession::openModel(const QString& path) {
  auto model = std::make_shared<const Model>(loadModel(path.toStdString()));
  emit requestPause();
  opened_ = model;
  emit modelOpened(model, QFileInfo(path).fileName());
  const DataPtr data = data_;
  if (!data || model->dim != data->train.dim() || model->outputs != data->train.outputs()) return;
  tasks_->run(
      [this, model, data]() -> BackgroundTasks::Done {
        const Metrics m = computeMetrics(data->train.Y, model->predict(data->train.X));
        return [this, model, m] {
          if (opened_ == model) emit openedModelEvaluated(m);
        };
      },
      [this](const QString& message) { failBackground(tr("Cannot evaluate the model"), message); });
}

void StudioSession::closeOpenedModel() {
  if (!opened_) return;
  opened_.reset();
  emit openedModelClosed();
}

// --- the MLP -------------------------------------------------------------------------------

std::shared_ptr<const Mlp> StudioSession::mlp() const {
  return mlpTrainer_->mlp();
}

bool StudioSession::mlpConvertible() const {
  return mlp() && !mlpTrainer_->isRunning() && data_ && mlpData_ == data_;
}

void StudioSession::trainMlp(int epochs) {
  if (!data_) throw Error("no data loaded: open or generate a data set first");
  if (mlpTrainer_->isRunning()) throw Error("an MLP is being trained already");
  const int d = data_->train.dim(), c = data_->train.outputs();
  MlpOptions o = equalSizeMlp(options_.dof, d, c);
  o.epochs = epochs;
  o.seed = options_.seed;
  mlpTrainer_->train(data_, o, options_.dof);
  mlpData_ = data_;
  conversion_ = {};
  emit mlpStarted();
}

void StudioSession::cancelMlp() {
  mlpTrainer_->cancel();
}

void StudioSession::convertMlp() {
  const std::shared_ptr<const Mlp> net = mlp();
  if (!net) throw Error("no trained MLP yet: Train MLP first");
  if (mlpTrainer_->isRunning()) throw Error("the MLP is still training: wait or cancel first");
  if (!data_ || mlpData_ != data_)
    throw Error("the MLP was trained on other data: train it again on this data set");
  const DataPtr data = data_;
  const int nodes = options_.dof;
  tasks_->run(
      [this, net, data, nodes]() -> BackgroundTasks::Done {
        MlpConversion c = studio::convertMlp(*net, *data, nodes);  // the free function
        return [this, c, data] {
          if (data != data_) return;  // other data arrived meanwhile
          conversion_ = c;
          changed();
          emit mlpConverted();
          commandEngine();
          emit requestStartFrom(conversion_.model);
          emit requestRun(-1);
        };
      },
      [this](const QString& message) { failBackground(tr("MLP comparison"), message); });
}

// --- the scaling law -----------------------------------------------------------------------

void StudioSession::runScaling(const std::vector<int>& dofs) {
  scaling_->run(data_, options_, dofs);
}

void StudioSession::cancelScaling() {
  scaling_->cancel();
}

// --- the distance to the best placement --------------------------------------------------

void StudioSession::findBestPlacement() {
  if (!best_) throw Error("no fitted model yet: Step or Run fits one first");
  reference_->run(data_, options_, best_);
}

void StudioSession::cancelBestPlacement() {
  reference_->cancel();
}

// --- exports -------------------------------------------------------------------------------

void StudioSession::saveModel(const QString& path) const {
  if (!best_) throw Error(path.toStdString() + ": no trained model yet (Step fits one)");
  lreg::saveModel(*best_, path.toStdString());
}

void StudioSession::saveLossHistory(const QString& path) const {
  if (history_.empty()) throw Error(path.toStdString() + ": no loss history yet (Step fits one)");
  history_.save(path.toStdString());
}

void StudioSession::saveMesh(const QString& path) {
  if (!best_) throw Error(path.toStdString() + ": no trained model yet (Step fits one)");
  const ModelPtr model = best_;
  const DataPtr data = data_;
  tasks_->run(
      [this, model, data, path]() -> BackgroundTasks::Done {
        writeVtu(*model, path.toStdString(), data ? &data->train : nullptr);
        return [this, path] { emit fileWritten(path); };
      },
      [this, path](const QString& message) {
        emit writeFailed(path, message);
        failBackground(tr("Cannot export the mesh"), message);
      });
}

}  // namespace lreg::studio
