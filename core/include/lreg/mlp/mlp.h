// A small fully connected ReLU network trained by minibatch Adam: the "MLP of equal size"
// the paper compares LReg with (its Figures 1 and 4), the starting point of the MLP -> LReg
// conversion, and (with softmax cross-entropy) the frozen classifier an LReg connection is
// attached to.
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
  /// One epoch of minibatch Adam on the softmax cross-entropy of the outputs (the logits)
  /// against class labels in [0, C) (#N). Returns the epoch's mean cross-entropy (natural log).
  double trainEpochClassifier(const RowMatrix& X, const std::vector<int>& labels);
  RowMatrix predict(const RowMatrix& U) const;  ///< #N by C (logits for a classifier)
  /// The activations of the last hidden layer (#N by its width): the penultimate features.
  RowMatrix lastHidden(const RowMatrix& U) const;

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
  /// One epoch of minibatches; outputDelta(out, rows, delta) sets d loss / d out of the batch
  /// (#C by B, rows[k] the sample of column k) and returns the batch's summed loss.
  template <class OutputDelta>
  double trainEpochWith(const RowMatrix& U, const OutputDelta& outputDelta);
  Eigen::MatrixXd forward(const RowMatrix& U, size_t layers) const;

  int dim_, outputs_;
  MlpOptions options_;
  std::vector<Eigen::MatrixXd> W_, mW_, vW_;
  std::vector<Eigen::VectorXd> b_, mb_, vb_;
  long step_ = 0;
  std::uint64_t shuffleState_;
};

}  // namespace lreg
