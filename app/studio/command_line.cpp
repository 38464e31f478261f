#include "app/studio/command_line.h"

#include <filesystem>

#include <lreg/base/printable.h>
#include <lreg/data/generators.h>
#include "app/common/cli_options.h"

namespace lreg::studio {
namespace {

using app::UsageError;

constexpr const char* kUsage =
    "lreg-studio [--dataset NAME | --data FILE | FILE | --session FILE | --connection-demo] "
    "[options]";
constexpr const char* kDescription =
    "LReg Studio: watch and step the mesh refinement-coarsening loop of the Lagrange\n"
    "regressor live. Without --screenshot/--model-out it opens the window.";

// What the command line says, before the checks that look at several options at once.
struct Words {
  std::string dataset, data, file, size;
  long points = 0;
  double noise = 1.0;
  std::uint64_t seed = 1;
};

void addOptions(CLI::App& app, StudioCommand& c, Words& w) {
  app.add_option("FILE", w.file);
  const std::string data = "data", model = "model", compute = "compute",
                    headless = "headless (for scripts; needs an X server, e.g. xvfb-run)";
  app.add_option("--dataset", w.dataset,
                 "a generated data set (A1, B1, C, fig4a, appc2, appc3, A2, B2, appc4, appc1; any "
                 "case)")
      ->type_name("NAME")
      ->group(data);
  app::addPath(app, "--data", w.data, "a CSV file (header, then x,y rows) or a NumPy .npy array")
      ->group(data);
  app::addPath(app, "--session", c.session,
               "a saved session (data, settings, models, loss history); headless: drawn as "
               "saved, or run on to --iterations K")
      ->group(data);
  app::addWhole(app, "--points", w.points, "N",
                "training points of the generated set (default: the paper's)", 2L,
                kMaxGeneratedPoints)
      ->group(data);
  app::addReal(app, "--noise", w.noise, "s", "noise scale of the generated set (default 1)", 0.0,
               kMaxNoiseScale)
      ->group(data);
  app::addSeed(app, w.seed, "seed of the generated set (default 1)")->group(data);
  app::addWhole(app, "--dof", c.options.dof, "D", "node budget (default 64)", 2, 10'000'000)
      ->group(model);
  app::addParsed(app, "--fit", c.options.fit, parseFitMethod, "lstsq|adam",
                 "fit method (default lstsq)")
      ->group(model);
  app::addWhole(app, "--iterations", c.iterations, "K",
                "iteration budget; headless: run exactly K iterations", 0)
      ->group(model);
  app::addThreads(app, c.threads)->group(compute);
  app::addDevice(app, c.options.device)->group(compute);
  app::addPath(app, "--screenshot", c.screenshot, "write the window's picture after the run",
               "FILE.png")
      ->group(headless);
  app::addPath(app, "--model-out", c.modelOut,
               "write the best model (lreg's JSON model format; with --connection-demo the "
               "connection)",
               "FILE.json")
      ->group(headless);
  app.add_flag("--best-placement", c.bestPlacement,
               "after the run, search the best placement of its nodes (Compare > Find Best "
               "Placement) and show the fit's distance to it")
      ->group(headless);
  app.add_option("--size", w.size, "window (and picture) size, default 1280x800")
      ->type_name("WxH")
      ->group(headless);
  const std::string connection = "connection (the LReg connection on a frozen model)";
  app.add_flag("--connection-demo", c.connectionDemo,
               "the Connection view on Fashion-MNIST (Debian's dataset-fashion-mnist): a small "
               "frozen MLP, then the connection trained on its features and logits")
      ->group(connection);
  app::addWhole(app, "--connection-epochs", c.connectionEpochs, "E",
                "epochs of the demo's connection (default 1)", 1, 10000)
      ->group(connection);
  app::addWhole(app, "--connection-samples", c.connectionSamples, "N",
                "training images of the demo (default 6000)", 10L, 60000L)
      ->group(connection);
  app::addPath(app, "--connection-figure", c.connectionFigure,
               "write the Connection view's figure after the training (headless)",
               "FILE.png|svg|pdf")
      ->group(connection);
  app.add_option("--view", c.view, "the tab shown: fit, connection or field (App. C.1)")
      ->type_name("NAME")
      ->group(headless);
  app.add_flag("--version", c.version, "print the version")->group("other");
}

std::unique_ptr<CLI::App> makeStudioApp(StudioCommand& c, Words& w) {
  auto app = app::makeApp("lreg-studio");
  app::describe(*app, kUsage, kDescription);
  addOptions(*app, c, w);
  return app;
}

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

}  // namespace

std::string usageText() {
  StudioCommand c;
  Words w;
  return makeStudioApp(c, w)->help();
}

StudioCommand parseCommandLine(const std::vector<std::string>& args) {
  StudioCommand c;
  Words w;
  const auto app = makeStudioApp(c, w);
  if (!app::parseArguments(*app, args)) {
    c.help = true;
    return c;
  }
  if (c.version) return c;

  const bool dataset = app->count("--dataset") > 0;
  if (app->count("--dataset") + app->count("--data") + app->count("--session") +
          (w.file.empty() ? 0 : 1) + (c.connectionDemo ? 1 : 0) >
      1)
    throw UsageError(
        "give one data source: --dataset NAME, --data FILE, a data file, --session FILE or "
        "--connection-demo");
  if (c.view.empty()) c.view = c.connectionDemo ? "connection" : "fit";
  if (c.view != "fit" && c.view != "connection" && c.view != "field")
    throw UsageError("--view is fit, connection or field, not '" + printable(c.view) + "'");
  if (!c.connectionFigure.empty() && !c.connectionDemo)
    throw UsageError("--connection-figure goes with --connection-demo");
  if (!c.connectionDemo)
    for (const char* k : {"--connection-epochs", "--connection-samples"})
      if (app->count(k)) throw UsageError(std::string(k) + " goes with --connection-demo");
  for (const char* k : {"--dof", "--fit"})
    if (app->count("--session") && app->count(k))
      throw UsageError(std::string(k) +
                       " does not go with --session: the session has its settings");
  if (dataset) {
    const GeneratorInfo& info = findGenerator(w.dataset);  // throws naming the known ones
    c.data = DataRequest::generated(info.name, w.points, w.noise, w.seed);
  } else if (app->count("--data") || !w.file.empty()) {
    c.data = DataRequest::file(app->count("--data") ? w.data : w.file);
  }
  if (!dataset)
    for (const char* k : {"--points", "--noise", "--seed"})
      if (app->count(k)) throw UsageError(std::string(k) + " goes with --dataset NAME");
  if (app->count("--iterations")) c.options.iterations = std::max(1, c.iterations);
  if (!c.screenshot.empty() && lowerExtension(c.screenshot) != ".png")
    throw UsageError("--screenshot writes a PNG: give a path ending in .png, not '" +
                     printable(c.screenshot) + "'");
  if (app->count("--size")) {
    const size_t x = w.size.find_first_of("xX");
    if (x == std::string::npos)
      throw UsageError("--size needs WIDTHxHEIGHT, e.g. 1280x800, not '" + printable(w.size) + "'");
    c.width = int(app::parseWhole("--size", w.size.substr(0, x), 320, 8192));
    c.height = int(app::parseWhole("--size", w.size.substr(x + 1), 240, 8192));
    c.sizeGiven = true;
  }
  if (c.headless() && !c.hasInput())
    throw UsageError(
        "headless mode (--screenshot/--model-out) needs data: --dataset NAME, --data FILE, "
        "--session FILE or --connection-demo");
  return c;
}

}  // namespace lreg::studio
