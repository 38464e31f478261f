// lreg: the command-line face of the LReg engine.
#include <cstring>
#include <iostream>
#include <memory>
#include <new>
#include <utility>

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/base/printable.h>
#include <lreg/version.h>
#include "app/cli/commands.h"
#include "app/common/cli_parser.h"

namespace {

using namespace lreg::cli;

void printUsage(std::ostream& out) {
  out << "usage: lreg COMMAND [arguments]\n\nLagrange Regressor: piecewise-linear regression whose "
         "nodes are placed by mesh refinement and coarsening.\n\ncommands:\n";
  for (const Command& command : commandTable()) {
    std::string left = std::string("  ") + command.name;
    left.resize(12, ' ');
    out << left << command.summary << "\n";
  }
  out << "\n'lreg COMMAND --help' describes a command. 'lreg --version' prints the version.\n";
}

// Parses the command's arguments and runs it; every error ends here as one line on stderr.
// Under mpirun every rank runs the same command line. Errors every rank meets alike (usage,
// CollectiveError) are printed by rank 0 only; an error only one rank meets would leave the
// others waiting in a collective, so that rank says which it is and ends the whole job.
int run(const Command& command, const std::vector<std::string>& args) {
  const std::string name = command.name;
  lreg::Communicator& world = lreg::worldCommunicator();
  const bool root = world.rank() == 0, parallel = world.size() > 1;
  auto rankError = [&](const std::string& what) {
    std::cerr << "lreg " << name << ": error: "
              << (parallel ? "rank " + std::to_string(world.rank()) + " of " +
                                 std::to_string(world.size()) + ": "
                           : "")
              << lreg::printable(what) << "\n";
    if (parallel) lreg::abortAll(1);
    return 1;
  };
  try {
    const CommandApp c = command.makeApp();
    if (!lreg::app::parseArguments(*c.app, args)) {
      if (root) std::cout << c.app->help();
      return 0;
    }
    return c.run();
  } catch (const lreg::app::UsageError& e) {
    if (root) std::cerr << "lreg " << name << ": " << lreg::printable(e.what()) << "\n";
    return 2;
  } catch (const lreg::CollectiveError& e) {
    if (root) std::cerr << "lreg " << name << ": error: " << lreg::printable(e.what()) << "\n";
    return 1;
  } catch (const lreg::Error& e) {
    // Messages quote file text and typed words escaped already; printable() is the last guard.
    return rankError(e.what());
  } catch (const std::bad_alloc&) {
    return rankError("out of memory");
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
  for (const Command& command : commandTable())
    if (command.name == std::string(argv[1])) return run(command, {argv + 2, argv + argc});
  std::cerr << "lreg: unknown command '" << lreg::printable(argv[1]) << "' (see 'lreg --help')\n";
  return 2;
}
