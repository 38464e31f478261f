// .npy reader: any bytes give either an lreg::Error or a data set that survives a write/read
// round trip unchanged. Header sizes come from the file: libFuzzer's -malloc_limit_mb catches an
// allocation sized from a header that the file cannot back.
#include <lreg/io/npy.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::writeInput(data, size, ".npy");
  lreg::Dataset d;
  for (int targets : {0, 1}) {
    try {
      d = lreg::readNpy(path, targets, 1);
    } catch (const lreg::Error& e) {
      fuzz::checkMessage(e);
      continue;
    }
    fuzz::require(d.size() >= 1 && d.Y.rows() == d.size() && d.outputs() == targets,
                  "inconsistent shape");
    fuzz::require(d.X.allFinite() && d.Y.allFinite(), "a non-finite value was accepted");
    const std::string again = fuzz::scratchPath(".again.npy");
    lreg::writeNpy(again, d);
    const lreg::Dataset e = lreg::readNpy(again, targets, 1);
    fuzz::require(e.X == d.X && e.Y == d.Y, "values changed in a write/read round trip");
  }
  return 0;
}
