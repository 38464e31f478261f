// Options both programs share, and range-checked numbers for all of them. A value that is not a
// number of the option's kind, or lies outside its range, is a UsageError that quotes what the
// user typed: "--dof: '1000000000000' is out of range (must be <= 2147483647)".
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include <lreg/base/printable.h>
#include <lreg/engine/backend.h>
#include "app/common/cli_parser.h"

namespace lreg::app {

/// `text` as a whole number (decimal, no '+', nothing after it) in [lo, hi]. Throws UsageError
/// "OPTION: ..." otherwise.
long long parseWhole(const std::string& option, const std::string& text, long long lo,
                     long long hi);
/// `text` as a finite number in [lo, hi]. Throws UsageError "OPTION: ..." otherwise.
double parseReal(const std::string& option, const std::string& text, double lo, double hi);

/// A whole-number option (placeholder `value`, e.g. "D") stored in `target`; its range is
/// [lo, hi], by default all the values of T (so nothing typed can wrap around).
template <class T>
CLI::Option* addWhole(CLI::App& app, const std::string& name, T& target, const std::string& value,
                      const std::string& help, T lo = std::numeric_limits<T>::lowest(),
                      T hi = std::numeric_limits<T>::max()) {
  static_assert(std::is_integral_v<T> && sizeof(T) <= sizeof(long long));
  constexpr long long kMax = std::numeric_limits<long long>::max();
  const long long low = static_cast<long long>(lo);
  const long long high = std::cmp_greater(hi, kMax) ? kMax : static_cast<long long>(hi);
  return app
      .add_option_function<std::string>(
          name,
          [&target, name, low, high](const std::string& text) {
            target = static_cast<T>(parseWhole(name, text, low, high));
          },
          help)
      ->type_name(value);
}

/// A real-number option in [lo, hi] (finite in any case).
CLI::Option* addReal(CLI::App& app, const std::string& name, double& target,
                     const std::string& value, const std::string& help,
                     double lo = std::numeric_limits<double>::lowest(),
                     double hi = std::numeric_limits<double>::max());

/// An option whose text `parse` turns into a T (an enum: --fit, --loss, --device), throwing
/// lreg::Error for a word it does not know; that becomes a UsageError naming the option.
template <class T>
CLI::Option* addParsed(CLI::App& app, const std::string& name, T& target,
                       T (*parse)(const std::string&), const std::string& value,
                       const std::string& help) {
  return app
      .add_option_function<std::string>(
          name,
          [&target, name, parse](const std::string& text) {
            try {
              target = parse(text);
            } catch (const Error& e) {
              throw UsageError(name + ": " + printable(e.what()));
            }
          },
          help)
      ->type_name(value);
}

/// An option naming a file or folder; `value` is its placeholder in --help (FILE, DIR, OUT.json).
CLI::Option* addPath(CLI::App& app, const std::string& name, std::string& target,
                     const std::string& help, const std::string& value = "FILE");
/// --threads N (1 to 1024); 0 in `threads` when not given (all cores).
CLI::Option* addThreads(CLI::App& app, int& threads);
/// --device auto|cpu|cuda.
CLI::Option* addDevice(CLI::App& app, Device& device);
/// --seed S (0 to 2^63 - 1).
CLI::Option* addSeed(CLI::App& app, std::uint64_t& seed, const std::string& help);

}  // namespace lreg::app
