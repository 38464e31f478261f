#include <lreg/data/dataset.h>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>

namespace lreg {

std::vector<std::string> defaultNames(const std::string& stem, int count) {
  if (count == 1) return {stem};
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) names.push_back(stem + std::to_string(k + 1));
  return names;
}

std::vector<std::string> namesOrDefault(const std::vector<std::string>& names,
                                        const std::string& stem, int count) {
  return int(names.size()) == count ? names : defaultNames(stem, count);
}

namespace {

// Branch-free, so that the contiguous case vectorises; the slow path below finds where.
bool allFinite(MatrixView M) {
  bool finite = true;
  if (M.innerStride() == 1 && M.outerStride() == M.cols()) {
    const double* p = M.data();
    for (Eigen::Index i = 0, n = M.size(); i < n; ++i) finite &= std::isfinite(p[i]);
  } else {
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      for (Eigen::Index k = 0; k < M.cols(); ++k) finite &= std::isfinite(M(i, k));
  }
  return finite;
}

}  // namespace

void requireFinite(MatrixView M, const std::string& source, long firstRow) {
  if (allFinite(M)) return;
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index k = 0; k < M.cols(); ++k)
      if (const double v = M(i, k); !std::isfinite(v))
        throw Error(source + ": row " + std::to_string(firstRow + i + 1) + ", column " +
                    std::to_string(k + 1) + ": value is not finite (" +
                    (std::isnan(v) ? "NaN"
                     : v > 0       ? "inf"
                                   : "-inf") +
                    ")");
}

std::string largeTargetText(double value) {
  return significant(value) +
         " is beyond 1e150 in size (its square overflows the least-squares sums): scale the "
         "targets";
}

void requireModestTargets(MatrixView Y, const std::string& source) {
  for (Eigen::Index i = 0; i < Y.rows(); ++i)
    for (Eigen::Index k = 0; k < Y.cols(); ++k)
      if (std::abs(Y(i, k)) > kLargestTarget)
        throw Error(source + ": row " + std::to_string(i + 1) + ", column " +
                    std::to_string(k + 1) + ": " + largeTargetText(Y(i, k)));
}

DatasetView::DatasetView(MatrixView inputs, MatrixView targets, std::string sourceName,
                         std::vector<std::string> inputColumnNames,
                         std::vector<std::string> outputColumnNames)
    : X(inputs),
      Y(targets),
      inputNames(std::move(inputColumnNames)),
      outputNames(std::move(outputColumnNames)),
      source(std::move(sourceName)) {
  if (Y.rows() != X.rows())
    throw Error(source + ": " + std::to_string(X.rows()) + " input rows but " +
                std::to_string(Y.rows()) + " target rows");
}

}  // namespace lreg
