#include <iostream>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/report.h"

namespace lreg::cli {

namespace {

struct EvalArgs {
  std::string model, data, outputs, labels, targets;
  bool json = false;
};

int runEval(const EvalArgs& a) {
  const AnyModel any = loadAnyModel(a.model);
  if (const auto* connection = std::get_if<ConnectionModel>(&any))
    return evalConnection(*connection, a.data, a.outputs, a.labels, a.targets, a.json);
  refuseConnectionOptions(
      a.model, {{"--outputs", a.outputs}, {"--labels", a.labels}, {"--targets", a.targets}});
  const Model& model = std::get<Model>(any);
  const Dataset data = readData(a.data, model.outputs, 1);
  if (data.dim() != model.dim)
    throw Error(a.data + ": has " + std::to_string(data.dim() + model.outputs) +
                " columns, expected " + std::to_string(model.dim) + " input(s) and " +
                std::to_string(model.outputs) + " output(s)");
  warnIfNamesDiffer("eval", a.data, data.inputNames, model.inputNames);
  const Metrics m = computeMetrics(data.Y, model.predict(data.X));
  if (a.json) {
    Json j = metricsJson(m);
    j.set("samples", long(data.size()));
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << a.data << ": " << data.size() << " samples, " << metricsLine(m) << "\n";
  }
  return 0;
}

}  // namespace

std::function<int()> defineEval(CLI::App& app) {
  auto a = std::make_shared<EvalArgs>();
  app.add_option("MODEL.json", a->model)->required();
  app.add_option("DATA.csv", a->data)->required();
  app.add_flag("--json", a->json, "print one JSON object on stdout");
  app::addPath(app, "--outputs", a->outputs,
               "connection models: the frozen model's outputs for DATA");
  app::addPath(app, "--labels", a->labels, "classification connections: the class labels");
  app::addPath(app, "--targets", a->targets, "regression connections: the targets");
  return [a] { return runEval(*a); };
}

}  // namespace lreg::cli
