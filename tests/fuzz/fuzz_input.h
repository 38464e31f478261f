// What every fuzz target shares: the input bytes as a file (the readers take paths, as users
// give them), and the checks that hold for any input — a rejected input gets an lreg::Error
// whose message is one printable line; anything else (another exception, a crash, a sanitizer
// report, an allocation beyond libFuzzer's -malloc_limit_mb) is a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <lreg/base/error.h>

namespace fuzz {

/// A private file that holds the current input; one per process, rewritten per input.
inline const std::string& scratchPath(const char* suffix) {
  static const std::string path = [&] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/lreg-fuzz-" + std::to_string(getpid()) +
           suffix;
  }();
  return path;
}

inline std::string writeInput(const uint8_t* data, size_t size, const char* suffix) {
  const std::string& path = scratchPath(suffix);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

inline void require(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

/// A message shown to a user: non-empty, one line, no raw control characters.
inline void checkMessage(const lreg::Error& e) {
  const std::string m = e.what();
  require(!m.empty(), "empty error message");
  for (unsigned char ch : m)
    if (ch < 0x20 || ch == 0x7f) finding("raw control character in an error message: " + m);
}

}  // namespace fuzz
