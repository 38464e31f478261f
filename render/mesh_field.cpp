#include "render/mesh_field.h"

#include <cmath>
#include <string>

#include <lreg/base/error.h>

namespace lreg::render {

MeshField::MeshField(const Snapshot& s, const Vector& lo, const Vector& hi, int output)
    : lo_(lo), hi_(hi), output_(output) {
  const int d = s.dim;
  if (d != 2 && d != 3) {
    throw Error("the 2D/3D view needs a 2D or 3D snapshot, not " + std::to_string(d) + "D");
  }
  if (s.nodes.cols() != d || s.simplices.cols() != d + 1 || s.nodes.rows() < d + 1 ||
      s.simplices.rows() < 1 || s.coefficients.rows() != s.nodes.rows()) {
    throw Error("the snapshot's mesh is inconsistent (nodes, simplices or coefficients)");
  }
  if (output < 0 || output >= s.coefficients.cols()) {
    throw Error("output " + std::to_string(output) + " does not exist (the model has " +
                std::to_string(s.coefficients.cols()) + ")");
  }
  if (lo.size() != d || hi.size() != d) {
    throw Error("the raw input box has " + std::to_string(lo.size()) + " dimensions, not " +
                std::to_string(d));
  }
  if (s.simplices.minCoeff() < 0 || s.simplices.maxCoeff() >= s.nodes.rows()) {
    throw Error("the snapshot's simplices refer to missing nodes");
  }
  mesh_.dim = d;
  mesh_.nodes = s.nodes;
  mesh_.simplices = s.simplices;
  values_ = s.coefficients.col(output);
  locator_ = std::make_shared<const SimplexLocator>(mesh_);
}

RowMatrix MeshField::toUnit(const RowMatrix& rawX) const {
  RowMatrix U(rawX.rows(), dim());
  for (long n = 0; n < rawX.rows(); ++n)
    for (int a = 0; a < dim(); ++a) U(n, a) = (rawX(n, a) - lo_[a]) / (hi_[a] - lo_[a]);
  return U;
}

Vector MeshField::evaluate(const RowMatrix& rawX) const {
  const RowMatrix U = toUnit(rawX);
  const LocatedSamples located = LocatedSamples::locate(mesh_, *locator_, U);
  Vector f = Vector::Zero(U.rows());
  for (long n = 0; n < U.rows(); ++n)
    for (int k = 0; k <= dim(); ++k)
      f[n] += located.lambda(n, k) * values_[mesh_.simplices(located.simplex[n], k)];
  return f;
}

Vector MeshField::nodeResidualRms(const RowMatrix& rawX, const Vector& y) const {
  if (rawX.rows() != y.size()) throw Error("residuals: inputs and targets differ in length");
  const RowMatrix U = toUnit(rawX);
  const LocatedSamples located = LocatedSamples::locate(mesh_, *locator_, U);
  Vector energy = Vector::Zero(mesh_.nodeCount()), weight = Vector::Zero(mesh_.nodeCount());
  for (long n = 0; n < U.rows(); ++n) {
    double f = 0;
    for (int k = 0; k <= dim(); ++k)
      f += located.lambda(n, k) * values_[mesh_.simplices(located.simplex[n], k)];
    const double r2 = (y[n] - f) * (y[n] - f);
    for (int k = 0; k <= dim(); ++k) {
      const int i = mesh_.simplices(located.simplex[n], k);
      energy[i] += located.lambda(n, k) * r2;
      weight[i] += located.lambda(n, k);
    }
  }
  Vector rms = Vector::Zero(mesh_.nodeCount());
  for (int i = 0; i < mesh_.nodeCount(); ++i)
    if (weight[i] > 0) rms[i] = std::sqrt(energy[i] / weight[i]);
  return rms;
}

}  // namespace lreg::render
