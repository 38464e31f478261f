// The scaling experiment (the paper's Figure 3) off the UI thread: the data fitted at several
// node budgets (core/scaling) on a BackgroundJob, each point delivered as it is measured, with
// the fitted log-log slope of test MAE against the degrees of freedom.
#pragma once

#include <QObject>

#include <vector>

#include <lreg/engine/mrc_options.h>
#include <lreg/engine/scaling.h>
#include "app/studio/background_job.h"
#include "app/studio/data_bundle.h"

namespace lreg::studio {

class ScalingJob : public QObject {
  Q_OBJECT

 public:
  explicit ScalingJob(QObject* parent = nullptr);

  /// Fits `data` with `options` at each budget of `dofs`. Throws Error (before any thread
  /// starts) without data or test set, with fewer than two budgets, for options invalid at any
  /// budget, or while a run is going on.
  void run(DataPtr data, const MrcOptions& options, const std::vector<int>& dofs);
  void cancel() { job_.cancel(); }
  bool isRunning() const { return job_.isRunning(); }
  const std::vector<ScalingPoint>& points() const { return points_; }
  /// The budgets of the current or last run.
  const std::vector<int>& dofs() const { return dofs_; }
  /// Input dimension of the data of the current or last run.
  int dim() const { return dim_; }
  /// Fitted log-log slope of test MAE against dof (NaN below two points).
  double slope() const { return slope_; }

 signals:
  void started();
  void pointAdded();
  /// The run ended (all budgets, cancelled, or after failed()).
  void finished();
  void failed(const QString& message);

 private:
  BackgroundJob job_;
  std::vector<ScalingPoint> points_;
  std::vector<int> dofs_;
  int dim_ = 1;
  double slope_;
};

}  // namespace lreg::studio
