// Hard-sample counting (Algorithm 2, lines 6-7): in each batch, the k samples with the largest
// loss add one to the count of the simplex that contains them.
#pragma once

#include <vector>

#include "core/types.h"

namespace lreg {

/// losses[b] and cells[b] describe the b-th sample of one batch (size n); adds 1 to
/// counts[cells[b]] for the k largest losses (ties broken by position, deterministic).
void countTopK(const double* losses, const int* cells, int n, int k, Vector& counts);

}  // namespace lreg
