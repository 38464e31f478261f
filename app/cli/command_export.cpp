#include <iostream>

#include <lreg/base/error.h>
#include <lreg/io/npy.h>
#include <lreg/io/vtu_export.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"

namespace lreg::cli {

namespace {

struct ExportArgs {
  std::string model, vtu, data;
};

int runExport(const ExportArgs& a) {
  if (a.vtu.empty()) throw UsageError("'lreg export' needs --vtu OUT.vtu");
  const Model model = loadModel(a.model);
  Dataset data;
  if (!a.data.empty()) data = readData(a.data, model.outputs, 1);
  writeVtu(model, a.vtu, a.data.empty() ? nullptr : &data);
  std::cerr << "wrote " << a.vtu << " (" << model.dof() << " nodes, " << model.simplices.rows()
            << " cells)\n";
  return 0;
}

}  // namespace

std::function<int()> defineExport(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  app.add_option("MODEL.json", a->model)->required();
  app::addPath(app, "--vtu", a->vtu, "the file to write (required)", "OUT.vtu");
  app.add_option("--data", a->data,
                 "data (inputs then outputs, CSV or .npy) for the residual field")
      ->type_name("FILE");
  return [a] { return runExport(*a); };
}

}  // namespace lreg::cli
