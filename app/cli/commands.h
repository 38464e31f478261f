// The `lreg` subcommands, each on its own CLI11 app (app/common). Errors are thrown as
// lreg::Error (exit 1) or app::UsageError (exit 2) and printed by main().
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <lreg/engine/mrc_options.h>
#include "app/common/cli_options.h"

namespace lreg::cli {

using app::UsageError;

/// Each declares its usage line, summary and options on `app` and returns what runs the
/// command after a successful parse (its exit status).
using Define = std::function<int()> (*)(CLI::App& app);
std::function<int()> defineGenerate(CLI::App& app);
std::function<int()> defineFit(CLI::App& app);
std::function<int()> definePredict(CLI::App& app);
std::function<int()> defineEval(CLI::App& app);
std::function<int()> defineScaling(CLI::App& app);
std::function<int()> defineExport(CLI::App& app);
std::function<int()> defineInfo(CLI::App& app);

struct Command {
  const char* name;
  Define define;
};
/// Every command, in the order `lreg --help` lists them.
const std::vector<Command>& commandTable();

/// Resolves options.device (auto|cpu|cuda); prints the CPU fallback note once unless `quiet`.
void applyDevice(MrcOptions& options, bool quiet);

}  // namespace lreg::cli
