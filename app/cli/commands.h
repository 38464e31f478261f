// The `lreg` subcommands. Each declares its options on a CLI11 app (app/common) and returns what
// runs after a successful parse; errors are thrown as lreg::Error (exit 1) or app::UsageError
// (exit 2) and printed by main().
#pragma once

#include <functional>
#include <string>

#include <lreg/engine/mrc_options.h>
#include "app/common/cli_options.h"

namespace lreg::cli {

using app::UsageError;

struct Command {
  const char* name;
  const char* usage;    ///< the first line of `lreg NAME --help`
  const char* summary;  ///< its first line is listed by `lreg --help`
  /// Declares the options on `app`; the returned function runs the command (exit status).
  std::function<int()> (*define)(CLI::App& app);
};

extern const Command kGenerate, kFit, kPredict, kEval, kScaling, kInfo, kExport;

/// Resolves options.device (auto|cpu|cuda); prints the CPU fallback note once unless `quiet`.
void applyDevice(MrcOptions& options, bool quiet);

}  // namespace lreg::cli
