// The idx format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a 4-byte magic
// (0, 0, data type, rank), rank big-endian 32-bit dimensions, then the values, big-endian, in
// C order. Files may be gzip'd (read through zlib) or plain. Everything is validated; each
// problem is reported with the file name.
#pragma once

#include <string>
#include <vector>

#include <lreg/base/types.h>

namespace lreg {

struct IdxArray {
  std::vector<long> shape;  ///< the header's dimensions (rank 1 to 8)
  RowMatrix values;         ///< #shape[0] by (product of the other dimensions), as doubles
};

/// The largest number of values readIdx accepts by default (2^28: 2 GB as doubles): a header
/// that promises more is refused before anything is allocated.
constexpr long kIdxMaxValues = 1L << 28;

/// Reads an idx file (types ubyte, byte, short, int, float, double). Refuses: a file that does
/// not open, gzip data that is corrupt, a bad magic, an unknown type, rank 0 or above 8, a zero
/// dimension, more than maxValues values, fewer bytes than the header promises, trailing bytes.
/// A rowLimit >= 0 reads only the first rowLimit rows (all if the file holds fewer; `values`
/// then has that many rows, `shape` stays the header's, and what follows is not read).
IdxArray readIdx(const std::string& path, long maxValues = kIdxMaxValues, long rowLimit = -1);

/// The labels of an idx1 file (rank 1, whole numbers >= 0), e.g. Fashion-MNIST's *-labels-*.
std::vector<int> readIdxLabels(const std::string& path, long rowLimit = -1);

/// readIdx of a rank >= 2 file of images, one row per image (pixels in C order), scaled by
/// `scale` (1/255 maps bytes to [0, 1]); rowLimit as in readIdx.
RowMatrix readIdxImages(const std::string& path, double scale = 1.0 / 255, long rowLimit = -1);

}  // namespace lreg
