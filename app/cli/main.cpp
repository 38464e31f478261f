// lreg: the command-line face of the LReg engine.
#include <cstring>
#include <iostream>
#include <new>

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "app/cli/commands.h"

namespace {

using namespace lreg::cli;

const Command kCommands[] = {
    // clang-format off
    {&kGenerateSpec, runGenerate},
    {&kFitSpec, runFit},
    {&kPredictSpec, runPredict},
    {&kEvalSpec, runEval},
    {&kScalingSpec, runScaling},
    {&kExportSpec, runExport},
    {&kInfoSpec, runInfo},
    // clang-format on
};

void printUsage(std::ostream& out) {
  out << "usage: lreg COMMAND [arguments]\n\nLagrange Regressor: piecewise-linear regression whose "
         "nodes are placed by mesh refinement and coarsening.\n\ncommands:\n";
  for (const auto& c : kCommands) {
    std::string name = "  " + c.spec->name;
    name.resize(12, ' ');
    out << name << c.spec->summary.substr(0, c.spec->summary.find('\n')) << "\n";
  }
  out << "\n'lreg COMMAND --help' describes a command. 'lreg --version' prints the version.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    printUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::cout << "lreg " << LREG_VERSION << "\n";
    return 0;
  }
  const std::string name = argv[1];
  // Under mpirun every rank runs the same command line. Errors every rank meets alike (usage,
  // CollectiveError) are printed by rank 0 only; an error only one rank meets would leave the
  // others waiting in a collective, so that rank says which it is and ends the whole job.
  lreg::Communicator& world = lreg::worldCommunicator();
  const bool root = world.rank() == 0, parallel = world.size() > 1;
  auto rankError = [&](const std::string& what) {
    std::cerr << "lreg " << name << ": error: "
              << (parallel ? "rank " + std::to_string(world.rank()) + " of " +
                                 std::to_string(world.size()) + ": "
                           : "")
              << what << "\n";
    if (parallel) lreg::abortAll(1);
    return 1;
  };
  for (const auto& c : kCommands) {
    if (c.spec->name != name) continue;
    try {
      const Arguments args(*c.spec, std::vector<std::string>(argv + 2, argv + argc));
      if (args.help()) {
        std::cout << helpText(*c.spec);
        return 0;
      }
      if (args.has("threads")) {
        const long threads = args.integer("threads", 0);
        if (threads < 1 || threads > 1024) throw UsageError{"--threads must be between 1 and 1024"};
        lreg::setThreadCount(int(threads));
      }
      return c.run(args);
    } catch (const UsageError& e) {
      if (root) std::cerr << "lreg " << name << ": " << e.message << "\n";
      return 2;
    } catch (const lreg::CollectiveError& e) {
      if (root) std::cerr << "lreg " << name << ": error: " << e.what() << "\n";
      return 1;
    } catch (const lreg::Error& e) {
      return rankError(e.what());
    } catch (const std::bad_alloc&) {
      return rankError("out of memory");
    }
  }
  std::cerr << "lreg: unknown command '" << name << "' (see 'lreg --help')\n";
  return 2;
}
