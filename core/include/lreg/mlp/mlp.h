// A small fully connected ReLU network trained by minibatch Adam: the "MLP of equal size"
// the paper compares LReg with (its Figures 1 and 4), and the starting point of the
// MLP -> LReg conversion.
#pragma once

#include <cstdint>
#include <vector>

#include <lreg/base/types.h>

namespace lreg {

struct MlpOptions {
  std::vector<int> hidden = {32};  ///< widths of the hidden ReLU layers
  int epochs = 200;
  int batchSize = 64;
  double learningRate = 1e-2;
  std::uint64_t seed = 1;
};

class Mlp {
 public:
  /// He-initialised network for inputs of dimension `dim` and `outputs` outputs.
  Mlp(int dim, int outputs, const MlpOptions& options);

  /// One epoch of minibatch Adam on the mean squared error over U (#N by d, unit domain) and
  /// Y (#N by C). Returns the epoch's mean loss.
  double trainEpoch(const RowMatrix& U, const RowMatrix& Y);
  RowMatrix predict(const RowMatrix& U) const;  ///< #N by C

  long parameterCount() const;
  int dim() const { return dim_; }
  int outputs() const { return outputs_; }
  /// Layer l maps x to W[l] x + b[l] (ReLU after every layer but the last).
  const std::vector<Eigen::MatrixXd>& weights() const { return W_; }
  const std::vector<Eigen::VectorXd>& biases() const { return b_; }

  /// Replaces the weights and biases (a saved network read back): the shapes must be those of
  /// this network's layers, else Error. The optimiser starts afresh.
  void setParameters(std::vector<Eigen::MatrixXd> weights, std::vector<Eigen::VectorXd> biases);
  const MlpOptions& options() const { return options_; }

  /// The width of a one-hidden-layer network with about `parameters` parameters.
  static int widthForParameters(int dim, int outputs, long parameters);

 private:
  int dim_, outputs_;
  MlpOptions options_;
  std::vector<Eigen::MatrixXd> W_, mW_, vW_;
  std::vector<Eigen::VectorXd> b_, mb_, vb_;
  long step_ = 0;
  std::uint64_t shuffleState_;
};

}  // namespace lreg
