#include <lreg/connect/connection_data.h>

#include <string>

#include <lreg/base/error.h>
#include <lreg/data/dataset.h>
#include "connect/connection_pass.h"

namespace lreg {
namespace {

void requireRows(long rows, long expected, const std::string& source, const std::string& other) {
  if (rows != expected)
    throw Error(source + ": has " + std::to_string(rows) + " rows, " + other + " has " +
                std::to_string(expected) + " (one row per sample in both)");
}

}  // namespace

void ConnectionData::validateInputs() const {
  if (size() == 0) throw Error(featuresSource + ": no samples");
  if (inputs() < 1) throw Error(featuresSource + ": no feature columns");
  if (outputCount() < 1) throw Error(outputsSource + ": no output columns");
  requireRows(outputs.rows(), size(), outputsSource, featuresSource);
  requireFinite(features, featuresSource);
  requireFinite(outputs, outputsSource);
}

void ConnectionData::validate(ConnectionTask task) const {
  validateInputs();
  if (task == ConnectionTask::Classification) {
    requireRows(long(labels.size()), size(), truthSource, featuresSource);
    if (outputCount() < 2)
      throw Error(outputsSource + ": classification needs at least 2 output columns (logits)");
    for (size_t n = 0; n < labels.size(); ++n)
      if (labels[n] < 0 || labels[n] >= outputCount())
        throw Error(truthSource + ": row " + std::to_string(n + 1) + ": label " +
                    std::to_string(labels[n]) + " is out of range (the outputs have " +
                    std::to_string(outputCount()) + " columns: labels 0 to " +
                    std::to_string(outputCount() - 1) + ")");
  } else {
    requireRows(targets.rows(), size(), truthSource, featuresSource);
    if (targets.cols() != outputCount())
      throw Error(truthSource + ": has " + std::to_string(targets.cols()) +
                  " target columns, the outputs " + std::to_string(outputCount()));
    requireFinite(targets, truthSource);
  }
}

std::vector<int> labelsFromColumn(const RowMatrix& column, const std::string& source) {
  if (column.cols() != 1)
    throw Error(source + ": labels must be one column, found " + std::to_string(column.cols()));
  std::vector<int> labels(size_t(column.rows()));
  for (Eigen::Index r = 0; r < column.rows(); ++r) {
    const double v = column(r, 0);
    if (!(v >= 0) || v != std::floor(v) || v > 1e9)
      throw Error(source + ": row " + std::to_string(r + 1) + ": label " + std::to_string(v) +
                  " is not a class index (a whole number >= 0)");
    labels[size_t(r)] = int(v);
  }
  return labels;
}

ConnectionScore scoreOutputs(ConnectionTask task, const RowMatrix& outputs,
                             const ConnectionData& data) {
  const long N = outputs.rows();
  const int C = int(outputs.cols());
  const bool classes = task == ConnectionTask::Classification;
  const long truth = classes ? long(data.labels.size()) : long(data.targets.rows());
  if (truth != N || (!classes && data.targets.cols() != C))
    throw Error(data.truthSource + ": " + std::to_string(truth) + " " +
                (classes ? "labels" : "target rows") + " for " + std::to_string(N) +
                " samples of " + std::to_string(C) + " outputs");
  if (N == 0) return {};
  // Summed in sample order (one thread): a few multiplications per value, and the same sum
  // whatever the thread count.
  double loss = 0;
  long correct = 0;
  for (long n = 0; n < N; ++n) {
    const double* out = outputs.row(n).data();
    const int label = task == ConnectionTask::Classification ? data.labels[size_t(n)] : 0;
    const double* target =
        task == ConnectionTask::Regression ? data.targets.row(n).data() : nullptr;
    loss += detail::connectionLoss(task, out, C, label, target, nullptr);
    if (task == ConnectionTask::Classification) correct += detail::argmax(out, C) == label;
  }
  return {loss / double(N), double(correct) / double(N)};
}

}  // namespace lreg
