#include <lreg/model/model.h>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "1d/basis1d.h"

namespace lreg {

void Model::validate() const {
  auto bad = [](const std::string& what) { throw Error("invalid model: " + what); };
  if (dim < 1 || dim > 3)
    bad("input dimension must be 1, 2 or 3 (got " + std::to_string(dim) + ")");
  if (outputs < 1) bad("needs at least one output");
  if (normalizer.lo.size() != dim || normalizer.hi.size() != dim)
    bad("normalisation has the wrong dimension");
  for (int k = 0; k < dim; ++k)
    if (!std::isfinite(normalizer.lo(k)) || !std::isfinite(normalizer.hi(k)) ||
        !(normalizer.hi(k) > normalizer.lo(k)))
      bad("normalisation range of input " + std::to_string(k) + " is empty or not finite");
  // Empty name lists are allowed (the file then reads back with default names), wrong counts not.
  if (!inputNames.empty() && int(inputNames.size()) != dim)
    bad("input_names must list " + std::to_string(dim) + " names (or none)");
  if (!outputNames.empty() && int(outputNames.size()) != outputs)
    bad("output_names must list " + std::to_string(outputs) + " names (or none)");
  if (nodes.cols() != dim) bad("nodes must have " + std::to_string(dim) + " coordinates");
  if (nodes.rows() < dim + 1) bad("too few nodes");
  if (coefficients.rows() != nodes.rows() || coefficients.cols() != outputs)
    bad("coefficients must be #nodes by #outputs");
  if (!nodes.allFinite()) bad("a node coordinate is not finite");
  if (!coefficients.allFinite()) bad("a coefficient is not finite");
  if (simplices.cols() != dim + 1) bad("simplices must have d+1 vertices");
  for (Eigen::Index t = 0; t < simplices.rows(); ++t)
    for (Eigen::Index k = 0; k <= dim; ++k)
      if (simplices(t, k) < 0 || simplices(t, k) >= nodes.rows())
        bad("simplex " + std::to_string(t) + " refers to a node that does not exist");
  if (dim == 1) {
    std::vector<double> p(nodes.data(), nodes.data() + nodes.rows());
    Mesh1D mesh(std::move(p));  // throws unless strictly increasing
    if (simplices.rows() != nodes.rows() - 1) bad("a 1D mesh has D-1 intervals");
  } else {
    SimplexMesh{dim, nodes, simplices}.validate();  // conforming, positive, tiles the box
  }
}

RowMatrix Model::predict(MatrixView X) const {
  if (X.cols() != dim)
    throw Error("the model takes " + std::to_string(dim) + " input column" + (dim == 1 ? "" : "s") +
                ", the data has " + std::to_string(X.cols()));
  return predictUnit(normalizer.toUnit(X));
}

RowMatrix Model::predictUnit(const RowMatrix& U) const {
  if (dim == 1) {
    Mesh1D mesh(std::vector<double>(nodes.data(), nodes.data() + nodes.rows()));
    return detail::evaluate1D(mesh, coefficients, U);
  }
  SimplexMesh mesh{dim, nodes, simplices};
  return evaluateSimplicial(mesh, coefficients, U);
}

}  // namespace lreg
