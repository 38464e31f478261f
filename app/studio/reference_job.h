// The distance to the best placement, in the app: the best placement of the fit's node count
// that the engine can find for the loaded data (MrcEngine::referenceModel: multi-start, node
// movement to convergence with exact coefficients, flips in 2D) searched on a BackgroundJob,
// cancellable, and the fit's RMSE against it. Much slower than a fit, so only on demand.
#pragma once

#include <QObject>

#include <optional>

#include <lreg/engine/mrc_options.h>
#include "app/studio/background_job.h"
#include "app/studio/data_bundle.h"
#include "app/studio/studio_types.h"

namespace lreg::studio {

class ReferenceJob : public QObject {
  Q_OBJECT

 public:
  explicit ReferenceJob(QObject* parent = nullptr);

  /// Searches the best placement of `fitted`'s node count for `data` with `options` (their
  /// device and seed; the fit's starts). Throws Error (before any thread starts) without data
  /// or model, for a model of other data, or while a search runs or is still stopping.
  void run(DataPtr data, const MrcOptions& options, ModelPtr fitted);
  /// Stops a running search at its next polish step; nothing is delivered.
  void cancel();
  /// Forgets the result and stops a running search (the data or the node budget changed).
  void clear();
  /// Shows a result saved in a session (stops a running search first).
  void restore(const ReferenceResult& result);
  bool isRunning() const { return job_.isRunning(); }
  /// The latest search's result (none while searching, after clear() or a failure).
  const std::optional<ReferenceResult>& result() const { return result_; }

 signals:
  void started();
  /// A search ended: with a result, cancelled, or after failed().
  void finished();
  void failed(const QString& message);
  /// The result appeared or went (finished, clear()).
  void resultChanged();

 private:
  BackgroundJob job_;
  std::optional<ReferenceResult> result_;
  quint64 generation_ = 0;  // a result of an older search (before clear()) is dropped
};

}  // namespace lreg::studio
