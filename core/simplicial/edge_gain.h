// Directional refinement: which edge to bisect is decided by how much its bisection lowers the
// least-squares error, not by its length. Bisecting edge (a, b) adds the hat
// phi = 2 min(lambda_a, lambda_b) on the simplices that share the edge; fitting its coefficient
// alone to the residual r lowers the error by (sum phi r)^2 / sum phi^2 (per output). Noise
// alone would give the phi^2-weighted mean noise variance, which is subtracted. Edges along
// which the function bends gain the most, so cells get thin across fronts and strips.
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

struct EdgeGains {
  std::vector<std::array<int, 2>> edges;  ///< SimplexMesh::edges() order
  Vector gain;                            ///< per edge: error reduction less the noise's share
  Vector samples;                         ///< per edge: samples in the simplices sharing it
  Vector simplices;                       ///< per edge: how many simplices share it
};

/// Residuals r = f - y of every sample (#N by C) and its noise variance estimate (#N, or empty
/// for none).
EdgeGains edgeGains(const SimplexMesh& mesh, const LocatedSamples& located,
                    const RowMatrix& residual, const std::vector<double>& noise);

}  // namespace lreg::detail
