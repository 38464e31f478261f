// Adam on the coefficients (Algorithm 2) for every mesh kind: the optimiser's state and the
// minibatch loop. The 1D and simplicial paths differ only in how one sample's residual and
// gradient are formed and in the smoothness penalty; both are passed in.
#pragma once

#include <algorithm>
#include <numeric>
#include <vector>

#include <lreg/base/random.h>
#include <lreg/base/types.h>
#include <lreg/engine/mrc_options.h>
#include "engine/hard_samples.h"

namespace lreg::detail {

/// Adam's moment estimates. Reset whenever the mesh changes: the moments belong to nodes that
/// may have moved (the authors' code kept them, which mixes statistics of different nodes).
struct AdamState {
  RowMatrix m, v;
  long step = 0;
  void reset(int D, int C) {
    m = RowMatrix::Zero(D, C);
    v = RowMatrix::Zero(D, C);
    step = 0;
  }
  /// One Adam step of every coefficient (#D by C) with gradient G (core/loss.h's adamStep).
  void apply(RowMatrix& coefficients, const RowMatrix& G, double rate);
  /// The same on `size` contiguous parameters (m and v must hold as many values).
  void apply(double* parameters, const double* G, long size, double rate);
};

/// options.epochs epochs over shuffled minibatches of N samples: per batch of B samples,
/// `sampleGradient(n, B, G)` adds sample n's loss gradient (divided by B) to G and
/// returns {its cell, its loss}; `penalty(G)` adds the smoothness penalty's subgradient; then
/// one Adam step, and the top-k losses of the batch count for their cells in `counts`.
/// Returns the mean loss of the last epoch.
template <class SampleGradient, class Penalty>
double adamEpochs(long N, RowMatrix& coefficients, const MrcOptions& options, AdamState& state,
                  Random& rng, Vector& counts, SampleGradient&& sampleGradient, Penalty&& penalty) {
  if (state.m.rows() != coefficients.rows())
    state.reset(int(coefficients.rows()), int(coefficients.cols()));
  std::vector<long> order(N);
  std::iota(order.begin(), order.end(), 0L);
  RowMatrix G(coefficients.rows(), coefficients.cols());
  std::vector<double> losses;
  std::vector<int> cells;
  double epochLoss = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    rng.shuffle(order);
    epochLoss = 0;
    for (long first = 0; first < N; first += options.batchSize) {
      const int B = int(std::min<long>(options.batchSize, N - first));
      G.setZero();
      losses.resize(B);
      cells.resize(B);
      for (int b = 0; b < B; ++b) {
        const auto [cell, loss] = sampleGradient(order[first + b], B, G);
        cells[b] = cell;
        losses[b] = loss;
        epochLoss += loss;
      }
      penalty(G);
      state.apply(coefficients, G, options.learningRate);
      countTopK(losses.data(), cells.data(), B, options.hardPerBatch, counts);
    }
  }
  return epochLoss / double(N);
}

}  // namespace lreg::detail
