#include "app/studio/connection_analysis.h"

#include <algorithm>
#include <numeric>
#include <string>

#include <lreg/base/error.h>

namespace lreg::studio {

long ConfusionMatrix::total() const {
  return std::accumulate(counts.begin(), counts.end(), 0L);
}

long ConfusionMatrix::correct() const {
  long sum = 0;
  for (int k = 0; k < classes; ++k) sum += at(k, k);
  return sum;
}

ConfusionMatrix confusionMatrix(const RowMatrix& outputs, const std::vector<int>& labels) {
  if (long(labels.size()) != outputs.rows())
    throw Error("confusion matrix: " + std::to_string(outputs.rows()) + " output rows but " +
                std::to_string(labels.size()) + " labels");
  ConfusionMatrix m;
  m.classes = int(outputs.cols());
  m.counts.assign(size_t(m.classes) * size_t(m.classes), 0);
  for (long n = 0; n < outputs.rows(); ++n) {
    const int t = labels[size_t(n)];
    if (t < 0 || t >= m.classes)
      throw Error("confusion matrix: label " + std::to_string(t) + " of row " +
                  std::to_string(n + 1) + " is not in [0, " + std::to_string(m.classes) + ")");
    Eigen::Index p = 0;
    outputs.row(n).maxCoeff(&p);
    ++m.counts[size_t(t * m.classes + int(p))];
  }
  return m;
}

std::vector<std::vector<long>> componentHistograms(const ConnectionModel& model,
                                                   const RowMatrix& features, int bins) {
  const RowMatrix z = model.components(features);
  std::vector<std::vector<long>> counts(size_t(z.cols()), std::vector<long>(size_t(bins), 0));
  for (long n = 0; n < z.rows(); ++n)
    for (long j = 0; j < z.cols(); ++j) {
      const int b = std::clamp(int(z(n, j) * bins), 0, bins - 1);
      ++counts[size_t(j)][size_t(b)];
    }
  return counts;
}

}  // namespace lreg::studio
