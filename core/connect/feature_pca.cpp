#include "connect/feature_pca.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

namespace lreg::detail {

FeatureScaling standardiseColumns(const RowMatrix& X) {
  const long N = X.rows();
  FeatureScaling s;
  s.mean = X.colwise().mean().transpose();
  Vector var = Vector::Zero(X.cols());
  for (long n = 0; n < N; ++n) var += (X.row(n).transpose() - s.mean).cwiseAbs2();
  var /= double(std::max(1L, N - 1));
  s.inverseScale.resize(X.cols());
  const double largest = var.size() ? var.maxCoeff() : 0.0;
  for (Eigen::Index k = 0; k < var.size(); ++k)
    // Columns with (numerically) no variance carry no information: they are dropped rather
    // than blown up by 1/0.
    s.inverseScale(k) = var(k) > 1e-24 * std::max(1.0, largest) ? 1.0 / std::sqrt(var(k)) : 0.0;
  return s;
}

PrincipalComponents principalComponents(const RowMatrix& X, const FeatureScaling& scaling, int d,
                                        long maxSamples) {
  const long N = X.rows(), used = std::min(N, maxSamples);
  const int Cin = int(X.cols());
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(Cin, Cin);
  constexpr long kBlock = 4096;
  Eigen::MatrixXd block(std::min(kBlock, used), Cin);
  for (long first = 0; first < used; first += kBlock) {
    const long rows = std::min(kBlock, used - first);
    for (long r = 0; r < rows; ++r) {
      const long n = used == N ? first + r : (first + r) * N / used;  // an even stride
      block.row(r) =
          (X.row(n).transpose() - scaling.mean).cwiseProduct(scaling.inverseScale).transpose();
    }
    cov.noalias() += block.topRows(rows).transpose() * block.topRows(rows);
  }
  cov /= double(std::max(1L, used - 1));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
  PrincipalComponents pc;
  pc.directions.resize(d, Cin);
  pc.variances.resize(d);
  for (int j = 0; j < d; ++j) {  // eigenvalues come in increasing order
    Vector v = solver.eigenvectors().col(Cin - 1 - j);
    Eigen::Index top = 0;
    v.cwiseAbs().maxCoeff(&top);
    if (v(top) < 0) v = -v;
    pc.directions.row(j) = v.transpose();
    pc.variances(j) = std::max(0.0, solver.eigenvalues()(Cin - 1 - j));
  }
  return pc;
}

}  // namespace lreg::detail
