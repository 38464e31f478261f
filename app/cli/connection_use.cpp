// `lreg predict` and `lreg eval` on connection models: features (the positional input) and
// the frozen model's outputs (--outputs) in, corrected outputs out.
#include <iostream>

#include <lreg/base/error.h>
#include <lreg/io/csv.h>
#include <lreg/io/json.h>
#include "app/cli/commands.h"
#include "app/cli/connection_inputs.h"

namespace lreg::cli {
namespace {

const std::string& needOutputs(const std::string& outputs, const std::string& command) {
  if (outputs.empty())
    throw UsageError("'lreg " + command +
                     "' with a connection model needs --outputs FILE (the frozen model's "
                     "outputs for the same samples)");
  return outputs;
}

// The data, or the reason it does not suit the model.
ConnectionData readFor(const ConnectionModel& model, const ConnectionFiles& files) {
  ConnectionData d = readConnectionData(files, model.task);
  if (d.inputs() != model.inputs())
    throw Error(files.features + ": has " + std::to_string(d.inputs()) +
                " features per sample, the connection takes " + std::to_string(model.inputs()));
  if (d.outputCount() != model.outputs())
    throw Error(files.outputs + ": has " + std::to_string(d.outputCount()) +
                " outputs per sample, the connection corrects " + std::to_string(model.outputs()));
  return d;
}

Json scoreJson(const ConnectionScore& s, ConnectionTask task) {
  Json j = Json::makeObject();
  j.set("loss", s.loss);
  if (task == ConnectionTask::Classification) j.set("accuracy", s.accuracy);
  return j;
}

}  // namespace

void refuseConnectionOptions(const std::string& modelPath,
                             std::initializer_list<std::pair<const char*, std::string>> options) {
  for (const auto& [name, value] : options)
    if (!value.empty())
      throw Error(modelPath + ": a mesh model, not a connection: " + name +
                  " applies to connection models only");
}

int predictWithConnection(const ConnectionModel& model, const std::string& features,
                          const std::string& outputs, const std::string& out) {
  const ConnectionData d = readFor(model, {features, needOutputs(outputs, "predict"), ""});
  const RowMatrix corrected = model.predict(d.features, d.outputs);
  if (!out.empty()) {
    writeMatrix(out, corrected, "y");
  } else {
    Dataset table;
    table.X = corrected;
    table.Y.resize(corrected.rows(), 0);
    for (int k = 0; k < model.outputs(); ++k)
      table.inputNames.push_back("y" + std::to_string(k + 1));
    std::cout << formatCsv(table);
  }
  return 0;
}

int evalConnection(const ConnectionModel& model, const std::string& features,
                   const std::string& outputs, const std::string& labels,
                   const std::string& targets, bool json) {
  const bool classes = model.task == ConnectionTask::Classification;
  const std::string& truth = classes ? labels : targets;
  if (truth.empty())
    throw UsageError(std::string("'lreg eval' with a ") + connectionTaskName(model.task) +
                     " connection needs --" + (classes ? "labels" : "targets") + " FILE");
  const ConnectionData d = readFor(model, {features, needOutputs(outputs, "eval"), truth});
  const ConnectionScore base = scoreOutputs(model.task, d.outputs, d);
  const ConnectionScore after = scoreOutputs(model.task, model.predict(d.features, d.outputs), d);
  if (json) {
    Json j = Json::makeObject();
    j.set("task", connectionTaskName(model.task));
    j.set("samples", d.size());
    j.set("base", scoreJson(base, model.task));
    j.set("connection", scoreJson(after, model.task));
    std::cout << j.dump() << std::endl;
  } else {
    auto line = [&](const ConnectionScore& s) {
      std::string l = (classes ? "cross-entropy " : "MSE ") + std::to_string(s.loss);
      if (classes) l += ", accuracy " + std::to_string(s.accuracy);
      return l;
    };
    std::cout << features << ": " << d.size() << " samples\n"
              << "  base:       " << line(base) << "\n"
              << "  connected:  " << line(after) << "\n";
  }
  return 0;
}

}  // namespace lreg::cli
