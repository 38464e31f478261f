#include <iostream>

#include <lreg/base/error.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"

namespace lreg::cli {

const CommandSpec kPredictSpec = {
    "predict",
    "lreg predict MODEL.json INPUT.csv [--out OUT.csv]",
    "Predicts the outputs for INPUT.csv (a header row, then the input columns only).\n"
    "Writes the inputs followed by the predicted outputs, to OUT.csv or stdout.",
    {"MODEL.json", "INPUT.csv"},
    {{"out", "OUT.csv", "write here instead of stdout"}},
};

int runPredict(const Arguments& args) {
  const Model model = loadModel(args.positional(0));
  const std::string input = args.positional(1);
  Dataset data = readData(input, 0, 1);
  if (data.dim() != model.dim)
    throw Error(input + ": has " + std::to_string(data.dim()) + " column" +
                (data.dim() == 1 ? "" : "s") + ", the model takes " + std::to_string(model.dim) +
                " input" + (model.dim == 1 ? "" : "s") + " (input columns only, no targets)");
  data.Y = model.predict(data.X);
  data.outputNames = model.outputNames;
  if (args.has("out")) {
    writeCsv(args.text("out"), data);
  } else {
    std::cout << formatCsv(data);
  }
  return 0;
}

}  // namespace lreg::cli
