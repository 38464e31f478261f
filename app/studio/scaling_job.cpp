#include "app/studio/scaling_job.h"

#include <limits>

#include <lreg/base/error.h>

namespace lreg::studio {

ScalingJob::ScalingJob(QObject* parent)
    : QObject(parent), slope_(std::numeric_limits<double>::quiet_NaN()) {
  connect(&job_, &BackgroundJob::failed, this, &ScalingJob::failed);
  connect(&job_, &BackgroundJob::finished, this, &ScalingJob::finished);
}

void ScalingJob::run(DataPtr data, const MrcOptions& options, const std::vector<int>& dofs) {
  if (isRunning()) throw Error("the scaling experiment is running already");
  if (!data) throw Error("no data loaded: open or generate a data set first");
  if (!data->hasTest())
    throw Error(
        "the scaling experiment measures test error: this data set has no test set "
        "(generated sets have one; for a file, put test.csv beside train.csv)");
  if (dofs.size() < 2) throw Error("choose at least two node budgets for a slope");
  for (int d : dofs) {
    MrcOptions o = options;
    o.dof = d;
    o.validate(long(data->train.size()));  // before the thread: a clear message at once
  }
  points_.clear();
  dofs_ = dofs;
  dim_ = data->dim();
  slope_ = std::numeric_limits<double>::quiet_NaN();
  job_.start([this, data, options, dofs](const std::atomic<bool>& cancel) {
    runScaling(
        data->train, data->test, dofs, options,
        [this](const ScalingPoint& p) {
          job_.post([this, p] {
            points_.push_back(p);
            slope_ = points_.size() >= 2 ? scalingSlope(points_)
                                         : std::numeric_limits<double>::quiet_NaN();
            emit pointAdded();
          });
        },
        &cancel);
  });
  emit started();
}

}  // namespace lreg::studio
