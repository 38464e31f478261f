// CSV reader: any bytes give either an lreg::Error or a data set that survives a write/read
// round trip unchanged (values bit for bit, names, shape).
#include <cmath>

#include <lreg/io/csv.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int targets = size > 0 ? data[0] % 3 : 1;  // 0, 1 or 2 target columns
  const std::string path = fuzz::writeInput(data, size, ".csv");
  lreg::Dataset d;
  try {
    d = lreg::readCsv(path, targets, 1);
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
    return 0;
  }
  fuzz::require(d.size() >= 1 && d.Y.rows() == d.size() && d.outputs() == targets,
                "inconsistent shape");
  fuzz::require(int(d.inputNames.size()) == d.dim() && int(d.outputNames.size()) == targets,
                "names do not match the columns");
  fuzz::require(d.X.allFinite() && d.Y.allFinite(), "a non-finite value was accepted");

  const std::string again = fuzz::scratchPath(".again.csv");
  lreg::writeCsv(again, d);
  const lreg::Dataset e = lreg::readCsv(again, targets, 1);
  fuzz::require(e.X == d.X && e.Y == d.Y, "values changed in a write/read round trip");
  fuzz::require(e.inputNames == d.inputNames && e.outputNames == d.outputNames,
                "names changed in a write/read round trip");
  return 0;
}
