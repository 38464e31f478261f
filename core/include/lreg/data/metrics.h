// MAE, RMSE and R^2, per output and over all outputs.
#pragma once

#include <lreg/base/types.h>

namespace lreg {

/// Error figures of one data set (per output, and over all outputs).
struct Metrics {
  double mae = 0, rmse = 0, r2 = 0;
  Vector maePerOutput, rmsePerOutput, r2PerOutput;
};

/// The sums the metrics come from, per output (columns): rows |r|, r^2, y and y^2 summed over
/// samples, r = prediction - target. They add up over blocks of samples and over processes.
struct MetricSums {
  RowMatrix sums;  ///< #4 by C
  double count = 0;
  explicit MetricSums(int outputs = 1) : sums(RowMatrix::Zero(4, outputs)) {}
  /// Adds n samples: targets Y and predictions P, both n by C row-major.
  void add(const double* Y, const double* P, long n);
};

/// MAE, RMSE and R^2 from the sums (R^2's SST as sum y^2 - N mean^2).
Metrics finishMetrics(const MetricSums& s);

/// Y and P are #N by C (targets, predictions). The overall R^2 is 1 - SSE / SST with SST
/// summed over outputs around each output's own mean.
Metrics computeMetrics(const RowMatrix& Y, const RowMatrix& P);

}  // namespace lreg
