// MAE, RMSE and R^2, per output and over all outputs.
#pragma once

#include "core/snapshot.h"
#include "core/types.h"

namespace lreg {

/// Y and P are #N by C (targets, predictions). The overall R^2 is 1 - SSE / SST with SST
/// summed over outputs around each output's own mean.
Metrics computeMetrics(const RowMatrix& Y, const RowMatrix& P);

}  // namespace lreg
