#include "simplicial/adam_simplicial.h"

#include <cmath>
#include <numeric>

#include "engine/hard_samples.h"
#include "engine/loss.h"

namespace lreg::detail {
namespace {

// Adds the subgradient of lambda * sum_i |c_i - mean_{j in N(i)} c_j| to G.
void addNeighbourL1(const RowMatrix& c, const std::vector<std::vector<int>>& neighbours,
                    double lambda, RowMatrix& G) {
  if (lambda <= 0) return;
  for (size_t i = 0; i < neighbours.size(); ++i) {
    const auto& nb = neighbours[i];
    if (nb.empty()) continue;
    for (Eigen::Index k = 0; k < c.cols(); ++k) {
      double mean = 0;
      for (int j : nb) mean += c(j, k);
      mean /= double(nb.size());
      const double d = c(long(i), k) - mean;
      const double s = lambda * ((d > 0) - (d < 0));
      G(long(i), k) += s;
      for (int j : nb) G(j, k) -= s / double(nb.size());
    }
  }
}

}  // namespace

double trainAdamSimplicial(const SimplexMesh& mesh, RowMatrix& coefficients,
                           const LocatedSamples& located, const RowMatrix& Y,
                           const MrcOptions& options, AdamState& state, Random& rng,
                           Vector& counts) {
  const long N = Y.rows();
  const int C = int(Y.cols()), v = mesh.dim + 1;
  if (state.m.rows() != coefficients.rows()) state.reset(int(coefficients.rows()), C);
  const std::vector<std::vector<int>> neighbours =
      options.l1Lambda > 0 ? mesh.nodeNeighbours() : std::vector<std::vector<int>>();
  std::vector<long> order(N);
  std::iota(order.begin(), order.end(), 0L);
  RowMatrix G(coefficients.rows(), C);
  std::vector<double> losses;
  std::vector<int> cells;
  double epochLoss = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    rng.shuffle(order);
    epochLoss = 0;
    for (long first = 0; first < N; first += options.batchSize) {
      const int B = int(std::min<long>(options.batchSize, N - first));
      G.setZero();
      losses.assign(B, 0.0);
      cells.resize(B);
      for (int b = 0; b < B; ++b) {
        const long n = order[first + b];
        const int t = located.simplex[n];
        const double* lambda = located.lambda.row(n).data();
        for (int k = 0; k < C; ++k) {
          double r = -Y(n, k);
          for (int a = 0; a < v; ++a) r += lambda[a] * coefficients(mesh.simplices(t, a), k);
          losses[b] += lossValue(options.loss, r, options.huberDelta);
          const double g = lossDerivative(options.loss, r, options.huberDelta) / B;
          for (int a = 0; a < v; ++a) G(mesh.simplices(t, a), k) += g * lambda[a];
        }
        cells[b] = t;
        epochLoss += losses[b];
      }
      addNeighbourL1(coefficients, neighbours, options.l1Lambda, G);
      state.apply(coefficients, G, options.learningRate);
      countTopK(losses.data(), cells.data(), B, options.hardPerBatch, counts);
    }
  }
  return epochLoss / double(N);
}

}  // namespace lreg::detail
