// The command-line parsing both programs (lreg, lreg-studio) share, on CLI11: one help layout,
// one way of reporting usage errors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lreg/base/error.h>

namespace CLI {
class App;
}

namespace lreg::app {

/// A malformed command line (unknown option, missing value, a number out of range): the
/// programs exit with status 2. Its message is one line naming what the user typed.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A CLI11 app named `name` ("lreg fit") with our policies: an option given twice keeps its
/// last value, unknown words are reported by parseArguments.
std::unique_ptr<CLI::App> makeApp(const std::string& name);
/// Its --help: "usage: USAGE", the description, then the options group by group in the order
/// they were added ("  --dof D     node budget (default 64)"), --help last.
void describe(CLI::App& app, const std::string& usage, const std::string& description);

/// Parses `args` (without the program's name) into `app`'s options. Returns false when --help
/// was asked for (print app.help()); throws UsageError for anything else that is wrong.
bool parseArguments(CLI::App& app, const std::vector<std::string>& args);

}  // namespace lreg::app
