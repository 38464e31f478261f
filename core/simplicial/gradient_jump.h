// The jump of a P1 function's gradient across the interior faces of a simplicial mesh: a
// penalty that is zero on every linear function, so a tie built from it keeps exact linear
// data exact (an edge penalty |c_i - c_j|^2 pulls a slope flat).
#pragma once

#include <vector>

#include <Eigen/SparseCore>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// Adds sum_F w_F (h1 h2) ([grad f] . n_F)^2 to the normal equations (as triplets over the d+2
/// nodes of each pair of simplices sharing face F; h1, h2 are the heights of the two opposite
/// vertices over F, which make the term a second difference of the coefficients, in their
/// units). w_F is half the sum of `nodeWeight` over the pair's d+2 nodes; faces weighted 0 are
/// skipped. (A thin simplex beside a fat one weighs (h1 + h2)^2 / (4 h1 h2) times what the 1D
/// stabiliser's scale (2 h1 h2 / (h1 + h2))^2, the chord deviation, gives; that scale was tried
/// and lost on steep fronts: bench/RESULTS.md.)
void addGradientJumpPenalty(const SimplexMesh& mesh, const Vector& nodeWeight,
                            std::vector<Eigen::Triplet<double>>& triplets);

}  // namespace lreg::detail
