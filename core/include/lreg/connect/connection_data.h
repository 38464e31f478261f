// What a connection is trained and scored on: per sample, the frozen model's features and
// outputs, and the truth (class labels or regression targets).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/connect/connection.h>

namespace lreg {

struct ConnectionData {
  RowMatrix features;       ///< #N by C_in: the frozen model's features (e.g. penultimate layer)
  RowMatrix outputs;        ///< #N by C: its outputs (logits or predictions)
  std::vector<int> labels;  ///< classification: #N class indices in [0, C)
  RowMatrix targets;        ///< regression: #N by C
  /// Where each part came from (file names), for error messages.
  std::string featuresSource = "features", outputsSource = "outputs", truthSource = "labels";

  long size() const { return long(features.rows()); }
  int inputs() const { return int(features.cols()); }
  int outputCount() const { return int(outputs.cols()); }
  /// Throws Error naming the file and the problem: no rows, row counts that disagree, values
  /// that are not finite, labels out of [0, C), targets with other than C columns.
  void validate(ConnectionTask task) const;
  /// The same for the features and outputs only (data to predict on, without a truth).
  void validateInputs() const;
};

/// Class indices from a one-column array of whole numbers (e.g. a labels .npy); throws Error
/// "SOURCE: row R: ..." for a value that is not a whole number >= 0, or for more columns.
std::vector<int> labelsFromColumn(const RowMatrix& column, const std::string& source);

/// Mean loss (cross-entropy with natural log, or MSE averaged over outputs) and, for
/// classification, accuracy of the outputs (#N by C) against the data's truth.
struct ConnectionScore {
  double loss = 0;
  double accuracy = 0;  ///< classification only
};
ConnectionScore scoreOutputs(ConnectionTask task, const RowMatrix& outputs,
                             const ConnectionData& data);

}  // namespace lreg
