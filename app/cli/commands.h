// The `lreg` subcommands. Each returns the process exit status; errors are thrown as
// lreg::Error (exit 1) or cli::UsageError (exit 2) and printed by main().
#pragma once

#include <string>
#include <vector>

#include <lreg/engine/mrc_options.h>
#include "app/cli/arguments.h"

namespace lreg::cli {

struct Command {
  const CommandSpec* spec;
  int (*run)(const Arguments&);
};

extern const CommandSpec kGenerateSpec, kFitSpec, kPredictSpec, kEvalSpec, kScalingSpec, kInfoSpec,
    kExportSpec;
int runGenerate(const Arguments& args);
int runFit(const Arguments& args);
int runPredict(const Arguments& args);
int runEval(const Arguments& args);
int runScaling(const Arguments& args);
int runInfo(const Arguments& args);
int runExport(const Arguments& args);
/// Applies --device (auto|cpu|cuda) to `options`; prints the CPU fallback note once.
void applyDevice(const Arguments& args, MrcOptions& options);

}  // namespace lreg::cli
