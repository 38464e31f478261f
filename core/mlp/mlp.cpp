#include <lreg/mlp/mlp.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <lreg/base/error.h>
#include <lreg/base/random.h>

namespace lreg {

Mlp::Mlp(int dim, int outputs, const MlpOptions& options)
    : dim_(dim), outputs_(outputs), options_(options), shuffleState_(options.seed * 7 + 3) {
  if (options.hidden.empty()) throw Error("an MLP needs at least one hidden layer");
  for (int w : options.hidden)
    if (w < 1 || w > 100000) throw Error("hidden layer width must be between 1 and 100000");
  if (options.epochs < 0 || options.batchSize < 1 || !(options.learningRate > 0))
    throw Error("invalid MLP training options");
  Random rng(options.seed);
  std::vector<int> sizes = {dim};
  sizes.insert(sizes.end(), options.hidden.begin(), options.hidden.end());
  sizes.push_back(outputs);
  for (size_t l = 0; l + 1 < sizes.size(); ++l) {
    const double scale = std::sqrt(2.0 / sizes[l]);  // He initialisation for ReLU
    Eigen::MatrixXd W(sizes[l + 1], sizes[l]);
    for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = scale * rng.normal();
    Eigen::VectorXd b(sizes[l + 1]);
    // Biases spread the first layer's kinks over the unit domain instead of piling them at 0.
    for (Eigen::Index i = 0; i < b.size(); ++i)
      b(i) = l == 0 ? -W.row(i).sum() * rng.uniform() : 0.0;
    W_.push_back(W);
    b_.push_back(b);
    mW_.push_back(Eigen::MatrixXd::Zero(W.rows(), W.cols()));
    vW_.push_back(Eigen::MatrixXd::Zero(W.rows(), W.cols()));
    mb_.push_back(Eigen::VectorXd::Zero(b.size()));
    vb_.push_back(Eigen::VectorXd::Zero(b.size()));
  }
}

void Mlp::setParameters(std::vector<Eigen::MatrixXd> weights, std::vector<Eigen::VectorXd> biases) {
  if (weights.size() != W_.size() || biases.size() != b_.size())
    throw Error("the network has " + std::to_string(W_.size()) + " layers, the parameters " +
                std::to_string(weights.size()) + " weight matrices and " +
                std::to_string(biases.size()) + " bias vectors");
  for (size_t l = 0; l < W_.size(); ++l) {
    if (weights[l].rows() != W_[l].rows() || weights[l].cols() != W_[l].cols() ||
        biases[l].size() != b_[l].size())
      throw Error("layer " + std::to_string(l + 1) + " has " + std::to_string(W_[l].rows()) +
                  " by " + std::to_string(W_[l].cols()) + " weights and " +
                  std::to_string(b_[l].size()) + " biases; the parameters have other shapes");
    if (!weights[l].allFinite() || !biases[l].allFinite())
      throw Error("layer " + std::to_string(l + 1) + " has NaN or infinite parameters");
    mW_[l].setZero();
    vW_[l].setZero();
    mb_[l].setZero();
    vb_[l].setZero();
  }
  W_ = std::move(weights);
  b_ = std::move(biases);
  step_ = 0;
}

long Mlp::parameterCount() const {
  long n = 0;
  for (size_t l = 0; l < W_.size(); ++l) n += W_[l].size() + b_[l].size();
  return n;
}

int Mlp::widthForParameters(int dim, int outputs, long parameters) {
  // (d + 1) h + (h + 1) C = parameters
  return std::max(1, int(std::lround(double(parameters - outputs) / double(dim + 1 + outputs))));
}

Eigen::MatrixXd Mlp::forward(const RowMatrix& U, size_t layers) const {
  Eigen::MatrixXd a = U.transpose();  // one column per sample
  for (size_t l = 0; l < layers; ++l) {
    a = (W_[l] * a).colwise() + b_[l];
    if (l + 1 < W_.size()) a = a.cwiseMax(0.0);
  }
  return a;
}

RowMatrix Mlp::predict(const RowMatrix& U) const {
  return forward(U, W_.size()).transpose();
}

RowMatrix Mlp::lastHidden(const RowMatrix& U) const {
  return forward(U, W_.size() - 1).transpose();
}

template <class OutputDelta>
double Mlp::trainEpochWith(const RowMatrix& U, const OutputDelta& outputDelta) {
  const long N = U.rows();
  std::vector<long> order(N);
  std::iota(order.begin(), order.end(), 0L);
  Random rng(shuffleState_++);
  rng.shuffle(order);
  const size_t L = W_.size();
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  double total = 0;
  Eigen::MatrixXd x, delta;
  for (long first = 0; first < N; first += options_.batchSize) {
    const long B = std::min<long>(options_.batchSize, N - first);
    x.resize(dim_, B);
    for (long k = 0; k < B; ++k) x.col(k) = U.row(order[first + k]).transpose();
    std::vector<Eigen::MatrixXd> acts = {x};  // inputs of each layer
    for (size_t l = 0; l < L; ++l) {
      Eigen::MatrixXd z = (W_[l] * acts.back()).colwise() + b_[l];
      acts.push_back(l + 1 < L ? Eigen::MatrixXd(z.cwiseMax(0.0)) : z);
    }
    total += outputDelta(acts.back(), order.data() + first, delta);
    ++step_;
    const double c1 = 1 - std::pow(beta1, double(step_)), c2 = 1 - std::pow(beta2, double(step_));
    for (size_t l = L; l-- > 0;) {
      const Eigen::MatrixXd gW = delta * acts[l].transpose();
      const Eigen::VectorXd gb = delta.rowwise().sum();
      if (l > 0)
        delta =
            (W_[l].transpose() * delta).cwiseProduct((acts[l].array() > 0).cast<double>().matrix());
      mW_[l] = beta1 * mW_[l] + (1 - beta1) * gW;
      vW_[l] = beta2 * vW_[l] + (1 - beta2) * gW.cwiseAbs2();
      mb_[l] = beta1 * mb_[l] + (1 - beta1) * gb;
      vb_[l] = beta2 * vb_[l] + (1 - beta2) * gb.cwiseAbs2();
      W_[l].array() -=
          options_.learningRate * (mW_[l].array() / c1) / ((vW_[l].array() / c2).sqrt() + eps);
      b_[l].array() -=
          options_.learningRate * (mb_[l].array() / c1) / ((vb_[l].array() / c2).sqrt() + eps);
    }
  }
  return total;
}

double Mlp::trainEpoch(const RowMatrix& U, const RowMatrix& Y) {
  const double total =
      trainEpochWith(U, [&](const Eigen::MatrixXd& out, const long* rows, Eigen::MatrixXd& delta) {
        Eigen::MatrixXd y(outputs_, out.cols());
        for (Eigen::Index k = 0; k < out.cols(); ++k) y.col(k) = Y.row(rows[k]).transpose();
        delta = (out - y) * (2.0 / double(out.cols()));
        return (out - y).squaredNorm();
      });
  return total / double(U.rows() * outputs_);
}

double Mlp::trainEpochClassifier(const RowMatrix& X, const std::vector<int>& labels) {
  if (long(labels.size()) != X.rows())
    throw Error("the classifier has " + std::to_string(labels.size()) + " labels for " +
                std::to_string(X.rows()) + " samples");
  for (int y : labels)
    if (y < 0 || y >= outputs_)
      throw Error("label " + std::to_string(y) + " is outside the " + std::to_string(outputs_) +
                  " classes");
  const double total =
      trainEpochWith(X, [&](const Eigen::MatrixXd& out, const long* rows, Eigen::MatrixXd& delta) {
        // Softmax cross-entropy: d loss / d logits = softmax - one-hot, averaged over the batch.
        const Eigen::RowVectorXd top = out.colwise().maxCoeff();
        delta = (out.rowwise() - top).array().exp().matrix();
        const Eigen::RowVectorXd sum = delta.colwise().sum();
        double loss = 0;
        for (Eigen::Index k = 0; k < out.cols(); ++k) {
          const int y = labels[size_t(rows[k])];
          loss += top(k) + std::log(sum(k)) - out(y, k);
          delta.col(k) /= sum(k);
          delta(y, k) -= 1.0;
        }
        delta /= double(out.cols());
        return loss;
      });
  return total / double(X.rows());
}

}  // namespace lreg
