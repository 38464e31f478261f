#include <lreg/data/normalizer.h>

#include <lreg/base/error.h>

namespace lreg {

Normalizer Normalizer::fit(MatrixView X) {
  if (X.rows() == 0) throw Error("cannot normalise an empty data set");
  Normalizer n;
  n.lo = X.colwise().minCoeff().transpose();
  n.hi = X.colwise().maxCoeff().transpose();
  for (Eigen::Index k = 0; k < n.lo.size(); ++k)
    if (!(n.hi(k) > n.lo(k))) n.hi(k) = n.lo(k) + 1.0;  // constant column: any unit scale works
  return n;
}

RowMatrix Normalizer::toUnit(MatrixView X) const {
  if (X.cols() != lo.size())
    throw Error("expected " + std::to_string(lo.size()) + " input columns, got " +
                std::to_string(X.cols()));
  const Eigen::RowVectorXd scale = (hi - lo).cwiseInverse().transpose();
  return (X.rowwise() - lo.transpose()).array().rowwise() * scale.array();
}

RowMatrix Normalizer::fromUnit(const RowMatrix& U) const {
  const Eigen::RowVectorXd scale = (hi - lo).transpose();
  return (U.array().rowwise() * scale.array()).matrix().rowwise() + lo.transpose();
}

}  // namespace lreg
