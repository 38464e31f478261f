// What the Connection view shows of a connection, computed once per epoch off the UI thread:
// the confusion matrix of a classifier's outputs, and the histogram of each component z_j.
#pragma once

#include <vector>

#include <lreg/base/types.h>
#include <lreg/connect/connection.h>

namespace lreg::studio {

/// counts[t * classes + p]: samples of true class t predicted as p (the largest output).
struct ConfusionMatrix {
  int classes = 0;
  std::vector<long> counts;

  long at(int truth, int predicted) const { return counts[size_t(truth * classes + predicted)]; }
  long total() const;
  long correct() const;  ///< the diagonal
};

/// Throws Error when the outputs do not have one row per label or a label is out of range.
ConfusionMatrix confusionMatrix(const RowMatrix& outputs, const std::vector<int>& labels);

/// counts[j][b]: samples whose component z_j falls in bin b of `bins` equal bins of [0, 1].
std::vector<std::vector<long>> componentHistograms(const ConnectionModel& model,
                                                   const RowMatrix& features, int bins);

}  // namespace lreg::studio
