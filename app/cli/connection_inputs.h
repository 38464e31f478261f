// The connection commands' files: reading (lreg/connect/connection_files.h) and writing
// matrices.
#pragma once

#include <string>

#include <lreg/connect/connection_files.h>

namespace lreg::cli {

/// Writes a matrix as .npy (name ending in ".npy") or CSV with columns named `stem`1.. .
void writeMatrix(const std::string& path, const RowMatrix& m, const std::string& stem);

}  // namespace lreg::cli
