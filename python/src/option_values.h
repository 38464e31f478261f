// Reading one keyword option's value: the checks and the words of the CLI's option parser
// (app/common/cli_options), with the Python name of the option where the CLI names its flag:
// "seed: '-1' is out of range (must be >= 0)". Shared by the fit and the connection options.
#pragma once

#include <climits>
#include <limits>
#include <map>
#include <string>

#include <pybind11/pybind11.h>

#include <lreg/base/error.h>

namespace lreg::python {

namespace py = pybind11;

/// Throws Error (ValueError in Python) "OPTION: WHAT".
[[noreturn]] void refuse(const std::string& option, const std::string& what);

/// A whole number in [lo, hi] (Python int or NumPy integer; not bool, not float).
long long whole(py::handle value, const std::string& name, long long lo = LLONG_MIN,
                long long hi = LLONG_MAX);
int smallWhole(py::handle value, const std::string& name, int lo = INT_MIN, int hi = INT_MAX);
/// A finite number in [lo, hi] (not bool, not complex).
double real(py::handle value, const std::string& name,
            double lo = -std::numeric_limits<double>::infinity(),
            double hi = std::numeric_limits<double>::infinity());
/// True or False, nothing else.
bool flag(py::handle value, const std::string& name);
/// A string, as text for a parser of the core.
std::string word(py::handle value, const std::string& name);

/// A word the core parses (parseFitMethod, ...), its refusal named after the option.
template <class T>
T parsed(py::handle value, const std::string& name, T (*parse)(const std::string&)) {
  const std::string text = word(value, name);
  try {
    return parse(text);
  } catch (const Error& e) {
    refuse(name, e.what());
  }
}

/// Reads `options` (name -> value) with `setters` (name -> how it sets Options); None means the
/// default; an unknown name raises TypeError listing the options.
template <class Options, class Setter>
Options readOptions(const py::dict& options, const std::map<std::string, Setter>& setters) {
  Options o;
  for (const auto& [key, value] : options) {
    const std::string name = py::str(key).cast<std::string>();
    const auto it = setters.find(name);
    if (it == setters.end()) {
      std::string names;
      for (const auto& entry : setters) names += (names.empty() ? "" : ", ") + entry.first;
      throw py::type_error("unknown option '" + name + "' (the options are " + names + ")");
    }
    if (!value.is_none()) it->second(o, value, name);
  }
  return o;
}

}  // namespace lreg::python
