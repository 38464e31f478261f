#include "app/cli/commands.h"

namespace lreg::cli {

const std::vector<Command>& commandTable() {
  static const std::vector<Command> table = {
      {"generate", defineGenerate}, {"fit", defineFit},         {"predict", definePredict},
      {"eval", defineEval},         {"scaling", defineScaling}, {"export", defineExport},
      {"info", defineInfo},         {"connect", defineConnect}, {"mlp", defineMlp},
  };
  return table;
}

}  // namespace lreg::cli
