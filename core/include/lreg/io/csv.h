// Strict CSV reading and writing. Every error names the file, line and column.
#pragma once

#include <string>

#include <lreg/data/dataset.h>

namespace lreg {

/// Reads a CSV with a header row; the last `targets` columns are targets (0: inputs only).
/// Rejects: missing or empty file, no data rows, fewer than `minRows` rows, ragged rows,
/// non-numeric cells, NaN/inf, values that overflow a double.
Dataset readCsv(const std::string& path, int targets = 1, long minRows = 1);

/// The CSV text of `data`: a header row, then inputs and targets, shortest exact form.
std::string formatCsv(const Dataset& data);

/// Writes a header row and one row per sample (inputs then targets), full precision.
/// Atomic: written to a temporary file beside `path`, then renamed.
void writeCsv(const std::string& path, const Dataset& data);

}  // namespace lreg
