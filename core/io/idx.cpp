#include <lreg/io/idx.h>

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <lreg/base/error.h>

namespace lreg {
namespace {

// A file read through zlib: gzread passes plain files through unchanged.
class GzFile {
 public:
  explicit GzFile(const std::string& path) : path_(path), f_(gzopen(path.c_str(), "rb")) {
    if (!f_) throw Error(path + ": cannot open file (" + std::strerror(errno) + ")");
  }
  ~GzFile() { gzclose(f_); }
  GzFile(const GzFile&) = delete;
  GzFile& operator=(const GzFile&) = delete;

  /// Reads up to `bytes`; returns how many arrived (fewer only at the end of the data).
  size_t read(void* to, size_t bytes) {
    size_t done = 0;
    while (done < bytes) {
      const unsigned chunk = unsigned(std::min<size_t>(bytes - done, 1u << 30));
      const int got = gzread(f_, static_cast<char*>(to) + done, chunk);
      if (got < 0) {
        int code = 0;
        std::string what = gzerror(f_, &code);
        if (what.rfind(path_ + ": ", 0) == 0) what.erase(0, path_.size() + 2);  // zlib adds it
        throw Error(path_ + ": cannot read the data (" + what + ")");
      }
      if (got == 0) break;
      done += size_t(got);
    }
    return done;
  }

 private:
  std::string path_;
  gzFile f_;
};

// Bytes per value of each idx data type (0 for unknown types).
int valueSize(int type) {
  switch (type) {
    case 0x08:  // unsigned byte
    case 0x09:  // signed byte
      return 1;
    case 0x0B:  // short
      return 2;
    case 0x0C:  // int
    case 0x0D:  // float
      return 4;
    case 0x0E:  // double
      return 8;
  }
  return 0;
}

template <class T>
T bigEndian(const unsigned char* p) {
  using U = std::conditional_t<
      sizeof(T) == 1, std::uint8_t,
      std::conditional_t<sizeof(T) == 2, std::uint16_t,
                         std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;
  U u = 0;
  for (size_t i = 0; i < sizeof(T); ++i) u = U((u << 8) | p[i]);
  return std::bit_cast<T>(u);
}

double valueAt(int type, const unsigned char* p) {
  switch (type) {
    case 0x08:
      return p[0];
    case 0x09:
      return bigEndian<std::int8_t>(p);
    case 0x0B:
      return bigEndian<std::int16_t>(p);
    case 0x0C:
      return bigEndian<std::int32_t>(p);
    case 0x0D:
      return bigEndian<float>(p);
  }
  return bigEndian<double>(p);
}

std::string shapeText(const std::vector<long>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? " x " : "") + std::to_string(shape[i]);
  return s;
}

}  // namespace

IdxArray readIdx(const std::string& path, long maxValues, long rowLimit) {
  auto fail = [&](const std::string& what) { return Error(path + ": " + what); };
  GzFile file(path);
  unsigned char magic[4];
  if (file.read(magic, 4) < 4 || magic[0] != 0 || magic[1] != 0)
    throw fail("not an idx file (bad magic bytes)");
  const int type = magic[2], rank = magic[3];
  const int size = valueSize(type);
  if (size == 0) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", type);
    throw fail(std::string("unsupported idx data type ") + hex);
  }
  if (rank < 1 || rank > 8)
    throw fail("unsupported idx rank " + std::to_string(rank) + " (1 to 8)");
  IdxArray a;
  // The cap applies to what is read: with a row limit, only that many rows of the first
  // dimension (a 10^9-row file may still give its first thousand).
  long cols = 1;
  auto refuse = [&] {
    return fail("the header promises more than " + std::to_string(maxValues) +
                " values; refusing to allocate");
  };
  for (int k = 0; k < rank; ++k) {
    unsigned char b[4];
    if (file.read(b, 4) < 4) throw fail("truncated header");
    const long dim = long(bigEndian<std::uint32_t>(b));
    if (dim == 0) throw fail("dimension " + std::to_string(k + 1) + " is 0");
    a.shape.push_back(dim);
    if (k == 0) continue;
    if (dim > maxValues / cols) throw refuse();
    cols *= dim;
  }
  const long rows = rowLimit >= 0 ? std::min(rowLimit, a.shape[0]) : a.shape[0];
  if (rows == 0) throw fail("asked for 0 rows");
  if (rows > maxValues / cols) throw refuse();
  const long values = rows * cols;
  a.values.resize(rows, cols);
  // Block by block from the (decompressed) stream into the matrix.
  std::vector<unsigned char> block(size_t(1) << 20);
  const long perBlock = long(block.size()) / size;
  double* out = a.values.data();
  for (long first = 0; first < values; first += perBlock) {
    const long n = std::min(perBlock, values - first);
    const size_t bytes = size_t(n) * size_t(size);
    const size_t got = file.read(block.data(), bytes);
    if (got < bytes)
      throw fail("truncated: the header promises " + shapeText(a.shape) +
                 " values, the file holds " + std::to_string(first + long(got) / size));
    for (long i = 0; i < n; ++i) out[first + i] = valueAt(type, block.data() + i * size);
  }
  unsigned char extra;
  if (rows == a.shape[0] && file.read(&extra, 1) != 0)
    throw fail("trailing bytes after the " + shapeText(a.shape) + " values");
  if ((type == 0x0D || type == 0x0E) && !a.values.allFinite()) throw fail("a value is not finite");
  return a;
}

std::vector<int> readIdxLabels(const std::string& path, long rowLimit) {
  const IdxArray a = readIdx(path, kIdxMaxValues, rowLimit);
  if (a.shape.size() != 1)
    throw Error(path + ": labels must be an idx1 file (rank 1), found rank " +
                std::to_string(a.shape.size()));
  std::vector<int> labels(size_t(a.values.rows()));
  for (long n = 0; n < a.values.rows(); ++n) {
    const double v = a.values(n, 0);
    if (!(v >= 0) || v != std::floor(v) || v > 1e9)
      throw Error(path + ": label " + std::to_string(n + 1) + " is not a whole number >= 0");
    labels[size_t(n)] = int(v);
  }
  return labels;
}

RowMatrix readIdxImages(const std::string& path, double scale, long rowLimit) {
  IdxArray a = readIdx(path, kIdxMaxValues, rowLimit);
  if (a.shape.size() < 2)
    throw Error(path + ": images must have rank 2 or more (items, then pixels), found rank 1");
  a.values *= scale;
  return std::move(a.values);
}

}  // namespace lreg
