// A minimal harness for the suites that must build without Qt: scripts/gpu-check.sh builds them
// on a GPU machine that has a compiler, CMake and nvcc and nothing else. Each check is a
// function; CHECK records the first failed condition with its line. A suite that cannot run
// (no GPU) says why and exits with kSkipped, which CTest reports as skipped.
#pragma once

#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace checks {

constexpr int kSkipped = 77;  ///< CTest's SKIP_RETURN_CODE for these suites

struct Failure {
  std::string where;
};

#define CHECK(condition)                                                               \
  do {                                                                                 \
    if (!(condition))                                                                  \
      throw ::checks::Failure{std::string(__FILE__) + ":" + std::to_string(__LINE__) + \
                              ": " #condition};                                        \
  } while (0)

using Check = std::pair<std::string, std::function<void()>>;

/// Runs every check (each one even after another failed) and prints PASS/FAIL lines. Returns
/// the process's exit status: 0 when all passed, 1 otherwise; kSkipped with the reason printed
/// when `skipReason` is not empty.
inline int run(const char* suite, const std::vector<Check>& all, const std::string& skipReason) {
  if (!skipReason.empty()) {
    std::printf("SKIP   : %s: %s\n", suite, skipReason.c_str());
    return kSkipped;
  }
  int failed = 0;
  for (const auto& [name, check] : all) {
    try {
      check();
      std::printf("PASS   : %s::%s\n", suite, name.c_str());
    } catch (const Failure& f) {
      ++failed;
      std::printf("FAIL!  : %s::%s  %s\n", suite, name.c_str(), f.where.c_str());
    } catch (const std::exception& e) {
      ++failed;
      std::printf("FAIL!  : %s::%s  threw: %s\n", suite, name.c_str(), e.what());
    }
  }
  std::printf("Totals: %d passed, %d failed\n", int(all.size()) - failed, failed);
  return failed ? 1 : 0;
}

}  // namespace checks
