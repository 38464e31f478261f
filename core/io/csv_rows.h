// The pieces of CSV reading that whole-file reads (readCsv) and a process's share of a file's
// rows have in common: the header row, and the strict parsing of a run of whole lines whose
// first line number is known (errors name the file, line and column).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <lreg/data/dataset.h>

namespace lreg::detail {

struct CsvHeader {
  std::vector<std::string> names;  ///< every column, inputs then targets
  long line = 0;                   ///< the header's line number (blank lines may precede it)
  size_t bodyOffset = 0;           ///< bytes up to and including the header's line break
  bool complete = true;            ///< whether a line break ended the header in `text`
};

/// The header row at the start of `text`; throws Error for an empty file, a header that holds
/// numbers or too few columns for `targets`. Where `text` is only the start of the file
/// (`wholeFile` false) and no line break ends the header in it, nothing is checked: the result
/// says `complete = false` and the caller reads more.
CsvHeader parseCsvHeader(std::string_view text, const std::string& path, int targets,
                         bool wholeFile = true);

/// Parses the non-blank lines of `body` (whole lines; the first is line `firstLine` of `path`),
/// appending their values row-major to `values`; returns the number of rows.
long parseCsvRows(std::string_view body, const std::vector<std::string>& names,
                  const std::string& path, long firstLine, std::vector<double>& values);

/// The data set of `rows` parsed rows; the last `targets` columns are targets.
Dataset csvDataset(std::vector<double>& values, long rows, const std::vector<std::string>& names,
                   int targets, const std::string& path);

}  // namespace lreg::detail
