// MAE, RMSE and R^2, per output and over all outputs.
#pragma once

#include <lreg/base/types.h>

namespace lreg {

/// Error figures of one data set (per output, and over all outputs).
struct Metrics {
  double mae = 0, rmse = 0, r2 = 0;
  Vector maePerOutput, rmsePerOutput, r2PerOutput;
};

/// Y and P are #N by C (targets, predictions). The overall R^2 is 1 - SSE / SST with SST
/// summed over outputs around each output's own mean.
Metrics computeMetrics(const RowMatrix& Y, const RowMatrix& P);

}  // namespace lreg
