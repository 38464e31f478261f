// The jump of a P1 function's gradient across the interior faces of a simplicial mesh: a
// penalty that is zero on every linear function, so a tie built from it keeps exact linear
// data exact (an edge penalty |c_i - c_j|^2 pulls a slope flat).
#pragma once

#include <functional>
#include <vector>

#include <Eigen/SparseCore>

#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// Adds sum_F w_F (h1 h2) ([grad f] . n_F)^2 to the normal equations (as triplets over the d+2
/// nodes of each pair of simplices sharing face F; h1, h2 are the heights of the two opposite
/// vertices over F, which make the term a second difference of the coefficients, in their
/// units). `weight(nodes)` gives w_F from the pair's d+2 node indices; faces weighted 0 are
/// skipped.
void addGradientJumpPenalty(const SimplexMesh& mesh,
                            const std::function<double(const std::vector<int>&)>& weight,
                            std::vector<Eigen::Triplet<double>>& triplets);

}  // namespace lreg::detail
