// A discrete move for the end of a 1D fit: nodes taken from where they do least and put where
// the fit misses most. The polish moves each node by a fraction of its neighbouring widths and
// stops in the nearest local minimum; the curvature restarts place every node afresh from a
// density read off the fit, which at a jump reads as unbounded and at a narrow peak as too
// little. Neither moves a few dozen nodes from a flat tail or the samples-starved crowd at a
// jump into a peak that wants them, which is where the remaining gap to the best placement
// found lies. The exchange does: remove the nodes whose removal raises the training error least,
// bisect the intervals with the most residual energy the noise does not explain, and let the
// polish and the score judge.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "1d/samples1d.h"

namespace lreg::detail {

/// An interval is bisected only when it holds at least this many samples (two per half): a
/// node between samples that do not fix it is what the exchange removes.
constexpr long kExchangeSamples = 4;

/// Per interior node of `mesh` (#D; 0 at the end nodes, which stay): how much the training error
/// of the fit `coefficients` rises when the node is dropped and its two intervals are fitted by
/// the line between its neighbours' values (no refit: an upper bound, exact where the hat holds
/// no sample). `start` = samples.intervalStarts(mesh), `residual` = its residual energy per
/// interval (Moments1D::residualEnergy).
Vector removalCost(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<long>& start, const Vector& residual);

/// Per interval (#M) the `residual` energy less the local noise estimates (samples.noise) of its
/// samples: what the fit misses beyond the noise. The residual itself when samples.noise is empty.
Vector unexplainedEnergy(const Vector& residual, const Samples1D& samples,
                         const std::vector<long>& start);

struct NodeExchange {
  std::vector<double> nodes;  ///< empty when no move is possible
  std::vector<int> touched;   ///< the intervals of `mesh` next to a removed node or bisected
};

/// The nodes of `mesh` with up to `moves` interior nodes exchanged: the cheapest to remove by
/// `cost` (no two neighbours) out, the midpoints of the intervals with the most `residual`
/// energy (unexplainedEnergy on noisy data; a move pays when it exceeds the cost) holding
/// kExchangeSamples samples or more (none next to a removed node) in. As many out as in, so the
/// count stays; strictly increasing, no interval narrower than minWidth (intervals of at most 2
/// minWidth are not bisected).
NodeExchange exchangeNodes(const Mesh1D& mesh, const Vector& cost, const Vector& residual,
                           const Vector& counts, int moves, double minWidth);

}  // namespace lreg::detail
