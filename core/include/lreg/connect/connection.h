// The LReg connection (paper Section 2.7, Figure 2c): a small model attached to a frozen one.
// Per sample, z = sigmoid(W x + b) maps the frozen model's features x (C_in values) to d
// components in (0, 1); each component j has its own 1D P1 mesh of n nodes on [0, 1] and
// coefficients c_{j,i} in R^C, and the output is the frozen model's output plus
//   sum_j sum_i c_{j,i} psi_{j,i}(z_j).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg {

/// What the frozen model's outputs are and which loss trains the connection.
enum class ConnectionTask {
  Classification,  ///< outputs are logits; softmax cross-entropy against class labels
  Regression,      ///< outputs are predictions; mean squared error against targets
};

std::string connectionTaskName(ConnectionTask task);  ///< "classification" / "regression"
ConnectionTask parseConnectionTask(const std::string& name);

struct ConnectionModel {
  ConnectionTask task = ConnectionTask::Classification;
  RowMatrix W;                 ///< #d by C_in
  Vector b;                    ///< #d
  std::vector<Mesh1D> meshes;  ///< d meshes of n nodes each, from 0 to 1
  RowMatrix coefficients;      ///< #(d n) by C: row j n + i is c_{j,i}
  /// How it was trained (components, dof, epochs, seed, ...), as written to the model file.
  std::map<std::string, std::string> training;

  int inputs() const { return int(W.cols()); }                       ///< C_in
  int components() const { return int(W.rows()); }                   ///< d
  int dof() const { return meshes.empty() ? 0 : meshes[0].size(); }  ///< n
  int outputs() const { return int(coefficients.cols()); }           ///< C
  /// The paper's count of trainable parameters: (C_in + 1) d + d n C.
  long parameterCount() const;

  /// sum_j sum_i c_{j,i} psi_{j,i}(z_j) for each row of `features` (#N by C_in) -> #N by C.
  /// Throws Error when `features` does not have C_in columns.
  RowMatrix correction(const RowMatrix& features) const;
  /// baseOutputs + correction(features); throws Error on mismatched shapes.
  RowMatrix predict(const RowMatrix& features, const RowMatrix& baseOutputs) const;
  /// The components z (#N by d) of each row of `features`.
  RowMatrix components(const RowMatrix& features) const;
  /// Throws Error naming the problem when shapes, meshes or values are inconsistent.
  void validate() const;
};

}  // namespace lreg
