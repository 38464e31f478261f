#include "simplicial/adam_simplicial.h"

#include <cmath>
#include <utility>

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
  const int C = int(Y.cols()), v = mesh.dim + 1;
  const std::vector<std::vector<int>> neighbours =
      options.l1Lambda > 0 ? mesh.nodeNeighbours() : std::vector<std::vector<int>>();
  auto sampleGradient = [&](long n, int B, RowMatrix& G) {
    const int t = located.simplex[n];
    const double* lambda = located.lambda.row(n).data();
    double loss = 0;
    for (int k = 0; k < C; ++k) {
      double r = -Y(n, k);
      for (int a = 0; a < v; ++a) r += lambda[a] * coefficients(mesh.simplices(t, a), k);
      loss += lossValue(options.loss, r, options.huberDelta);
      const double g = lossDerivative(options.loss, r, options.huberDelta) / B;
      for (int a = 0; a < v; ++a) G(mesh.simplices(t, a), k) += g * lambda[a];
    }
    return std::pair<int, double>{t, loss};
  };
  return adamEpochs(
      Y.rows(), coefficients, options, state, rng, counts, sampleGradient,
      [&](RowMatrix& G) { addNeighbourL1(coefficients, neighbours, options.l1Lambda, G); });
}

}  // namespace lreg::detail
