#include <lreg/io/npy.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <regex>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/base/printable.h>
#include <lreg/data/dataset.h>
#include <lreg/io/csv.h>
#include "base/huge_pages.h"
#include "io/npy_rows.h"

namespace lreg::detail {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

// The header's keys, compiled once (a regex costs more to build than a small file to read).
const std::regex kDescr("'descr'\\s*:\\s*'([^']*)'");
const std::regex kFortran("'fortran_order'\\s*:\\s*(True|False)");
const std::regex kShape("'shape'\\s*:\\s*\\(([^)]*)\\)");
const std::regex kDigits("\\d+");

// One value of a non-float64 dtype as a double (integers above 2^53 round).
double npyValue(char kind, size_t size, const char* p) {
  auto load = [p](auto v) {
    std::memcpy(&v, p, sizeof v);
    return double(v);
  };
  if (kind == 'f') return load(float());
  if (kind == 'i')
    return size == 1   ? load(std::int8_t())
           : size == 2 ? load(std::int16_t())
           : size == 4 ? load(std::int32_t())
                       : load(std::int64_t());
  return size == 1   ? load(std::uint8_t())
         : size == 2 ? load(std::uint16_t())
         : size == 4 ? load(std::uint32_t())
                     : load(std::uint64_t());
}

}  // namespace

NpyHeader readNpyHeader(const std::string& path) {
  auto fail = [&](const std::string& what) { return Error(path + ": " + what); };
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw fail(std::string("cannot open file (") + std::strerror(errno) + ")");
  struct Closer {
    std::FILE* f;
    ~Closer() { std::fclose(f); }
  } closer{f};
  auto read = [&](void* to, size_t bytes) { return std::fread(to, 1, bytes, f); };
  std::error_code ec;
  const auto fileSize = size_t(std::filesystem::file_size(path, ec));
  if (ec) throw fail("cannot read the file size (" + ec.message() + ")");
  unsigned char lead[12] = {};
  const size_t leadRead = read(lead, 10);
  if (leadRead < 10 || std::memcmp(lead, kMagic, 6) != 0)
    throw fail("not a NumPy .npy file (bad magic bytes)");
  const int major = lead[6];
  size_t headerLength, offset;
  if (major == 1) {
    headerLength = lead[8] | (lead[9] << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (read(lead + 10, 2) < 2) throw fail("truncated header");
    headerLength = 0;
    for (int i = 0; i < 4; ++i) headerLength |= size_t(lead[8 + i]) << (8 * i);
    offset = 12;
  } else {
    throw fail("unsupported .npy format version " + std::to_string(major));
  }
  if (offset + headerLength > fileSize) throw fail("truncated header");
  std::string header(headerLength, '\0');
  if (read(header.data(), headerLength) < headerLength) throw fail("truncated header");
  std::smatch m;
  if (!std::regex_search(header, m, kDescr))
    throw fail("header has no 'descr' (not a plain array file)");
  const std::string descr = m[1];
  // Little-endian ('<'; '=' on this platform; '|' for single bytes) floats and integers: the
  // integers are labels and counts, as NumPy writes them by default.
  const bool littleEndian = descr.size() == 3 && (descr[0] == '<' || descr[0] == '=' ||
                                                  (descr[0] == '|' && descr[2] == '1'));
  const char kind = descr.size() == 3 ? descr[1] : '?';
  const size_t itemSize = descr.size() == 3 ? size_t(descr[2] - '0') : 0;
  const bool known = (kind == 'f' && (itemSize == 4 || itemSize == 8)) ||
                     ((kind == 'i' || kind == 'u') &&
                      (itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8));
  if (!littleEndian || !known)
    throw fail("unsupported dtype '" + printable(descr) +
               "' (only little-endian float64, float32 or integers)");
  NpyHeader h;
  h.path = path;
  h.kind = kind;
  h.itemSize = itemSize;
  if (!std::regex_search(header, m, kFortran)) throw fail("header has no 'fortran_order'");
  if (m[1] == "True")
    throw fail("Fortran-order arrays are not supported (save with np.ascontiguousarray)");
  if (!std::regex_search(header, m, kShape)) throw fail("header has no 'shape'");
  std::vector<long> shape;
  const std::string dims = m[1];
  for (std::sregex_iterator it(dims.begin(), dims.end(), kDigits), end; it != end; ++it) {
    long n = 0;
    const std::string text = it->str();
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc()) throw fail("shape (" + printable(dims) + ") is out of range");
    shape.push_back(n);
  }
  if (shape.empty() || shape.size() > 2)
    throw fail("expected a 1D or 2D array, found " + std::to_string(shape.size()) + " dimensions");
  h.rows = shape[0];
  h.cols = shape.size() == 2 ? shape[1] : 1;
  h.dataOffset = offset + headerLength;
  if (h.rows > 0 && h.cols > 0 &&
      (fileSize - h.dataOffset) / h.itemSize / size_t(h.cols) < size_t(h.rows))
    throw fail("truncated: the header promises " + std::to_string(h.rows) + " x " +
               std::to_string(h.cols) + " values, the file holds " +
               std::to_string((fileSize - h.dataOffset) / h.itemSize));
  return h;
}

