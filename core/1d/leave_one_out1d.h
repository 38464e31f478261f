// The exact leave-one-out (LOO) error of the P1 least-squares fit on a fixed 1D mesh: for every
// sample, the residual of the fit made without it, r_i / (1 - h_ii) with h_ii its leverage.
// It tells a placement that generalises from one that only threads the training samples: where
// nodes crowd into a feature, an interval can hold the two samples that straddle a jump (or a
// few on the flank of a narrow peak), the training error is ~0 there, and the steep line
// through them overshoots into the next interval. Those samples have leverage ~1, and leaving
// one out shows the overshoot. On a well-posed fit every leverage is small (about D / N) and
// the LOO error is the training error times ~(1 + 2 D / N): no signal, as it should be.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "1d/moments1d.h"
#include "1d/samples1d.h"

namespace lreg::detail {

struct LeaveOneOut1D {
  double energy = 0;  ///< sum over samples and outputs of the squared LOO residuals
  long direct = 0;    ///< samples whose LOO fit was solved for (leverage above kDirectLeverage)
  Vector byInterval;  ///< #D-1: the energy of each interval's samples (sums to `energy`)
};

/// Leverage above which r / (1 - h) loses its digits (both factors are tiny where a sample alone
/// fixes a coefficient): the fit without the sample is solved for instead.
constexpr double kDirectLeverage = 0.9;
/// Those solves span this many nodes on each side of the sample's interval, the nodes beyond
/// held at the full fit: O(D) per solve however large the mesh (exact for D <= 2 * 48 + 2).
constexpr int kDirectWindow = 48;

/// `moments` = Moments1D::compute(mesh, samples, start), `coefficients` its least-squares
/// solution for `smoothing` (solveLeastSquares1D). Leverages come from the tridiagonal band of
/// the inverse normal matrix (BandedSpd::inverseBand): each sample touches two hats.
LeaveOneOut1D leaveOneOut1D(const Mesh1D& mesh, const Samples1D& samples,
                            const std::vector<long>& start, const Moments1D& moments,
                            const RowMatrix& coefficients, double smoothing);

}  // namespace lreg::detail
