// lreg: the command-line face of the LReg engine.
#include <cstring>
#include <iostream>
#include <memory>
#include <new>

#include <lreg/base/error.h>
#include <lreg/base/printable.h>
#include <lreg/version.h>
#include "app/cli/commands.h"
#include "app/common/cli_parser.h"

namespace {

using namespace lreg::cli;

const Command* const kCommands[] = {&kGenerate, &kFit,    &kPredict, &kEval,
                                    &kScaling,  &kExport, &kInfo};

void printUsage(std::ostream& out) {
  out << "usage: lreg COMMAND [arguments]\n\nLagrange Regressor: piecewise-linear regression whose "
         "nodes are placed by mesh refinement and coarsening.\n\ncommands:\n";
  for (const Command* c : kCommands) {
    std::string name = std::string("  ") + c->name;
    name.resize(12, ' ');
    const std::string summary = c->summary;
    out << name << summary.substr(0, summary.find('\n')) << "\n";
  }
  out << "\n'lreg COMMAND --help' describes a command. 'lreg --version' prints the version.\n";
}

// Parses the command's arguments and runs it; every error ends here as one line on stderr.
int run(const Command& c, const std::vector<std::string>& args) {
  const std::string name = c.name;
  try {
    const auto app = lreg::app::makeApp("lreg " + name, c.usage, c.summary);
    const auto command = c.define(*app);
    if (!lreg::app::parseArguments(*app, args)) {
      std::cout << app->help();
      return 0;
    }
    return command();
  } catch (const lreg::app::UsageError& e) {
    std::cerr << "lreg " << name << ": " << lreg::printable(e.what()) << "\n";
    return 2;
  } catch (const lreg::Error& e) {
    // Messages quote file text and typed words escaped already; printable() is the last guard.
    std::cerr << "lreg " << name << ": error: " << lreg::printable(e.what()) << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "lreg " << name << ": error: out of memory\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    printUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::cout << "lreg " << lreg::kVersion << "\n";
    return 0;
  }
  for (const Command* c : kCommands)
    if (c->name == std::string(argv[1]))
      return run(*c, std::vector<std::string>(argv + 2, argv + argc));
  std::cerr << "lreg: unknown command '" << lreg::printable(argv[1]) << "' (see 'lreg --help')\n";
  return 2;
}
