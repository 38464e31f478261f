#include "app/cli/arguments.h"

#include <charconv>
#include <cmath>

namespace lreg::cli {

Arguments::Arguments(const CommandSpec& spec, const std::vector<std::string>& argv) : spec_(spec) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--help" || a == "-h") {
      help_ = true;
      return;
    }
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      std::string name = a.substr(2), value;
      const size_t eq = name.find('=');
      const bool inlineValue = eq != std::string::npos;
      if (inlineValue) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* opt = nullptr;
      for (const auto& o : spec.options)
        if (o.name == name) opt = &o;
      if (!opt)
        throw UsageError{"unknown option '--" + name + "' for 'lreg " + spec.name +
                         "' (see 'lreg " + spec.name + " --help')"};
      if (!opt->value.empty() && !inlineValue) {
        if (i + 1 >= argv.size())
          throw UsageError{"option '--" + name + "' needs a value (" + opt->value + ")"};
        value = argv[++i];
      } else if (opt->value.empty() && inlineValue) {
        throw UsageError{"option '--" + name + "' takes no value"};
      }
      values_[name] = value;
    } else {
      positionals_.push_back(a);
    }
  }
  if (positionals_.size() < spec.positionals.size())
    throw UsageError{"'lreg " + spec.name + "' needs " + spec.positionals[positionals_.size()] +
                     " (usage: " + spec.usage + ")"};
  // A last positional named "NAME..." takes one or more values.
  const bool repeated =
      !spec.positionals.empty() && spec.positionals.back().size() > 3 &&
      spec.positionals.back().compare(spec.positionals.back().size() - 3, 3, "...") == 0;
  if (positionals_.size() > spec.positionals.size() && !repeated)
    throw UsageError{"unexpected argument '" + positionals_[spec.positionals.size()] +
                     "' (usage: " + spec.usage + ")"};
}

std::string Arguments::text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long Arguments::integer(const std::string& name, long fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  long v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw UsageError{"option '--" + name + "' expects a whole number, got '" + s + "'"};
  return v;
}

double Arguments::real(const std::string& name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  double v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    throw UsageError{"option '--" + name + "' expects a number, got '" + s + "'"};
  return v;
}

std::string helpText(const CommandSpec& spec) {
  std::string s = "usage: " + spec.usage + "\n\n" + spec.summary + "\n";
  if (!spec.options.empty()) s += "\noptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "  --" + o.name + (o.value.empty() ? "" : " " + o.value);
    if (left.size() < 26)
      left.resize(26, ' ');
    else
      left += "  ";
    s += left + o.help + "\n";
  }
  s += "  --help                  show this help\n";
  return s;
}

}  // namespace lreg::cli
