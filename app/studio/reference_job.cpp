#include "app/studio/reference_job.h"

#include <chrono>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>

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
    const auto t0 = std::chrono::steady_clock::now();
    // A fresh engine: the search leaves its engine's state undefined (mrc_engine.h).
    auto engine = makeEngine(data->train, nullptr, o);
    engine->setCancelFlag(&cancel);
    auto reference = std::make_shared<const Model>(engine->referenceModel(*fitted));
    if (cancel) return;
    ReferenceResult r;
    r.dof = fitted->dof();
    r.onTest = data->hasTest();
    r.model = reference;
    if (r.onTest) {
      r.fittedRmse = computeMetrics(data->test.Y, fitted->predict(data->test.X)).rmse;
      r.referenceRmse = computeMetrics(data->test.Y, reference->predict(data->test.X)).rmse;
    } else {
      r.fittedRmse = engine->trainingMetrics(*fitted).rmse;
      r.referenceRmse = engine->trainingMetrics(*reference).rmse;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    job_.post([this, r, generation] {
      if (generation != generation_) return;  // cleared meanwhile
      result_ = r;
      emit resultChanged();
    });
  });
  emit started();
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
