#include <lreg/io/csv.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/printable.h>
#include "io/csv_rows.h"
#include "io/too_few_columns.h"

namespace lreg {
namespace {

bool isBlankChar(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r';
}

// One header name and whether it was quoted (a quoted number is a name, not a number).
struct HeaderCell {
  std::string name;
  bool quoted = false;
};

// Splits the header row into names, RFC 4180 style: blanks around a cell go; a cell that starts
// with a double quote runs to its closing quote, "" standing for one quote, and keeps the
// blanks and commas inside. A bare cell is taken as it is (quotes inside it included).
std::vector<HeaderCell> splitHeader(std::string_view line, const std::string& path, long lineNo) {
  std::vector<HeaderCell> cells;
  size_t i = 0;
  auto skipBlanks = [&] {
    while (i < line.size() && isBlankChar(line[i])) ++i;
  };
  while (true) {
    HeaderCell cell;
    const long column = long(cells.size()) + 1;
    skipBlanks();
    if (i < line.size() && line[i] == '"') {
      cell.quoted = true;
      for (++i;; ++i) {
        if (i == line.size())
          throw Error(locatedMessage(path, lineNo, column,
                                     "unterminated quote in the header row (a name must end "
                                     "on its line)"));
        if (line[i] != '"') {
          cell.name += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == '"') {
          cell.name += '"';
          ++i;
        } else {
          break;
        }
      }
      ++i;
      skipBlanks();
      if (i < line.size() && line[i] != ',')
        throw Error(locatedMessage(path, lineNo, column,
                                   "text after the closing quote of the name '" +
                                       printable(cell.name) + "' in the header row"));
    } else {
      const size_t end = std::min(line.find(',', i), line.size());
      size_t last = end;
      while (last > i && isBlankChar(line[last - 1])) --last;
      cell.name = std::string(line.substr(i, last - i));
      i = end;
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) return cells;
    ++i;  // the comma
  }
}

bool startsWithBom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF";
}

// The first bytes of a NumPy .npy file: a CSV file starting with them is refused as one.
bool startsWithNpyMagic(std::string_view s) {
  return s.substr(0, 6) == "\x93NUMPY";
}

bool isNumber(const std::string& s) {
  double dummy;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), dummy);
  return ec == std::errc() && p == s.data() + s.size();
}

// A name as a header cell that splitHeader reads back unchanged: quoted (quotes doubled) where
// the bare name would lose blanks, hold a comma, start with a quote, read as a number or (first
// column) as a byte-order mark or a NumPy file's magic.
std::string headerCell(const std::string& name, bool first) {
  if (name.empty() || name.find_first_of("\n") != std::string::npos)
    throw Error("column name '" + printable(name) +
                "' cannot be written to a CSV header (it is empty or holds a line break)");
  const bool bare = !isBlankChar(name.front()) && !isBlankChar(name.back()) &&
                    name.front() != '"' && name.find(',') == std::string::npos && !isNumber(name) &&
                    !(first && (startsWithBom(name) || startsWithNpyMagic(name)));
  if (bare) return name;
  std::string cell = "\"";
  for (char ch : name) cell += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return cell + '"';
}

// Splits one line (without its newline) at commas; a comma between double quotes is part of
// its cell (parseCell then says that "1,5" is not a number instead of miscounting columns).
void splitLine(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  size_t start = 0;
  bool inQuotes = false;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && line[i] == '"') inQuotes = !inQuotes;  // "" toggles twice
    if (i == line.size() || (line[i] == ',' && !inQuotes)) {
      cells.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
}

// Why a first line has too few columns, where another separator explains it: the message
// then says what the reader expects instead of only counting.
std::string separatorHint(std::string_view line) {
  auto holds = [&](char ch) { return line.find(ch) != std::string_view::npos; };
  std::string found;
  if (holds('\t'))
    found = "tabs";
  else if (holds(';'))
    found = "semicolons (';')";
  else if (holds('|'))
    found = "vertical bars ('|')";
  else {
    size_t first = 0, last = line.size();
    while (first < last && isBlankChar(line[first])) ++first;
    while (last > first && isBlankChar(line[last - 1])) --last;
    if (line.substr(first, last - first).find(' ') != std::string_view::npos) found = "blanks";
  }
  if (found.empty()) return "";
  return "; the line holds " + found +
         ": lreg reads comma-separated values (a header row of names, then numbers with a "
         "decimal point, separated by commas)";
}

bool isBlank(std::string_view line) {
  for (char ch : line)
    if (!isBlankChar(ch)) return false;
  return true;
}

