// The mesh and fitted values of a model as a VTK XML unstructured grid (.vtu, ASCII), readable
// by ParaView: 1D intervals as lines, triangles, tetrahedra; coordinates in raw input units.
#pragma once

#include <string>

#include <lreg/data/dataset.h>
#include <lreg/model/model.h>

namespace lreg {

/// Point data: "fit" (C components: the coefficients, i.e. the model's value at each node),
/// "node" (index); with `data`, also "residual_rms" (C components: the root mean square of the
/// residuals of the samples under each node's hat, hat-weighted) and "samples" (sum of hat
/// weights). Cell data: "volume" (length / area / volume in raw units). Atomic write.
void writeVtu(const Model& model, const std::string& path, const Dataset* data = nullptr);

}  // namespace lreg
