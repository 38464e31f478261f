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
/// samples, r = prediction - target, all in units (value - shift) / scale. They add up over
/// blocks of samples and over processes (every block and process using the same shift and
/// scale). The shift keeps SST = sum y^2 - N mean^2 from cancelling on targets with a large
/// offset (y = 1e9 + sin x), the scale keeps squares of values near 1e300 finite.
struct MetricSums {
  RowMatrix sums;       ///< #4 by C
  Vector shift, scale;  ///< #C: the units of the sums
  double count = 0;
  explicit MetricSums(int outputs = 1)
      : sums(RowMatrix::Zero(4, outputs)),
        shift(Vector::Zero(outputs)),
        scale(Vector::Ones(outputs)) {}
  /// Sums in the units of a model's values: shifted by the mean of each output's coefficients
  /// (#D by C), scaled by their largest distance from it.
  static MetricSums aboutCoefficients(const RowMatrix& coefficients);
  /// Adds n samples: targets Y and predictions P, both n by C row-major.
  void add(const double* Y, const double* P, long n);
};

/// MAE, RMSE and R^2 from the sums.
Metrics finishMetrics(const MetricSums& s);

/// Y and P are #N by C (targets, predictions). The overall R^2 is 1 - SSE / SST with SST
/// summed over outputs around each output's own mean.
Metrics computeMetrics(const RowMatrix& Y, const RowMatrix& P);

}  // namespace lreg
