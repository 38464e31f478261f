#include "1d/adam1d.h"

#include <cmath>
#include <numeric>

#include "1d/hat.h"
#include "engine/hard_samples.h"
#include "engine/loss.h"

namespace lreg::detail {
namespace {

// Adds the subgradient of lambda * sum_i |c_i - (c_{i-1} + c_{i+1}) / 2| to G.
void addSecondDifferenceL1(const RowMatrix& c, double lambda, RowMatrix& G) {
  if (lambda <= 0) return;
  for (Eigen::Index i = 1; i + 1 < c.rows(); ++i)
    for (Eigen::Index k = 0; k < c.cols(); ++k) {
      const double s = secondDifferenceSign(c(i - 1, k), c(i, k), c(i + 1, k), lambda);
      G(i, k) += s;
      G(i - 1, k) -= 0.5 * s;
      G(i + 1, k) -= 0.5 * s;
    }
}

}  // namespace

void AdamState::apply(RowMatrix& coefficients, const RowMatrix& G, double rate) {
  apply(coefficients.data(), G.data(), long(G.size()), rate);
}

void AdamState::apply(double* parameters, const double* G, long size, double rate) {
  ++step;
  const double c1 = 1 - std::pow(kAdamBeta1, double(step));
  const double c2 = 1 - std::pow(kAdamBeta2, double(step));
  for (long i = 0; i < size; ++i)
    adamStep(parameters[i], m.data()[i], v.data()[i], G[i], rate, c1, c2);
}

double trainAdam1D(const Mesh1D& mesh, RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<int>& cellOf, const MrcOptions& options, AdamState& state,
                   Random& rng, Vector& counts) {
  const long N = samples.size();
  const int C = samples.outputs();
  if (state.m.rows() != coefficients.rows()) state.reset(mesh.size(), C);
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
      const int B = static_cast<int>(std::min<long>(options.batchSize, N - first));
      G.setZero();
      losses.assign(B, 0.0);
      cells.resize(B);
      for (int b = 0; b < B; ++b) {
        const long n = order[first + b];
        const int j = cellOf[n];
        // The same per-sample math as the CUDA kernel (hat.h, loss.h).
        const double t = hatPosition(samples.x[n], mesh.node(j), 1.0 / mesh.width(j));
        for (int k = 0; k < C; ++k) {
          const double r =
              (1 - t) * coefficients(j, k) + t * coefficients(j + 1, k) - samples.y(n, k);
          losses[b] += lossValue(options.loss, r, options.huberDelta);
          const double g = lossDerivative(options.loss, r, options.huberDelta) / B;
          G(j, k) += g * (1 - t);
          G(j + 1, k) += g * t;
        }
        cells[b] = j;
        epochLoss += losses[b];
      }
      addSecondDifferenceL1(coefficients, options.l1Lambda, G);
      state.apply(coefficients, G, options.learningRate);
      countTopK(losses.data(), cells.data(), B, options.hardPerBatch, counts);
    }
  }
  return epochLoss / double(N);
}

}  // namespace lreg::detail
