#include <lreg/engine/reference_report.h>

#include <chrono>

namespace lreg {

ReferenceReport referenceReport(MrcEngine& engine, const Model& fitted, const TrainingData* test) {
  ReferenceReport r;
  r.fittedTrain = engine.trainingMetrics(fitted);
  if (test) r.fittedTest = evaluate(fitted, *test);
  const auto t0 = std::chrono::steady_clock::now();
  r.model = engine.referenceModel(fitted);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.referenceTrain = engine.trainingMetrics(r.model);
  if (test) r.referenceTest = evaluate(r.model, *test);
  return r;
}

}  // namespace lreg
