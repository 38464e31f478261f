// MLP -> LReg: a 1D ReLU network is exactly a piecewise-linear function, so it converts into
// an LReg model whose nodes are the network's breakpoints and whose coefficients are its values
// there (the paper's Section 2.2). In 2D the network is sampled at the nodes of a mesh, which
// is an approximation (its kinks are not mesh edges).
#pragma once

#include <vector>

#include <lreg/data/normalizer.h>
#include <lreg/mlp/mlp.h>
#include <lreg/model/model.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg {

/// All breakpoints of a 1D network on [lo, hi], sorted (pieces are tracked through every layer,
/// so deep networks convert exactly too).
std::vector<double> mlpBreakpoints1D(const Mlp& mlp, double lo = 0.0, double hi = 1.0);

/// The exact LReg form of a 1D network trained on unit-domain inputs. Breakpoints closer than
/// `mergeWidth` are merged (the function changes by at most slope * mergeWidth there).
Model convertMlp1D(const Mlp& mlp, const Normalizer& normalizer, double mergeWidth = 1e-12);

/// A 2D/3D network sampled at the nodes of `mesh`: an approximation, exact only where the
/// network is affine on every simplex.
Model convertMlpOnMesh(const Mlp& mlp, const Normalizer& normalizer, const SimplexMesh& mesh);

}  // namespace lreg
