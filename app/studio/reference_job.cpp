#include "app/studio/reference_job.h"

#include <optional>

#include <lreg/base/error.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/reference_report.h>
#include <lreg/engine/training_data.h>

namespace lreg::studio {

ReferenceJob::ReferenceJob(QObject* parent) : QObject(parent) {
  connect(&job_, &BackgroundJob::failed, this, &ReferenceJob::failed);
  connect(&job_, &BackgroundJob::finished, this, &ReferenceJob::finished);
}

void ReferenceJob::run(DataPtr data, const MrcOptions& options, ModelPtr fitted) {
  if (isRunning()) throw Error("the best placement is being searched already (or still stopping)");
  if (!data) throw Error("no data loaded: open or generate a data set first");
  if (!fitted) throw Error("no fitted model yet: Step or Run fits one first");
  if (fitted->dim != data->train.dim() || fitted->outputs != data->train.outputs())
    throw Error("the model was fitted on other data: fit this data set first");
  MrcOptions o = options;
  o.dof = fitted->dof();
  o.validate(long(data->train.size()));
  result_.reset();
  emit resultChanged();
  const quint64 generation = ++generation_;
  job_.start([this, data, o, fitted, generation](const std::atomic<bool>& cancel) {
    // A fresh engine: the search leaves its engine's state undefined (mrc_engine.h).
    auto engine = makeEngine(data->train, nullptr, o);
    engine->setCancelFlag(&cancel);
    std::optional<TrainingData> test;
    if (data->hasTest()) test = TrainingData::borrow(data->test);
    ReferenceReport report = referenceReport(*engine, *fitted, test ? &*test : nullptr);
    if (cancel) return;
    ReferenceResult r;
    r.dof = fitted->dof();
    r.onTest = report.onTest();
    r.fittedRmse = report.fittedRmse();
    r.referenceRmse = report.referenceRmse();
    r.seconds = report.seconds;
    r.model = std::make_shared<const Model>(std::move(report.model));
    job_.post([this, r, generation] {
      if (generation != generation_) return;  // cleared meanwhile
      result_ = r;
      emit resultChanged();
    });
  });
  emit started();
}

void ReferenceJob::restore(const ReferenceResult& result) {
  ++generation_;
  job_.cancel();
  result_ = result;
  emit resultChanged();
}

void ReferenceJob::cancel() {
  job_.cancel();
}

void ReferenceJob::clear() {
  ++generation_;
  job_.cancel();
  if (!result_) return;
  result_.reset();
  emit resultChanged();
}

}  // namespace lreg::studio
