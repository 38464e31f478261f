// What a placement's fit does between samples, where neither its training nor its leave-one-out
// error looks. Where D approaches the samples in a feature, the polish drags nodes into the
// gaps between samples; a coefficient whose hat holds one sample at its far end is fixed by that
// sample's tiny weight and swings away (the line through the sample and the next node,
// extrapolated), and a node left between samples at a narrow peak's tip or a front can sit
// anywhere. The training and LOO errors at the samples stay small; the function between them
// does not. The data say what it should be where the function is smooth: quadratics through the
// nearest samples on each side agree there, and a fit straying from both is wrong. Where they
// disagree (a jump, a cusp, noise) the data do not decide, and nothing is charged.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include "1d/samples1d.h"

namespace lreg::detail {

/// Intervals holding at most this many samples are checked (where more are, the LOO error sees
/// the function between them).
constexpr long kGapSamples = 3;

/// Per interval of `mesh` (#D-1; `start` = samples.intervalStarts(mesh)) holding at most
/// kGapSamples samples: the expected squared error of the fit `coefficients` between its samples
/// beyond what the data leave open. At three Gauss points t of the interval, q_L(t) and q_R(t)
/// are the quadratics through the 3 samples left and right of its midpoint, q_L' and q_R'
/// those through the 3 next ones outward, and g the mean of q_L and q_R weighted by the inverse
/// of their noise variances (equal without noise estimates): a side whose samples nearly tie
/// extrapolates with huge weights, and its variance must not swallow what the other side says.
/// The energy is the local sample density times the interval's width times the Gauss mean of
/// max(0, |f(t) - g|^2 - |q_L - q_R|^2 - |q_L - q_L'|^2 - |q_R - q_R'|^2 - 3 var(g)): where
/// the sides disagree, or a quadratic does not model a side (a cusp, a kink), the data do not
/// decide. Zero elsewhere, and where a side has fewer than 4 samples or tied x.
Vector gapEnergy1D(const Mesh1D& mesh, const RowMatrix& coefficients, const Samples1D& samples,
                   const std::vector<long>& start);

}  // namespace lreg::detail
