// Values that travel between the engine's worker thread and the UI (through mailboxes, and
// in signals; their Qt meta-types: studio_metatypes.h). Qt-free, so the session file reader
// builds without Qt (its fuzz target).
#pragma once

#include <memory>

#include <lreg/engine/mrc_options.h>
#include <lreg/engine/snapshot.h>
#include <lreg/model/model.h>
#include "app/studio/data_bundle.h"

namespace lreg::studio {

using ModelPtr = std::shared_ptr<const Model>;

/// The best model after a fit (the one Save Model writes, finalised by the engine: its last
/// flips and polish, the refit on every sample): the iteration it comes from and its errors.
/// The loop's current fit can be worse than it (the loop keeps searching from there).
struct BestModelFigures {
  int iteration = -1;  ///< -1: not measured (a history restored from an older session file)
  Metrics train;
  Metrics test;  ///< valid when the record hasTest
};

/// The errors after one fit: one row of the loss chart and of the exported loss history.
struct IterationRecord {
  int iteration = 0;  ///< completed mesh updates before this fit (0: the first fit)
  int dof = 0;        ///< nodes of the fitted mesh
  Metrics train;      ///< on the training set
  Metrics test;       ///< on the test set (valid when hasTest)
  bool hasTest = false;
  double seconds = 0;     ///< wall time of the iteration that led to this fit
  BestModelFigures best;  ///< the best model after this fit
};

/// The fit measured against the best placement found: lreg::ReferenceReport's figures (test RMSEs
/// when the data have a test set, as `lreg fit --reference`), kept so that a session file can
/// restore them (`model` is null then: the model itself is not saved).
struct ReferenceResult {
  int dof = 0;               ///< nodes of both models
  bool onTest = false;       ///< the RMSEs are test RMSEs (else training RMSEs)
  double fittedRmse = 0;     ///< the model the search started from
  double referenceRmse = 0;  ///< the best placement found
  double seconds = 0;        ///< wall time of the search alone
  ModelPtr model;            ///< the best placement found (null when restored from a session)
  double ratio() const { return fittedRmse / referenceRmse; }
};

struct SessionFile;
/// A saved session on its way to the worker (which resumes its fit) and back.
using SessionPtr = std::shared_ptr<const SessionFile>;

/// What the engine is doing, readable from any thread (a copy taken under a lock).
struct EngineStatus {
  bool loaded = false;
  bool running = false;
  bool converged = false;
  Phase phase = Phase::Initial;
  int iteration = 0;
  int nodes = 0;
};

}  // namespace lreg::studio
