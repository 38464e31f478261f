#include <iostream>

#include <lreg/base/error.h>
#include <lreg/io/npy.h>
#include <lreg/io/vtu_export.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"

namespace lreg::cli {

const CommandSpec kExportSpec = {
    "export",
    "lreg export MODEL.json --vtu OUT.vtu [--data DATA.csv]",
    "Writes the model's mesh and fitted values as a VTK XML unstructured grid for ParaView;\n"
    "with --data, also the RMS residual of the samples under each node's hat.",
    {"MODEL.json"},
    {{"vtu", "OUT.vtu", "the file to write (required)"},
     {"data", "FILE", "data (inputs then outputs, CSV or .npy) for the residual field"}},
};

int runExport(const Arguments& args) {
  if (!args.has("vtu")) throw UsageError{"'lreg export' needs --vtu OUT.vtu"};
  const Model model = loadModel(args.positional(0));
  Dataset data;
  if (args.has("data")) data = readData(args.text("data"), model.outputs, 1);
  writeVtu(model, args.text("vtu"), args.has("data") ? &data : nullptr);
  std::cerr << "wrote " << args.text("vtu") << " (" << model.dof() << " nodes, "
            << model.simplices.rows() << " cells)\n";
  return 0;
}

}  // namespace lreg::cli
