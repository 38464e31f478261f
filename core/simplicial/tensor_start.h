// Tensor-product starts for the 2D/3D engine: per-axis knots equidistributed by the 1D rule
// from each axis's slab errors, estimated from the fit's curvature along the axis or from its
// residual energy (doc/anisotropy.md), triangulated like a Kuhn grid. An additive function
// f1(x1) + f2(x2) is piecewise linear on such a mesh whenever each f_k is on its axis's knots,
// so this start resolves functions that vary fast along an axis (thin strips), which
// bisection of a uniform grid cannot do with isotropic cells.
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>

namespace lreg::detail {

using AxisKnots = std::vector<std::vector<double>>;  ///< per axis, strictly increasing 0..1

/// m knots from 0 to 1 at the quantiles of half the sampling density of `x` (unit-domain
/// coordinates, any order), half uniform: nodes where the data are, none left empty.
std::vector<double> dataKnots(const std::vector<double>& x, int m);

/// For a fit on SimplexMesh::tensorGrid(knots): sum[k][j] = the sum of `perSimplex` (residual
/// energy, sample counts, ...) over the grid cells in slab j (between knots j and j+1) of axis k.
std::vector<Vector> slabSums(const AxisKnots& knots, const Vector& perSimplex);

/// For a fit on SimplexMesh::tensorGrid(knots) with these coefficients: per axis k and slab j,
/// h_j^4 times the sum over the slab's samples of the fit's squared second derivative along
/// axis k (second divided differences of the coefficients at the knots, taken as linear in
/// between: per cell (a^2 + ab + b^2) / 3 over its edges along k) -- up to a constant what the
/// 1D rule says the slab's P1 error energy is, read from the fitted function, whose noise is
/// averaged over many samples, instead of from the residual, which is mostly noise once the
/// approximation error is below it.
std::vector<Vector> curvatureSlabEnergy(const AxisKnots& knots, const RowMatrix& coefficients,
                                        const Vector& countPerSimplex);

/// One equidistribution step for one axis: the knots at the quantiles of a density that gives
/// each slab the share energy^(1/5) (equal error per slab is the P1 optimum, as in 1D),
/// mixed with the current knots (weight 1 - damping) and `prior` of the uniform density, and
/// capped so that no new slab holds fewer than `minSamples` of the slab's `samples` (where
/// nodes outnumber samples the fit threads through them and strays between).
std::vector<double> equidistributeAxis(const std::vector<double>& knots, const Vector& energy,
                                       const Vector& samples, double minSamples, double damping,
                                       double prior);

/// The same density as `knots` (equal mass per interval) at another knot count m.
std::vector<double> resampleKnots(const std::vector<double>& knots, int m);

/// Candidate node counts per axis (product <= dof, each >= 2): the equal split first, then
/// splits favouring one axis by factors of about 2, 4 and 8 (in 3D: 2 and 4 against the other two).
std::vector<std::array<int, 3>> tensorSplits(int dim, int dof);

}  // namespace lreg::detail
