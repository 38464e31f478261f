// The pieces of .npy reading that whole-file reads (readNpy), a process's share of the rows and
// streamed passes have in common: the validated header, and any range of rows converted to
// float64 and checked for non-finite values, without reading the rest of the file.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace lreg::detail {

struct NpyHeader {
  std::string path;
  long rows = 0, cols = 0;
  char kind = 'f';         ///< 'f' (float), 'i' or 'u' (integers; 'u' for bool too)
  size_t itemSize = 8;     ///< bytes per value: 4 or 8 for floats, 1, 2, 4 or 8 for integers
  size_t dataOffset = 0;   ///< bytes before the first value
  bool bigEndian = false;  ///< values stored most significant byte first ('>' dtypes)
  bool fortran = false;    ///< column after column (np.save of a transposed array)
};

/// Reads and validates the header (magic, version, dtype, order, shape, the file's length);
/// throws Error naming the file and the problem. Any byte order and either memory order is
/// read: NumPy writes a transposed array (`np.vstack([x, y]).T`) in Fortran order.
NpyHeader readNpyHeader(const std::string& path);

/// An open .npy file that hands out rows.
class NpyRows {
 public:
  explicit NpyRows(const NpyHeader& header);
  ~NpyRows();
  NpyRows(const NpyRows&) = delete;
  NpyRows& operator=(const NpyRows&) = delete;

  const NpyHeader& header() const { return header_; }
  /// Rows [first, first + count) as row-major float64 into `out` (count * cols values). Throws
  /// Error "FILE: row R, column K: value is not finite" (rows and columns from 1).
  void read(long first, long count, double* out);

 private:
  NpyHeader header_;
  std::FILE* file_ = nullptr;
  long position_ = -1;  ///< the row the file is positioned at (no seek for consecutive reads)
  std::vector<char> raw_;
};

}  // namespace lreg::detail
