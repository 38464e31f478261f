#include "core/npy.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <regex>

#include "core/atomic_file.h"
#include "core/csv.h"
#include "core/error.h"

namespace lreg {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

std::vector<std::string> defaultNames(const std::string& stem, long n) {
  if (n == 1) return {stem};
  std::vector<std::string> names;
  for (long k = 0; k < n; ++k) names.push_back(stem + std::to_string(k + 1));
  return names;
}

}  // namespace

Dataset readNpy(const std::string& path, int targets, long minRows) {
  auto fail = [&](const std::string& what) { return Error(path + ": " + what); };
  const std::string bytes = readFile(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
    throw fail("not a NumPy .npy file (bad magic bytes)");
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t headerLength, offset;
  if (major == 1) {
    headerLength =
        static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw fail("truncated header");
    headerLength = 0;
    for (int i = 0; i < 4; ++i)
      headerLength |= size_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    throw fail("unsupported .npy format version " + std::to_string(major));
  }
  if (offset + headerLength > bytes.size()) throw fail("truncated header");
  const std::string header = bytes.substr(offset, headerLength);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr'\\s*:\\s*'([^']*)'")))
    throw fail("header has no 'descr' (not a plain array file)");
  const std::string descr = m[1];
  if (descr != "<f8" && descr != "<f4" && descr != "=f8" && descr != "=f4")
    throw fail("unsupported dtype '" + descr + "' (only little-endian float64 or float32)");
  const size_t itemSize = descr.back() == '8' ? 8 : 4;
  if (!std::regex_search(header, m, std::regex("'fortran_order'\\s*:\\s*(True|False)")))
    throw fail("header has no 'fortran_order'");
  if (m[1] == "True")
    throw fail("Fortran-order arrays are not supported (save with np.ascontiguousarray)");
  if (!std::regex_search(header, m, std::regex("'shape'\\s*:\\s*\\(([^)]*)\\)")))
    throw fail("header has no 'shape'");
  std::vector<long> shape;
  const std::string dims = m[1];
  const std::regex digits("\\d+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), digits), end; it != end; ++it)
    shape.push_back(std::stol(it->str()));
  if (shape.empty() || shape.size() > 2)
    throw fail("expected a 1D or 2D array, found " + std::to_string(shape.size()) + " dimensions");
  const long rows = shape[0], cols = shape.size() == 2 ? shape[1] : 1;
  const size_t dataOffset = offset + headerLength;
  if (rows > 0 && cols > 0 && (bytes.size() - dataOffset) / itemSize / size_t(cols) < size_t(rows))
    throw fail("truncated: the header promises " + std::to_string(rows) + " x " +
               std::to_string(cols) + " values, the file holds " +
               std::to_string((bytes.size() - dataOffset) / itemSize));
  if (cols <= targets)
    throw fail("expected at least " + std::to_string(targets + 1) + " columns (inputs, then " +
               std::to_string(targets) + " targets), found " + std::to_string(cols));
  if (rows == 0) throw fail("no data rows");
  if (rows < minRows)
    throw fail("too few rows: " + std::to_string(rows) + " (at least " + std::to_string(minRows) +
               " needed)");
  RowMatrix all(rows, cols);
  const char* data = bytes.data() + dataOffset;
  for (long i = 0; i < rows * cols; ++i) {
    double v;
    if (itemSize == 8) {
      std::memcpy(&v, data + i * 8, 8);
    } else {
      float f;
      std::memcpy(&f, data + i * 4, 4);
      v = f;
    }
    if (!std::isfinite(v))
      throw fail("row " + std::to_string(i / cols + 1) + ", column " +
                 std::to_string(i % cols + 1) + ": value is not finite");
    all.data()[i] = v;
  }
  Dataset d;
  d.X = all.leftCols(cols - targets);
  d.Y = all.rightCols(targets);
  d.inputNames = defaultNames("x", cols - targets);
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
  std::string out(kMagic, 6);
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
