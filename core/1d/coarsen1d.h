// Coarsening of a 1D mesh by equal-frequency binning (Algorithm 3, lines 7-11), made robust:
// the inverse CDF is a binary search (monotone by construction) and a minimum width is enforced.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg::detail {

/// D nodes at the quantiles i/(D-1) of the piecewise-constant density whose mass on interval j
/// of `fine` is mass[j] >= 0 (#fine.intervals()). The end nodes of `fine` are kept; all widths
/// are >= minWidth, which requires (D-1) * minWidth < domain length. A zero total mass gives
/// equally spaced nodes. With `shift` in [0, 1), interior node i sits at (i + shift) / (D - 1):
/// the same density at another phase.
std::vector<double> equalFrequencyNodes(const Mesh1D& fine, const Vector& mass, int D,
                                        double minWidth, double shift = 0.0);

/// `mass` normalised to 1, then no entry above `cap` (shares of the total): the mass above a cap
/// goes to the uncapped entries in proportion to theirs. Unchanged when the caps sum to 1 or
/// less (they cannot all hold).
Vector capMass(Vector mass, const Vector& cap);

/// The fine nodes left over by the monotone matching of `coarse` onto `fine` that moves nodes
/// least (sum of |distance|): the ones the coarsening "removes". Both lists sorted, ends shared.
std::vector<int> unmatchedNodes(const std::vector<double>& fine, const std::vector<double>& coarse);

/// The density (#fine.intervals(), total 1) that the MRC loop coarsens a refined mesh by:
/// (1 - prior) ((1 - damping) current + damping indicator) + prior (dataShare + width) / 2,
/// each part normalised to total 1. `current` is the mesh before refinement as a density (each
/// coarse interval holds 1/(D-1), spread over its fine sub-intervals by width; original[i]
/// marks its nodes, empty: all nodes); mixing it in damps the update. `indicator` >= 0 is the
/// hardness per fine interval (all zero, a perfect fit: nothing moves); `dataShare` the
/// fraction of the samples in each fine interval, so that empty regions keep nodes.
Vector coarseningMass(const Mesh1D& fine, const std::vector<char>& original,
                      const Vector& indicator, const Vector& dataShare, int coarseIntervals,
                      double damping, double prior);

}  // namespace lreg::detail
