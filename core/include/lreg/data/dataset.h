// A regression data set: inputs and targets, one sample per row.
#pragma once

#include <string>
#include <vector>

#include <lreg/base/types.h>

namespace lreg {

struct Dataset {
  RowMatrix X;                           ///< #N by d inputs
  RowMatrix Y;                           ///< #N by C targets (C = 0 for input-only files)
  std::vector<std::string> inputNames;   ///< d column names (may be empty: see defaultNames)
  std::vector<std::string> outputNames;  ///< C column names (may be empty: see defaultNames)
  std::string source;                    ///< file path or generator name, for messages

  int dim() const { return static_cast<int>(X.cols()); }
  int outputs() const { return static_cast<int>(Y.cols()); }
  Eigen::Index size() const { return X.rows(); }
};

/// The names of unnamed columns: {"x"} for one, {"x1", ..., "xn"} for several (stem "x"; "y" for
/// outputs). Used by .npy files, the generators, and models fitted from nameless data sets.
std::vector<std::string> defaultNames(const std::string& stem, int count);
/// `names` when it has `count` entries, otherwise defaultNames(stem, count).
std::vector<std::string> namesOrDefault(const std::vector<std::string>& names,
                                        const std::string& stem, int count);

/// Throws Error "SOURCE: row R, column K: value is not finite (NaN)" (or inf, -inf) for the
/// first non-finite value of M; rows count from firstRow + 1, columns from 1.
void requireFinite(MatrixView M, const std::string& source, long firstRow = 0);

/// Targets beyond this size have squares that overflow the least-squares sums (1e300 summed
/// over samples): they are refused with the first such row rather than fitted to inf.
constexpr double kLargestTarget = 1e150;
/// "V is beyond 1e150 in size (...): scale the targets", for a target V beyond kLargestTarget.
std::string largeTargetText(double value);
/// Throws Error "SOURCE: row R, column K: " + largeTargetText for the first value of the
/// targets Y beyond kLargestTarget; rows and columns count from 1.
void requireModestTargets(MatrixView Y, const std::string& source);

/// A data set over memory it does not own (a Dataset, or arrays mapped from elsewhere, in any
/// layout): what the engine reads. The engine copies the samples into its own layout, so the
/// memory need only outlive the call that takes the view. Empty names: the engine uses
/// defaultNames.
struct DatasetView {
  MatrixView X;  ///< #N by d inputs
  MatrixView Y;  ///< #N by C targets
  std::vector<std::string> inputNames;
  std::vector<std::string> outputNames;
  std::string source;  ///< named in error messages

  DatasetView(const Dataset& data)  // NOLINT: a Dataset is viewed wherever a view is taken
      : DatasetView(data.X, data.Y, data.source, data.inputNames, data.outputNames) {}
  /// Throws Error when X and Y have different row counts.
  DatasetView(MatrixView X, MatrixView Y, std::string source = "data",
              std::vector<std::string> inputNames = {}, std::vector<std::string> outputNames = {});

  int dim() const { return static_cast<int>(X.cols()); }
  int outputs() const { return static_cast<int>(Y.cols()); }
  Eigen::Index size() const { return X.rows(); }
};

}  // namespace lreg
