// The MLP of equal size and its conversion into an LReg model, for the app's MLP story (the
// paper's Figures 1 and 4): the width whose parameter count matches LReg's D·C + D·d, and the
// network as a Model with the largest |MLP − LReg| on the training data (about 1e-12 in 1D,
// where the conversion is exact; in 2D/3D the network is sampled on a grid: an approximation).
#pragma once

#include <QString>

#include <lreg/mlp/mlp.h>
#include "app/studio/data_bundle.h"
#include "app/studio/studio_types.h"

namespace lreg::studio {

/// The LReg model's parameter count: D·C coefficients + D·d node coordinates.
long lregParameterCount(int dof, int dim, int outputs);

/// One hidden ReLU layer whose parameter count, (d + 1)·h + (h + 1)·C, is the closest to LReg's.
MlpOptions equalSizeMlp(int dof, int dim, int outputs);

/// A sentence for tooltips and the status line: the width and both parameter counts.
QString equalSizeExplanation(int dof, int dim, int outputs);

struct MlpConversion {
  ModelPtr model;            ///< the network as an LReg model (the engine's unit domain)
  double maxDifference = 0;  ///< max |MLP − LReg| over the training inputs and outputs
  bool exact = false;        ///< 1D: breakpoints tracked exactly; else sampled on a grid
};

/// Converts `mlp` (trained on the unit domain of data.train) for an engine on `data`. In 2D/3D
/// the grid has about `nodes` nodes.
MlpConversion convertMlp(const Mlp& mlp, const DataBundle& data, int nodes);

}  // namespace lreg::studio
