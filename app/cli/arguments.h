// A small, strict command-line parser: each command declares its options, anything else is a
// usage error that names the offending word.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lreg::cli {

/// Thrown for usage errors (exit status 2).
struct UsageError {
  std::string message;
};

struct OptionSpec {
  std::string name;   ///< without the leading "--"
  std::string value;  ///< placeholder for the value ("D", "FILE"); empty for a flag
  std::string help;
};

struct CommandSpec {
  std::string name;     ///< e.g. "fit"
  std::string usage;    ///< e.g. "lreg fit TRAIN.csv [options]"
  std::string summary;  ///< one line
  /// Names of required positional arguments; a last one named "NAME..." takes one or more.
  std::vector<std::string> positionals;
  std::vector<OptionSpec> options;
};

class Arguments {
 public:
  /// Parses argv (without the program and command names). `--help` sets help().
  Arguments(const CommandSpec& spec, const std::vector<std::string>& argv);

  bool help() const { return help_; }
  bool flag(const std::string& name) const { return values_.count(name) > 0; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string text(const std::string& name, const std::string& fallback = "") const;
  long integer(const std::string& name, long fallback) const;
  double real(const std::string& name, double fallback) const;
  const std::string& positional(size_t i) const { return positionals_.at(i); }
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  const CommandSpec& spec_;
  bool help_ = false;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

/// The --help text of a command.
std::string helpText(const CommandSpec& spec);

}  // namespace lreg::cli
