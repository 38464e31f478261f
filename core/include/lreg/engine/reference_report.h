// The distance of a fit to the best placement found: what `lreg fit --reference` reports and the
// app's Find Best Placement shows. One place decides which RMSE the ratio compares (test when
// there is a test set, else training) so the two always agree.
#pragma once

#include <optional>

#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/training_data.h>
#include <lreg/model/model.h>

namespace lreg {

struct ReferenceReport {
  Model model;                           ///< the best placement found (MrcEngine::referenceModel)
  Metrics fittedTrain, referenceTrain;   ///< on the engine's training samples
  std::optional<Metrics> fittedTest;     ///< on the test set, when one was given
  std::optional<Metrics> referenceTest;  ///< on the test set, when one was given
  double seconds = 0;                    ///< wall time of the search alone

  /// The RMSEs compared are test RMSEs (else training RMSEs).
  bool onTest() const { return referenceTest.has_value(); }
  double fittedRmse() const { return onTest() ? fittedTest->rmse : fittedTrain.rmse; }
  double referenceRmse() const { return onTest() ? referenceTest->rmse : referenceTrain.rmse; }
  /// fitted / best found: 1 means the fit is as good as the best placement found.
  double ratio() const { return fittedRmse() / referenceRmse(); }
};

/// Searches the best placement of `fitted`'s node count on `engine`'s data and measures both
/// models on the training samples and on `test` (null: none). The fitted model's figures are
/// taken before the search, which leaves the engine's state undefined (call it last). Collective
/// over the engine's processes, as referenceModel and evaluate are.
ReferenceReport referenceReport(MrcEngine& engine, const Model& fitted, const TrainingData* test);

}  // namespace lreg
