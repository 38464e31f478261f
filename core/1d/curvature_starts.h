// Restarts for the end of a 1D fit: node vectors equidistributing the P1 optimum's density
// |f''|^(2/5) w^(1/5) (equal error per interval), with f'' read from the slope jumps of the
// fit and w the local sampling density. The MRC loop reaches the right basin on most data but
// not everywhere: where intervals hold only a few samples their residual energies say little
// about how the function bends, and the loop stalls with nodes left in flat regions. A
// smooth curvature density, equidistributed at several phases (the objective has local
// minima) and polished, is the other route; the fit keeps whichever trains best.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg::detail {

/// Per interval of `mesh`: the density's mass |f''|^(2/5) w^(1/5) h, f'' from the slope jumps of
/// the fit `coefficients` (#D by C, the norm over outputs) and w from the sample counts, both
/// averaged over neighbouring intervals, plus a 1% floor so that no region is left empty.
Vector curvatureMass(const Mesh1D& mesh, const RowMatrix& coefficients, const Vector& counts);

/// `phases` node vectors of D nodes at the quantiles (k + p / phases) / (D - 1) of that density.
std::vector<std::vector<double>> curvatureStarts(const Mesh1D& mesh, const Vector& mass, int D,
                                                 int phases, double minWidth);

}  // namespace lreg::detail
