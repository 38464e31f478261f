#include "engine/hard_samples.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>

#include "1d/hat.h"

namespace lreg::detail {

void countTopK(const double* losses, const int* cells, int n, int k, Vector& counts) {
  if (n <= 0 || k <= 0) return;
  k = std::min(k, n);
  thread_local std::vector<int> order;
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  std::nth_element(order.begin(), order.begin() + (k - 1), order.end(), [&](int a, int b) {
    return losses[a] > losses[b] || (losses[a] == losses[b] && a < b);
  });
  for (int i = 0; i < k; ++i) counts(cells[order[i]]) += 1.0;
}

namespace {

// The batches of `order`: each sample's loss and cell from lossOf(n) -> {loss, cell}, then the
// k largest of each batch counted.
template <class LossOf>
Vector countBatches(const std::vector<long>& order, int batch, int k, long cells,
                    const LossOf& lossOf) {
  Vector counts = Vector::Zero(cells);
  std::vector<double> losses(batch);
  std::vector<int> cellOf(batch);
  for (size_t first = 0; first < order.size(); first += size_t(batch)) {
    const int B = int(std::min(order.size() - first, size_t(batch)));
    for (int b = 0; b < B; ++b) std::tie(losses[b], cellOf[b]) = lossOf(order[first + size_t(b)]);
    countTopK(losses.data(), cellOf.data(), B, k, counts);
  }
  return counts;
}

}  // namespace

Vector hardSampleCounts1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const Samples1D& samples, const std::vector<int>& cell,
                          const std::vector<long>& order, int batch, int k) {
  const int C = samples.outputs();
  return countBatches(order, batch, k, mesh.intervals(), [&](long n) {
    const int j = cell[n];
    const double t = hatPosition(samples.x[n], mesh.node(j), 1.0 / mesh.width(j));
    return std::pair{hatSquaredResidual(t, coefficients.row(j).data(),
                                        coefficients.row(j + 1).data(), samples.y.row(n).data(), C),
                     j};
  });
}

Vector hardSampleCountsSimplicial(const SimplexMesh& mesh, const RowMatrix& coefficients,
                                  const LocatedSamples& located, const RowMatrix& Y,
                                  const std::vector<long>& order, int batch, int k) {
  const int C = int(Y.cols()), v = mesh.dim + 1;
  return countBatches(order, batch, k, mesh.simplexCount(), [&](long n) {
    const int t = located.simplex[n];
    double loss = 0;
    for (int c = 0; c < C; ++c) {
      double r = -Y(n, c);
      for (int a = 0; a < v; ++a) r += located.lambda(n, a) * coefficients(mesh.simplices(t, a), c);
      loss += r * r;
    }
    return std::pair{loss, t};
  });
}

}  // namespace lreg::detail
