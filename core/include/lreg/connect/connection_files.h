// Reading what a connection works on: the frozen model's features and outputs and the truth,
// each from its own file (.npy or CSV with a header), into a validated ConnectionData. Shared
// by `lreg connect`/`predict`/`eval` and the app's Connection view.
#pragma once

#include <string>

#include <lreg/connect/connection_data.h>

namespace lreg {

struct ConnectionFiles {
  std::string features, outputs;
  std::string truth;  ///< labels (classification) or targets (regression); empty: none
};

/// Reads and validates (row counts, label range, finite values); errors name the file. Without
/// a truth file only the features and outputs are read.
ConnectionData readConnectionData(const ConnectionFiles& files, ConnectionTask task);

/// A matrix from .npy or CSV (all columns).
RowMatrix readMatrix(const std::string& path);

}  // namespace lreg
