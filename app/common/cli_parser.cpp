#include "app/common/cli_parser.h"

#include <regex>

#include <CLI/CLI.hpp>

#include <lreg/base/printable.h>

namespace lreg::app {
namespace {

class UsageFormatter : public CLI::Formatter {
 public:
  explicit UsageFormatter(std::string usage) : usage_(std::move(usage)) { column_width(26); }

  // The groups in the order of their first option, --help last.
  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    std::string s = "usage: " + usage_ + "\n\n" + app->get_description() + "\n";
    const CLI::Option* help = app->get_help_ptr();
    for (const std::string& group : app->get_groups()) {
      const auto options = app->get_options([&](const CLI::Option* o) {
        return o->get_group() == group && o->nonpositional() && o != help;
      });
      if (options.empty()) continue;
      s += "\n" + group + ":\n";
      for (const CLI::Option* o : options) s += make_option(o, false);
    }
    return help ? s + make_option(help, false) : s;
  }
  // The long name only ("--help", not "-h,--help").
  std::string make_option_name(const CLI::Option* opt, bool) const override {
    return opt->get_name();
  }
  // "--dof D": the value's placeholder only (defaults are in the help text).
  std::string make_option_opts(const CLI::Option* opt) const override {
    return opt->get_type_size() == 0 ? "" : " " + opt->get_type_name();
  }

 private:
  std::string usage_;
};

}  // namespace

std::unique_ptr<CLI::App> makeApp(const std::string& name) {
  auto app = std::make_unique<CLI::App>("", name);
  app->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->group("options");
  // Unknown words are collected, then reported in our words (parseArguments).
  app->allow_extras();
  app->set_help_flag("-h,--help", "show this help");
  return app;
}

void describe(CLI::App& app, const std::string& usage, const std::string& description) {
  app.description(description);
  app.formatter(std::make_shared<UsageFormatter>(usage));
}

bool parseArguments(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return false;
  } catch (const CLI::ArgumentMismatch& e) {
    // CLI11 says "--dof: 1 required D missing".
    const std::string what = e.what();
    static const std::regex missing(R"((\S+): \d+ required (\S+) missing)");
    std::smatch m;
    if (std::regex_match(what, m, missing))
      throw UsageError(printable(m[1].str()) + " needs a value (" + printable(m[2].str()) + ")");
    throw UsageError(printable(what));
  } catch (const CLI::ParseError& e) {
    throw UsageError(printable(e.what()));
  }
  for (const std::string& word : app.remaining()) {
    if (word == "--") continue;
    if (word.size() > 1 && word[0] == '-')
      throw UsageError("unknown option '" + printable(word.substr(0, word.find('='))) + "' (see '" +
                       app.get_name() + " --help')");
    throw UsageError("unexpected argument '" + printable(word) + "'");
  }
  return true;
}

}  // namespace lreg::app
