// idx reader (gzip'd or plain): any bytes give either an lreg::Error or an array whose shape
// matches its header and whose values are finite. Sizes come from the header: libFuzzer's
// -malloc_limit_mb catches an allocation the cap on header sizes lets through.
#include <lreg/io/idx.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::writeInput(data, size, ".idx");
  lreg::IdxArray a;
  try {
    // A cap below libFuzzer's allocation limit (512 MB): 2^24 doubles are 128 MB.
    a = lreg::readIdx(path, 1L << 24);
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
    return 0;
  }
  long values = 1;
  for (long d : a.shape) values *= d;
  fuzz::require(!a.shape.empty() && a.values.rows() == a.shape[0] && a.values.size() == values,
                "shape and values disagree");
  fuzz::require(a.values.allFinite(), "a non-finite value was accepted");
  return 0;
}