// Parses one cell strictly; throws with the file, line and column on any problem.
double parseCell(std::string_view cell, const std::string& path, long line, long column,
                 const std::string& columnName) {
  auto where = [&](const std::string& what) {
    return Error(
        locatedMessage(path, line, column, what + " (column '" + printable(columnName) + "')"));
  };
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t' || cell.back() == '\r'))
    cell.remove_suffix(1);
  // A quoted number is a number (spreadsheets and csv.QUOTE_ALL write them): RFC 4180's quotes
  // delimit the cell, they are no part of its value.
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
    cell = cell.substr(1, cell.size() - 2);
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  }
  if (cell.empty()) throw where("empty cell");
  const char* first = cell.data();
  if (*first == '+') ++first;  // from_chars rejects a leading '+'
  double value = 0;
  auto [ptr, ec] = std::from_chars(first, cell.data() + cell.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves `value` untouched here; strtod tells overflow (HUGE_VAL) from a
    // harmless underflow (a denormal or zero).
    const std::string text(cell);
    const double v = std::strtod(text.c_str(), nullptr);
    if (std::isinf(v)) throw where("value '" + printable(text) + "' overflows a double");
    return v;
  }
  if (ec != std::errc() || ptr != cell.data() + cell.size())
    throw where("'" + printable(cell) + "' is not a number");
  if (!std::isfinite(value)) throw where("'" + printable(cell) + "' is not a finite number");
  return value;
}

// Parses a well-formed row of plain numbers straight into `values`. Returns false (and leaves
// `values` as it was) on anything unusual: the caller then re-parses strictly for the message.
bool parseRowFast(std::string_view line, long columns, std::vector<double>& values) {
  const size_t mark = values.size();
  const char* p = line.data();
  const char* end = line.data() + line.size();
  if (end > p && end[-1] == '\r') --end;
  for (long k = 0; k < columns; ++k) {
    double v;
    auto [q, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || !std::isfinite(v) || (q != end && *q != ',') ||
        (k + 1 < columns) != (q != end)) {
      values.resize(mark);
      return false;
    }
    values.push_back(v);
    p = q + 1;
  }
  return true;
}

// Parses every non-blank line of `body` with parseRowFast, in parallel chunks. Returns false
// at the first line the fast path does not accept.
bool parseBodyParallel(std::string_view body, long columns, std::vector<double>& values,
                       long& rows) {
  const long chunks = std::max<long>(1, std::min<long>(threadCount(), long(body.size() >> 20)));
  std::vector<size_t> cut(chunks + 1, 0);
  cut[chunks] = body.size();
  for (long c = 1; c < chunks; ++c) {
    const size_t nl = body.find('\n', body.size() * c / chunks);
    cut[c] = nl == std::string_view::npos ? body.size() : nl + 1;
  }
  std::vector<std::vector<double>> parts(chunks);
  std::vector<long> partRows(chunks, 0);
  std::vector<char> ok(chunks, 1);
  parallelFor(chunks, [&](long c0, long c1) {
    for (long c = c0; c < c1; ++c) {
      std::string_view rest = body.substr(cut[c], cut[c + 1] - cut[c]);
      parts[c].reserve(rest.size() / 8);
      while (!rest.empty() && ok[c]) {
        const size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (isBlank(line)) continue;
        ok[c] = parseRowFast(line, columns, parts[c]);
        ++partRows[c];
      }
    }
  });
  for (long c = 0; c < chunks; ++c)
    if (!ok[c]) return false;
  size_t total = 0;
  for (const auto& p : parts) total += p.size();
  values.reserve(total);
  for (long c = 0; c < chunks; ++c) {
    values.insert(values.end(), parts[c].begin(), parts[c].end());
    rows += partRows[c];
  }
  return true;
}

}  // namespace
}  // namespace lreg

namespace lreg::detail {

CsvHeader parseCsvHeader(std::string_view text, const std::string& path, int targets,
                         bool wholeFile) {
  if (targets < 0) throw Error("the number of target columns must not be negative");
  // A NumPy file under another name (data.NPY, data.csv) would read as nonsense columns.
  if (startsWithNpyMagic(text))
    throw Error(locatedMessage(path, 0, 0,
                               "this is a NumPy .npy file, not CSV text: lreg reads it as one "
                               "when its name ends in .npy"));
  std::string_view rest(text), line;
  long lineNo = 0;
  bool haveHeader = false, lineBreak = false;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    line = rest.substr(0, nl);
    lineBreak = nl != std::string_view::npos;
    rest = lineBreak ? rest.substr(nl + 1) : std::string_view();
    ++lineNo;
    if (!isBlank(line)) {
      haveHeader = true;
      break;
    }
  }
  if ((!lineBreak || !haveHeader) && !wholeFile) {
    CsvHeader partial;
    partial.complete = false;
    return partial;
  }
  if (!haveHeader) throw Error(locatedMessage(path, 0, 0, "file is empty (expected a header row)"));
  // Byte-order marks (one or several, blanks between them) are no part of the first name: the
  // writer puts that name at the start of the file, where a reader strips the mark (fuzz_csv).
  while (!line.empty() && (isBlankChar(line.front()) || startsWithBom(line)))
    line.remove_prefix(isBlankChar(line.front()) ? 1 : 3);
  // Lines that end in a lone carriage return (classic Mac OS) read as one long first line.
  const size_t cr = line.find('\r');
  if (cr != std::string_view::npos && cr + 1 < line.size() && !isBlank(line.substr(cr)))
    throw Error(locatedMessage(path, lineNo, 0,
                               "lines end in a lone carriage return (\\r); lreg reads lines that "
                               "end in \\n or \\r\\n"));
  CsvHeader h;
  std::vector<char> quoted;
  for (HeaderCell& c : splitHeader(line, path, lineNo)) {
    h.names.push_back(std::move(c.name));
    quoted.push_back(c.quoted);
  }
  const long columns = static_cast<long>(h.names.size());
  for (long k = 0; k < columns; ++k) {
    if (h.names[k].empty())
      throw Error(locatedMessage(path, lineNo, k + 1, "empty column name in the header row"));
    if (!quoted[size_t(k)] && isNumber(h.names[k]))
      throw Error(
          locatedMessage(path, lineNo, k + 1,
                         "the first row must be a header row of column names, found the number '" +
                             printable(h.names[k]) + "'"));
  }
  if (columns <= targets)
    throw Error(
        locatedMessage(path, lineNo, 0, tooFewColumns(targets, columns) + separatorHint(line)));
  h.line = lineNo;
  h.bodyOffset = text.size() - rest.size();
  h.complete = lineBreak;
  return h;
}

