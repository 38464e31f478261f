// A trained LReg model: f(x) = sum_i c_i psi_i(u(x)) with u the unit-domain normalisation.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/data/normalizer.h>

namespace lreg {

struct Model {
  int dim = 1;                           ///< input dimension d
  int outputs = 1;                       ///< C
  Normalizer normalizer;                 ///< raw input -> unit domain
  RowMatrix nodes;                       ///< #D by d, unit domain
  IndexMatrix simplices;                 ///< #n_t by d+1 (intervals [i, i+1] in 1D)
  RowMatrix coefficients;                ///< #D by C
  std::vector<std::string> inputNames;   ///< d
  std::vector<std::string> outputNames;  ///< C
  /// How it was trained: method, dof, iterations, seed, ... as written to the model file.
  std::map<std::string, std::string> training;

  int dof() const { return static_cast<int>(nodes.rows()); }

  /// Predictions for raw inputs X (#N by d) -> #N by C. Outside the training box the model is
  /// constant along the outward direction: inputs are clamped to the unit domain first.
  RowMatrix predict(MatrixView X) const;
  /// Predictions for inputs already in the unit domain (#N by d).
  RowMatrix predictUnit(const RowMatrix& U) const;
  /// Throws Error when the mesh or the shapes are inconsistent (used after loading a file).
  void validate() const;
};

}  // namespace lreg
