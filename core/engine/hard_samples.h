// Hard-sample counting (Algorithm 2, lines 6-7): in each batch, the k samples with the largest
// loss add one to the count of the simplex that contains them.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "1d/samples1d.h"

namespace lreg::detail {

/// losses[b] and cells[b] describe the b-th sample of one batch (size n); adds 1 to
/// counts[cells[b]] for the k largest losses (ties broken by position, deterministic).
void countTopK(const double* losses, const int* cells, int n, int k, Vector& counts);

/// The paper's indicator on a 1D mesh (#D-1 counts): the squared residuals of the samples in
/// batches of `batch` consecutive entries of `order`, the k largest of each batch counted for
/// their interval cell[n]. The per-sample math is hat.h's, as on the GPU.
/// The same on a simplicial mesh (#n_t counts): sample n lies in located.simplex[n].
Vector hardSampleCountsSimplicial(const SimplexMesh& mesh, const RowMatrix& coefficients,
                                  const LocatedSamples& located, const RowMatrix& Y,
                                  const std::vector<long>& order, int batch, int k);

Vector hardSampleCounts1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                          const Samples1D& samples, const std::vector<int>& cell,
                          const std::vector<long>& order, int batch, int k);

}  // namespace lreg::detail