long parseCsvRows(std::string_view body, const std::vector<std::string>& names,
                  const std::string& path, long firstLine, std::vector<double>& values) {
  // Fast path: the body is split at line breaks into one chunk per thread, each parsed
  // without diagnostics. Any irregularity sends the whole body through the strict,
  // sequential parser below, which reports the first problem with its line and column.
  const long columns = long(names.size());
  const size_t mark = values.size();
  long rows = 0;
  if (parseBodyParallel(body, columns, values, rows)) return rows;
  values.resize(mark);
  rows = 0;
  std::vector<std::string_view> cells;
  std::string_view rest = body;
  for (long lineNo = firstLine; !rest.empty(); ++lineNo) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (isBlank(line)) continue;
    if (!parseRowFast(line, columns, values)) {
      splitLine(line, cells);
      if (static_cast<long>(cells.size()) != columns)
        throw Error(locatedMessage(path, lineNo, 0,
                                   "expected " + std::to_string(columns) + " columns, found " +
                                       std::to_string(cells.size())));
      for (long k = 0; k < columns; ++k)
        values.push_back(parseCell(cells[k], path, lineNo, k + 1, names[k]));
    }
    ++rows;
  }
  return rows;
}

Dataset csvDataset(std::vector<double>& values, long rows, const std::vector<std::string>& names,
                   int targets, const std::string& path) {
  Dataset data;
  const long columns = long(names.size()), d = columns - targets;
  Eigen::Map<const RowMatrix> all(values.data(), rows, columns);
  data.X = all.leftCols(d);
  data.Y = all.rightCols(targets);
  data.inputNames.assign(names.begin(), names.begin() + d);
  data.outputNames.assign(names.begin() + d, names.end());
  data.source = path;
  return data;
}

}  // namespace lreg::detail

namespace lreg {

Dataset readCsv(const std::string& path, int targets, long minRows) {
  if (targets < 0) throw Error("the number of target columns must not be negative");
  const std::string text = readFile(path);
  const detail::CsvHeader header = detail::parseCsvHeader(text, path, targets);
  std::vector<double> values;
  const long rows = detail::parseCsvRows(std::string_view(text).substr(header.bodyOffset),
                                         header.names, path, header.line + 1, values);
  if (rows == 0) throw Error(locatedMessage(path, 0, 0, "no data rows after the header row"));
  if (rows < minRows)
    throw Error(locatedMessage(path, 0, 0,
                               "too few rows: " + std::to_string(rows) + " (at least " +
                                   std::to_string(minRows) + " needed)"));
  return detail::csvDataset(values, rows, header.names, targets, path);
}

std::string formatCsv(const Dataset& data) {
  std::string out;
  // Unnamed columns get the default names (x1.., y1..), as in .npy files and models.
  auto names = namesOrDefault(data.inputNames, "x", data.dim());
  const auto outputs = namesOrDefault(data.outputNames, "y", data.outputs());
  names.insert(names.end(), outputs.begin(), outputs.end());
  const long cols = data.X.cols() + data.Y.cols();
  for (long k = 0; k < cols; ++k) out += (k ? "," : "") + headerCell(names[size_t(k)], k == 0);
  out += '\n';
  char buf[32];
  for (long i = 0; i < data.X.rows(); ++i) {
    for (long k = 0; k < cols; ++k) {
      const double v = k < data.X.cols() ? data.X(i, k) : data.Y(i, k - data.X.cols());
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
      if (k) out += ',';
      out.append(buf, p);
    }
    out += '\n';
  }
  return out;
}

void writeCsv(const std::string& path, const Dataset& data) {
  writeFileAtomically(path, formatCsv(data));
}

}  // namespace lreg
