#include <iostream>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/report.h"

namespace lreg::cli {

const CommandSpec kEvalSpec = {
    "eval",
    "lreg eval MODEL.json DATA.csv [--json]",
    "Reports MAE, RMSE and R^2 of a model on DATA.csv (input columns, then the model's\n"
    "output columns).",
    {"MODEL.json", "DATA.csv"},
    {{"json", "", "print one JSON object on stdout"}},
};

int runEval(const Arguments& args) {
  const Model model = loadModel(args.positional(0));
  const std::string path = args.positional(1);
  const Dataset data = readData(path, model.outputs, 1);
  if (data.dim() != model.dim)
    throw Error(path + ": has " + std::to_string(data.dim() + model.outputs) +
                " columns, expected " + std::to_string(model.dim) + " input(s) and " +
                std::to_string(model.outputs) + " output(s)");
  const Metrics m = computeMetrics(data.Y, model.predict(data.X));
  if (args.flag("json")) {
    Json j = metricsJson(m);
    j.set("samples", long(data.size()));
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << path << ": " << data.size() << " samples, " << metricsLine(m) << "\n";
  }
  return 0;
}

}  // namespace lreg::cli
