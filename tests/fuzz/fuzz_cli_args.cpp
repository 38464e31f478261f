// The command-line parsers of both programs: any argument list gives either a UsageError /
// lreg::Error with a one-line printable message, a --help request, or parsed options that the
// engine's own validation accepts or refuses with an lreg::Error. Commands are parsed, never run.
// Input: byte 0 picks the program and command; the rest is split into arguments at NUL bytes.
#include <CLI/CLI.hpp>

#include <lreg/engine/mrc_options.h>
#include "app/cli/commands.h"
#include "app/common/cli_parser.h"
#include "app/studio/command_line.h"
#include "fuzz_input.h"

namespace {

std::vector<std::string> splitArguments(const uint8_t* data, size_t size) {
  std::vector<std::string> args(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.emplace_back();
    } else {
      args.back().push_back(char(data[i]));
    }
  }
  if (args.back().empty()) args.pop_back();
  return args;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& commands = lreg::cli::commandTable();
  const size_t pick = data[0] % (commands.size() + 1);
  const std::vector<std::string> args = splitArguments(data + 1, size - 1);
  try {
    if (pick == commands.size()) {  // lreg-studio
      const lreg::studio::StudioCommand c = lreg::studio::parseCommandLine(args);
      if (!c.help && !c.version) c.options.validate(1000000);
    } else {
      // The runner is kept, never called: it owns the values the options write into (freeing
      // it first was a heap-use-after-free in this target, `lreg info --json`).
      const lreg::cli::CommandApp c = commands[pick].makeApp();
      lreg::app::parseArguments(*c.app, args);
    }
  } catch (const lreg::Error& e) {
    fuzz::checkMessage(e);
  }
  return 0;
}
