// NumPy .npy input: float64, float32 or integers (labels), C-order, 2D arrays (a 1D array is
// one column).
// The header is validated; every problem is reported with the file name.
#pragma once

#include <string>

#include <lreg/data/dataset.h>

namespace lreg {

/// Reads an .npy array; the last `targets` columns are targets (0: inputs only). Columns are
/// named x1..xd / y1..yC (x / y when there is one). Rejects: bad magic or version, a header
/// that is not a dict of descr/fortran_order/shape, dtypes other than little-endian f4/f8 and
/// i1..i8/u1..u8 (read as doubles), Fortran order, more than 2
/// dimensions, a file shorter than the header promises, NaN/inf, fewer than `minRows` rows.
Dataset readNpy(const std::string& path, int targets = 1, long minRows = 1);

/// Writes X|Y as one float64 C-order array (for tests and benchmarks). Atomic.
void writeNpy(const std::string& path, const Dataset& data);

/// Whether a path names a NumPy file: its name ends in ".npy", in any case (data.NPY).
bool isNpyPath(const std::string& path);

/// readNpy for names ending in ".npy" (any case), readCsv otherwise.
Dataset readData(const std::string& path, int targets = 1, long minRows = 1);
/// writeNpy for names ending in ".npy" (any case), writeCsv otherwise (a .npy file holds no names).
void writeData(const std::string& path, const Dataset& data);

}  // namespace lreg