NpyRows::NpyRows(const NpyHeader& header) : header_(header) {
  file_ = std::fopen(header_.path.c_str(), "rb");
  if (!file_) throw Error(header_.path + ": cannot open file (" + std::strerror(errno) + ")");
}

NpyRows::~NpyRows() {
  std::fclose(file_);
}

void NpyRows::read(long first, long count, double* out) {
  const long cols = header_.cols;
  const size_t values = size_t(count * cols), bytes = values * header_.itemSize;
  if (first != position_ &&
      fseeko(file_, off_t(header_.dataOffset + size_t(first * cols) * header_.itemSize),
             SEEK_SET) != 0)
    throw Error(header_.path + ": cannot seek (" + std::strerror(errno) + ")");
  position_ = -1;
  if (header_.kind == 'f' && header_.itemSize == 8) {
    if (std::fread(out, 1, bytes, file_) < bytes) throw Error(header_.path + ": read error");
  } else {
    raw_.resize(bytes);
    if (std::fread(raw_.data(), 1, bytes, file_) < bytes)
      throw Error(header_.path + ": read error");
    for (size_t i = 0; i < values; ++i)
      out[i] = npyValue(header_.kind, header_.itemSize, raw_.data() + i * header_.itemSize);
  }
  position_ = first + count;
  requireFinite(Eigen::Map<const RowMatrix>(out, count, cols), header_.path, first);
}

}  // namespace lreg::detail

namespace lreg {

Dataset readNpy(const std::string& path, int targets, long minRows) {
  auto fail = [&](const std::string& what) { return Error(path + ": " + what); };
  const detail::NpyHeader h = detail::readNpyHeader(path);
  const long rows = h.rows, cols = h.cols;
  if (cols <= targets)
    throw fail("expected at least " + std::to_string(targets + 1) + " columns (inputs, then " +
               std::to_string(targets) + " targets), found " + std::to_string(cols));
  if (rows == 0) throw fail("no data rows");
  if (rows < minRows)
    throw fail("too few rows: " + std::to_string(rows) + " (at least " + std::to_string(minRows) +
               " needed)");
  Dataset d;
  const long inputs = cols - targets;
  d.X.resize(rows, inputs);
  d.Y.resize(rows, targets);
  detail::adviseHugePages(d.X.data(), sizeof(double) * size_t(d.X.size()));
  detail::adviseHugePages(d.Y.data(), sizeof(double) * size_t(d.Y.size()));
  // Straight from the file into X and Y, a block of rows at a time: no copy of the whole file.
  detail::NpyRows file(h);
  // About 1 MB a block, never more rows than the file has (a small file costs no 8 MB buffer).
  const long blockRows = std::min(rows, std::max(1L, (1L << 20) / long(h.itemSize * cols)));
  std::vector<double> values(size_t(blockRows * cols));
  for (long first = 0; first < rows; first += blockRows) {
    const long n = std::min(blockRows, rows - first);
    file.read(first, n, values.data());
    for (long r = 0; r < n; ++r) {  // row-major rows: inputs, then targets
      const double* v = values.data() + r * cols;
      std::copy_n(v, inputs, d.X.data() + (first + r) * inputs);
      std::copy_n(v + inputs, targets, d.Y.data() + (first + r) * targets);
    }
  }
  d.inputNames = defaultNames("x", int(inputs));
  d.outputNames = defaultNames("y", targets);
  d.source = path;
  return d;
}

void writeNpy(const std::string& path, const Dataset& data) {
  const long rows = data.X.rows(), cols = data.X.cols() + data.Y.cols();
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';  // align the data to 64 bytes
  header += '\n';
  std::string out("\x93NUMPY", 6);
  out += char(1);
  out += char(0);
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  out += header;
  RowMatrix all(rows, cols);
  all << data.X, data.Y;
  out.append(reinterpret_cast<const char*>(all.data()), size_t(rows * cols) * sizeof(double));
  writeFileAtomically(path, out);
}

Dataset readData(const std::string& path, int targets, long minRows) {
  const bool npy = path.size() >= 4 && path.compare(path.size() - 4, 4, ".npy") == 0;
  return npy ? readNpy(path, targets, minRows) : readCsv(path, targets, minRows);
}

}  // namespace lreg
