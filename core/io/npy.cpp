#include <lreg/io/npy.h>

#include <algorithm>
#include <cctype>
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
#include "io/too_few_columns.h"

namespace lreg::detail {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

// The header's keys, compiled once (a regex costs more to build than a small file to read).
const std::regex kDescr("'descr'\\s*:\\s*'([^']*)'");
const std::regex kRecordDescr("'descr'\\s*:\\s*\\[");
const std::regex kFortran("'fortran_order'\\s*:\\s*(True|False)");
const std::regex kShape("'shape'\\s*:\\s*\\(([^)]*)\\)");
const std::regex kDigits("\\d+");

// One value of type T at p, its bytes reversed first for a big-endian file.
template <class T>
double load(const char* p, bool bigEndian) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, p, sizeof(T));
  if (bigEndian) std::reverse(bytes, bytes + sizeof(T));
  T v;
  std::memcpy(&v, bytes, sizeof(T));
  return double(v);
}

// One value as a double (integers above 2^53 round).
double npyValue(char kind, size_t size, bool bigEndian, const char* p) {
  if (kind == 'f') return size == 4 ? load<float>(p, bigEndian) : load<double>(p, bigEndian);
  if (kind == 'i')
    return size == 1   ? load<std::int8_t>(p, false)
           : size == 2 ? load<std::int16_t>(p, bigEndian)
           : size == 4 ? load<std::int32_t>(p, bigEndian)
                       : load<std::int64_t>(p, bigEndian);
  return size == 1   ? load<std::uint8_t>(p, false)
         : size == 2 ? load<std::uint16_t>(p, bigEndian)
         : size == 4 ? load<std::uint32_t>(p, bigEndian)
                     : load<std::uint64_t>(p, bigEndian);
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
  // NumPy writes a record array's dtype as a list of (name, type) fields.
  if (std::regex_search(header, m, kRecordDescr))
    throw fail(
        "a structured array (named fields) is not supported; save a plain 2D array of numbers "
        "(numpy.lib.recfunctions.structured_to_unstructured converts one)");
  if (!std::regex_search(header, m, kDescr))
    throw fail("header has no 'descr' (not a plain array file)");
  const std::string descr = m[1];
  // Floats and integers of either byte order ('<', '>'; '=' is this platform's little-endian;
  // '|' for single bytes); integers are labels and counts, as NumPy writes them by default, and
  // bools read as 0 and 1.
  const bool three = descr.size() == 3;
  const char order = three ? descr[0] : '?', code = three ? descr[1] : '?';
  const size_t itemSize = three ? size_t(descr[2] - '0') : 0;
  const char kind = code == 'b' ? 'u' : code;
  const bool known = (kind == 'f' && (itemSize == 4 || itemSize == 8)) ||
                     ((code == 'i' || code == 'u') &&
                      (itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8)) ||
                     (code == 'b' && itemSize == 1);
  const bool ordered =
      order == '<' || order == '=' || order == '>' || (order == '|' && itemSize == 1);
  if (!ordered || !known)
    throw fail("unsupported dtype '" + printable(descr) +
               "' (only float64, float32, integers or bools)");
  NpyHeader h;
  h.path = path;
  h.kind = kind;
  h.itemSize = itemSize;
  h.bigEndian = order == '>' && itemSize > 1;
  if (!std::regex_search(header, m, kFortran)) throw fail("header has no 'fortran_order'");
  h.fortran = m[1] == "True";
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
  const size_t item = header_.itemSize;
  auto seek = [&](size_t value) {
    if (fseeko(file_, off_t(header_.dataOffset + value * item), SEEK_SET) != 0)
      throw Error(header_.path + ": cannot seek (" + std::strerror(errno) + ")");
  };
  auto readRaw = [&](size_t bytes) {
    raw_.resize(bytes);
    if (std::fread(raw_.data(), 1, bytes, file_) < bytes)
      throw Error(header_.path + ": read error");
  };
  auto convert = [&](size_t i) {
    return npyValue(header_.kind, item, header_.bigEndian, raw_.data() + i * item);
  };
  if (header_.fortran) {  // each column's rows are one contiguous run
    position_ = -1;
    for (long k = 0; k < cols; ++k) {
      seek(size_t(k * header_.rows + first));
      readRaw(size_t(count) * item);
      for (long r = 0; r < count; ++r) out[r * cols + k] = convert(size_t(r));
    }
  } else {
    const size_t values = size_t(count * cols), bytes = values * item;
    if (first != position_) seek(size_t(first * cols));
    position_ = -1;
    if (header_.kind == 'f' && item == 8 && !header_.bigEndian) {
      if (std::fread(out, 1, bytes, file_) < bytes) throw Error(header_.path + ": read error");
    } else {
      readRaw(bytes);
      for (size_t i = 0; i < values; ++i) out[i] = convert(i);
    }
    position_ = first + count;
  }
  requireFinite(Eigen::Map<const RowMatrix>(out, count, cols), header_.path, first);
}

}  // namespace lreg::detail

namespace lreg {

Dataset readNpy(const std::string& path, int targets, long minRows) {
  auto fail = [&](const std::string& what) { return Error(path + ": " + what); };
  const detail::NpyHeader h = detail::readNpyHeader(path);
  const long rows = h.rows, cols = h.cols;
  if (cols <= targets) throw fail(detail::tooFewColumns(targets, cols));
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

bool isNpyPath(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".npy";
}

Dataset readData(const std::string& path, int targets, long minRows) {
  return isNpyPath(path) ? readNpy(path, targets, minRows) : readCsv(path, targets, minRows);
}

void writeData(const std::string& path, const Dataset& data) {
  if (isNpyPath(path))
    writeNpy(path, data);
  else
    writeCsv(path, data);
}

}  // namespace lreg
