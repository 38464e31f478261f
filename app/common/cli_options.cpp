#include "app/common/cli_options.h"

#include <charconv>
#include <cmath>

#include <lreg/base/printable.h>

namespace lreg::app {
namespace {

[[noreturn]] void refuse(const std::string& option, const std::string& what) {
  throw UsageError(option + ": " + what);
}

std::string outOfRange(const std::string& text, const std::string& bound) {
  return "'" + printable(text) + "' is out of range (must be " + bound + ")";
}

std::string boundText(long long v) {
  return std::to_string(v);
}
std::string boundText(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// The bound `v` breaks, or "" when lo <= v <= hi.
template <class T>
std::string brokenBound(T v, T lo, T hi) {
  return v < lo ? ">= " + boundText(lo) : v > hi ? "<= " + boundText(hi) : "";
}

}  // namespace

long long parseWhole(const std::string& option, const std::string& text, long long lo,
                     long long hi) {
  long long v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec == std::errc::result_out_of_range)  // beyond any integer: name the side it is on
    refuse(option,
           outOfRange(text, text[0] == '-' ? ">= " + boundText(lo) : "<= " + boundText(hi)));
  if (ec != std::errc() || p != end)
    refuse(option, "expects a whole number, got '" + printable(text) + "'");
  if (const std::string bound = brokenBound(v, lo, hi); !bound.empty())
    refuse(option, outOfRange(text, bound));
  return v;
}

double parseReal(const std::string& option, const std::string& text, double lo, double hi) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec == std::errc::result_out_of_range)  // a tiny value is harmless, a huge one is not
    v = std::strtod(text.c_str(), nullptr);
  else if (ec != std::errc() || p != end)
    refuse(option, "expects a number, got '" + printable(text) + "'");
  if (!std::isfinite(v)) refuse(option, outOfRange(text, "a finite number"));
  if (const std::string bound = brokenBound(v, lo, hi); !bound.empty())
    refuse(option, outOfRange(text, bound));
  return v;
}

CLI::Option* addReal(CLI::App& app, const std::string& name, double& target,
                     const std::string& value, const std::string& help, double lo, double hi) {
  return app
      .add_option_function<std::string>(
          name,
          [&target, name, lo, hi](const std::string& text) {
            target = parseReal(name, text, lo, hi);
          },
          help)
      ->type_name(value);
}

CLI::Option* addThreads(CLI::App& app, int& threads) {
  return addWhole(app, "--threads", threads, "N",
                  "worker threads for the data passes (default: all cores)", 1, 1024);
}

CLI::Option* addDevice(CLI::App& app, Device& device) {
  return addParsed(app, "--device", device, parseDevice, "DEV",
                   "auto (default: CUDA when usable), cpu or cuda");
}

CLI::Option* addPath(CLI::App& app, const std::string& name, std::string& target,
                     const std::string& help, const std::string& value) {
  return app.add_option(name, target, help)->type_name(value);
}

CLI::Option* addSeed(CLI::App& app, std::uint64_t& seed, const std::string& help) {
  return addWhole<std::uint64_t>(app, "--seed", seed, "S", help, 0,
                                 std::uint64_t(std::numeric_limits<long long>::max()));
}

}  // namespace lreg::app
