// Shared output helpers of the CLI commands.
#pragma once

#include <string>

#include <lreg/engine/snapshot.h>
#include <lreg/io/json.h>

namespace lreg::cli {

/// {"mae": ..., "rmse": ..., "r2": ...} plus per-output arrays when there are several outputs.
Json metricsJson(const Metrics& m);
/// "MAE 0.0123  RMSE 0.0456  R2 0.9987"
std::string metricsLine(const Metrics& m);

}  // namespace lreg::cli
