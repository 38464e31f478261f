#include <iostream>

#include <lreg/base/error.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"

namespace lreg::cli {

namespace {

struct PredictArgs {
  std::string model, input, out, outputs;
};

int runPredict(const PredictArgs& a) {
  const AnyModel any = loadAnyModel(a.model);
  if (const auto* connection = std::get_if<ConnectionModel>(&any))
    return predictWithConnection(*connection, a.input, a.outputs, a.out);
  refuseConnectionOptions(a.model, {{"--outputs", a.outputs}});
  const Model& model = std::get<Model>(any);
  Dataset data = readData(a.input, 0, 1);
  if (data.dim() != model.dim)
    throw Error(a.input + ": has " + std::to_string(data.dim()) + " column" +
                (data.dim() == 1 ? "" : "s") + ", the model takes " + std::to_string(model.dim) +
                " input" + (model.dim == 1 ? "" : "s") + " (input columns only, no targets)");
  warnIfNamesDiffer("predict", a.input, data.inputNames, model.inputNames);
  data.Y = model.predict(data.X);
  data.outputNames = model.outputNames;
  if (!a.out.empty()) {
    writeData(a.out, data);  // OUT.npy: one float64 array, the inputs then the outputs
  } else {
    std::cout << formatCsv(data);
  }
  return 0;
}

}  // namespace

std::function<int()> definePredict(CLI::App& app) {
  auto a = std::make_shared<PredictArgs>();
  app.add_option("MODEL.json", a->model)->required();
  app.add_option("INPUT.csv", a->input)->required();
  app::addPath(app, "--out", a->out, "write here instead of stdout", "OUT.csv");
  app::addPath(app, "--outputs", a->outputs,
               "connection models: the frozen model's outputs for INPUT");
  return [a] { return runPredict(*a); };
}

}  // namespace lreg::cli
