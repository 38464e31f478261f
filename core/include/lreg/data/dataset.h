// A regression data set: inputs and targets, one sample per row.
#pragma once

#include <string>
#include <vector>

#include <lreg/base/types.h>

namespace lreg {

struct Dataset {
  RowMatrix X;                           ///< #N by d inputs
  RowMatrix Y;                           ///< #N by C targets (C = 0 for input-only files)
  std::vector<std::string> inputNames;   ///< d column names
  std::vector<std::string> outputNames;  ///< C column names
  std::string source;                    ///< file path or generator name, for messages

  int dim() const { return static_cast<int>(X.cols()); }
  int outputs() const { return static_cast<int>(Y.cols()); }
  Eigen::Index size() const { return X.rows(); }
};

}  // namespace lreg
