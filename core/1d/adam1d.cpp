#include "1d/adam1d.h"

#include <utility>

#include "1d/hat.h"
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

double trainAdam1D(const Mesh1D& mesh, RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<int>& cellOf, const MrcOptions& options, AdamState& state,
                   Random& rng, Vector& counts) {
  const int C = samples.outputs();
  auto sampleGradient = [&](long n, int B, RowMatrix& G) {
    const int j = cellOf[n];
    // The same per-sample math as the CUDA kernel (hat.h, loss.h).
    const double t = hatPosition(samples.x[n], mesh.node(j), 1.0 / mesh.width(j));
    double loss = 0;
    for (int k = 0; k < C; ++k) {
      const double r = (1 - t) * coefficients(j, k) + t * coefficients(j + 1, k) - samples.y(n, k);
      loss += lossValue(options.loss, r, options.huberDelta);
      const double g = lossDerivative(options.loss, r, options.huberDelta) / B;
      G(j, k) += g * (1 - t);
      G(j + 1, k) += g * t;
    }
    return std::pair<int, double>{j, loss};
  };
  return adamEpochs(
      samples.size(), coefficients, options, state, rng, counts, sampleGradient,
      [&](RowMatrix& G) { addSecondDifferenceL1(coefficients, options.l1Lambda, G); });
}

}  // namespace lreg::detail
