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

}  // namespace lreg
