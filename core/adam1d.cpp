#include "core/adam1d.h"

#include <cmath>
#include <numeric>

#include "core/basis1d.h"
#include "core/hard_samples.h"
#include "core/loss.h"

namespace lreg {
namespace {

constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;

// Adds the subgradient of lambda * sum_i |c_i - (c_{i-1} + c_{i+1}) / 2| to G.
void addSecondDifferenceL1(const RowMatrix& c, double lambda, RowMatrix& G) {
  if (lambda <= 0) return;
  for (Eigen::Index i = 1; i + 1 < c.rows(); ++i)
    for (Eigen::Index k = 0; k < c.cols(); ++k) {
      const double d = c(i, k) - 0.5 * (c(i - 1, k) + c(i + 1, k));
      const double s = lambda * ((d > 0) - (d < 0));
      G(i, k) += s;
      G(i - 1, k) -= 0.5 * s;
      G(i + 1, k) -= 0.5 * s;
    }
}

}  // namespace

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
    for (long i = N - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
    epochLoss = 0;
    for (long first = 0; first < N; first += options.batchSize) {
      const int B = static_cast<int>(std::min<long>(options.batchSize, N - first));
      G.setZero();
      losses.assign(B, 0.0);
      cells.resize(B);
      for (int b = 0; b < B; ++b) {
        const long n = order[first + b];
        const int j = cellOf[n];
        const HatWeights w = hatWeights(mesh, j, samples.x[n]);
        for (int k = 0; k < C; ++k) {
          const double r =
              w.wLeft * coefficients(j, k) + w.wRight * coefficients(j + 1, k) - samples.y(n, k);
          losses[b] += lossValue(options.loss, r, options.huberDelta);
          const double g = lossDerivative(options.loss, r, options.huberDelta) / B;
          G(j, k) += g * w.wLeft;
          G(j + 1, k) += g * w.wRight;
        }
        cells[b] = j;
        epochLoss += losses[b];
      }
      addSecondDifferenceL1(coefficients, options.l1Lambda, G);
      ++state.step;
      const double c1 = 1 - std::pow(kBeta1, double(state.step));
      const double c2 = 1 - std::pow(kBeta2, double(state.step));
      state.m = kBeta1 * state.m + (1 - kBeta1) * G;
      state.v = kBeta2 * state.v + (1 - kBeta2) * G.cwiseAbs2();
      coefficients.array() -= options.learningRate * (state.m.array() / c1) /
                              ((state.v.array() / c2).sqrt() + kEpsilon);
      countTopK(losses.data(), cells.data(), B, options.hardPerBatch, counts);
    }
  }
  return epochLoss / double(N);
}

}  // namespace lreg
