// The `lreg` subcommands, each on its own CLI11 app (app/common). Errors are thrown as
// lreg::Error (exit 1) or app::UsageError (exit 2) and printed by main().
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <lreg/connect/connection.h>
#include <lreg/engine/mrc_options.h>
#include "app/common/cli_options.h"

namespace lreg::cli {

using app::UsageError;

/// Each declares its options on `app` (the table gives its usage line and description) and
/// returns what runs the command after a successful parse (its exit status).
using Define = std::function<int()> (*)(CLI::App& app);
std::function<int()> defineGenerate(CLI::App& app);
std::function<int()> defineFit(CLI::App& app);
std::function<int()> definePredict(CLI::App& app);
std::function<int()> defineEval(CLI::App& app);
std::function<int()> defineScaling(CLI::App& app);
std::function<int()> defineExport(CLI::App& app);
std::function<int()> defineInfo(CLI::App& app);
std::function<int()> defineConnect(CLI::App& app);
std::function<int()> defineMlp(CLI::App& app);

/// `lreg predict` / `lreg eval` on a connection model (connection_use.cpp): the features file,
/// the frozen model's outputs for it, and (eval) the labels or targets.
int predictWithConnection(const ConnectionModel& model, const std::string& features,
                          const std::string& outputs, const std::string& out);
int evalConnection(const ConnectionModel& model, const std::string& features,
                   const std::string& outputs, const std::string& labels,
                   const std::string& targets, bool json);

/// Throws where a mesh model (`modelPath`) was given an option of connection models (name,
/// value; an empty value: not given): it would be ignored without a word.
void refuseConnectionOptions(const std::string& modelPath,
                             std::initializer_list<std::pair<const char*, std::string>> options);

/// A command's CLI11 app and what runs it; the runner owns the values the options write into,
/// so it lives as long as the app is parsed.
struct CommandApp {
  std::unique_ptr<CLI::App> app;
  std::function<int()> run;
};

struct Command {
  const char* name;
  const char* summary;      ///< the one line `lreg --help` lists
  const char* usage;        ///< the line after "usage: " in the command's --help
  const char* description;  ///< what the command's --help says after the usage line
  Define define;

  /// The app "lreg NAME", described and with its options defined.
  CommandApp makeApp() const;
};
/// Every command, in the order `lreg --help` lists them.
const std::vector<Command>& commandTable();

/// Columns are taken by position; a header whose names are the model's in another order (or
/// other names) most likely means the wrong columns, so `lreg COMMAND` says so on stderr (and
/// runs). Not for .npy inputs nor for a model fitted on one (their names are the defaults).
void warnIfNamesDiffer(const std::string& command, const std::string& input,
                       const std::vector<std::string>& names,
                       const std::vector<std::string>& modelNames);

/// Resolves options.device (auto|cpu|cuda); prints the CPU fallback note once unless `quiet`.
void applyDevice(MrcOptions& options, bool quiet);

}  // namespace lreg::cli
