#include <chrono>
#include <iostream>
#include <optional>

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/reference_report.h>
#include <lreg/engine/training_data.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "app/cli/report.h"

namespace lreg::cli {

namespace {

struct FitArgs {
  std::vector<std::string> train;  ///< concatenated, the same columns in each
  std::string test, model;
  MrcOptions options;
  int targets = 1, threads = 0;
  bool noNoiseFloor = false, noRestarts = false, noTensorStart = false, noFlips = false;
  bool reference = false, stream = false, json = false, quiet = false;
};

// The engine's options keep their defaults (MrcOptions) and their ranges (MrcOptions::validate,
// exit 1); the parser checks that each value is a number of the field's type.
void addOptions(CLI::App& app, FitArgs& a) {
  MrcOptions& o = a.options;
  app.add_option("TRAIN.csv", a.train, "training files (.csv or .npy), concatenated")->required();
  app::addPath(app, "--test", a.test, "test set (same columns) to report errors on");
  app::addWhole(app, "--dof", o.dof, "D", "node budget (default 64)");
  app::addWhole(app, "--iterations", o.iterations, "K", "MRC iteration budget (default 40)");
  app::addWhole(app, "--patience", o.patience, "P",
                "stop after P iterations without improvement (default 8)");
  app::addParsed(app, "--fit", o.fit, parseFitMethod, "METHOD",
                 "lstsq (exact least squares, default) or adam (the paper's Algorithm 2)");
  app::addParsed(app, "--indicator", o.indicator, parseIndicator, "KIND",
                 "residual (default: residual energy) or counts (paper: top-k hard samples)");
  app::addWhole(app, "--topk", o.refineCount, "K",
                "simplices refined per iteration (default D/2 in 1D, D/8 in 2D/3D)");
  app::addReal(app, "--damping", o.damping, "B",
               "weight of the new node density against the current mesh (default 0.5)");
  app::addReal(app, "--prior", o.prior, "A", "weight of the data-density prior (default 0.05)");
  app.add_flag("--no-noise-floor", a.noNoiseFloor,
               "residual indicator: do not subtract the estimated noise energy");
  app::addWhole(app, "--placement", o.placementSamples, "N",
                "place nodes on at most max(N, 64 D) samples (the same on every rank), refit "
                "on all (default 50000; 0 = all)");
  app::addWhole(app, "--polish", o.polishSteps, "N",
                "least squares: node-movement steps (default 8, 0 = off; 1D: N per fit, "
                "max(4 N, 16) on the best mesh; 2D: 2 per fit, N on the best mesh; 3D: N on "
                "the best mesh)");
  app.add_flag("--no-restarts", a.noRestarts, "1D: no curvature restarts when the loop ends");
  app.add_flag("--no-tensor-start", a.noTensorStart,
               "2D/3D: start from the Kuhn grid only (no tensor-product starts, no fit with half "
               "the nodes)");
  app.add_flag("--no-flips", a.noFlips, "2D: no data-dependent edge flips");
  app::addParsed(app, "--coarsen", o.coarsening, parseCoarsening, "HOW",
                 "2D/3D: collapse (default: merge nodes into a neighbour, thin cells survive) or "
                 "delaunay (re-triangulate the kept nodes)");
  app.add_flag("--reference", a.reference,
               "also compute the best placement found by a multi-start search with full node "
               "movement and report its errors and lreg's ratio to it (slow)");
  app::addReal(app, "--smoothing", o.smoothing, "L",
               "second-difference penalty for least squares (default 0)");
  app::addParsed(app, "--loss", o.loss, parseLoss, "KIND",
                 "adam: mae, mse or huber (default huber)");
  app::addReal(app, "--lr", o.learningRate, "RATE", "adam: learning rate (default 0.1)");
  app::addReal(app, "--lambda", o.l1Lambda, "L",
               "adam: L1 penalty on second differences of c (default 0)");
  app::addWhole(app, "--epochs", o.epochs, "E", "adam: epochs per train phase (default 5)");
  app::addWhole(app, "--batch", o.batchSize, "B", "adam: batch size (default 256)");
  app::addWhole(app, "--hard", o.hardPerBatch, "K", "hard samples counted per batch (default 16)");
  app::addSeed(app, o.seed, "random seed (default 1)");
  app::addThreads(app, a.threads);
  app::addDevice(app, o.device);
  app::addWhole(app, "--targets", a.targets, "C",
                "number of target columns at the end of each row (default 1)", 1);
  app.add_flag("--stream", a.stream,
               ".npy files: read them a block at a time in every pass instead of into memory");
  app::addPath(app, "--model", a.model, "write the trained model", "OUT.json");
  app.add_flag("--json", a.json, "print one JSON object on stdout");
  app.add_flag("--quiet", a.quiet, "no progress on stderr");
}

int runFit(const FitArgs& a, const CLI::App& app) {
  const bool haveTest = !a.test.empty(), haveModel = !a.model.empty();
  setThreadCount(a.threads);
  const auto t0 = std::chrono::steady_clock::now();
  Communicator& comm = worldCommunicator();
  const bool root = comm.rank() == 0, quiet = a.quiet || !root;
  MrcOptions options = a.options;
  options.noiseAware = !a.noNoiseFloor;
  options.restarts = !a.noRestarts;
  options.tensorStart = !a.noTensorStart;
  options.flips = !a.noFlips;
  if (a.stream && options.placementSamples == 0)
    throw UsageError(
        "--stream needs a placement sample (--placement > 0): the loop's samples are held in "
        "memory");
  // Every rank reads its share; a rank that cannot stops them all (CollectiveError).
  const TrainingData train = TrainingData::open(a.train, a.targets, a.stream, comm, 2);
  std::optional<TrainingData> test;
  if (haveTest) {
    test = TrainingData::open({a.test}, a.targets, a.stream, comm, 1);
    if (test->dim() != train.dim())
      throw CollectiveError(a.test + ": has " + std::to_string(test->dim()) +
                            " input columns, the training set " + std::to_string(train.dim()));
  }
  if (!quiet) {
    if (train.dim() > 1)
      for (const char* option : {"--damping", "--prior", "--no-restarts"})
        if (app.count(option))
          std::cerr << "lreg: " << option << " applies to 1D data only; ignored for " << train.dim()
                    << "D data\n";
    if (train.dim() == 1)
      for (const char* option : {"--no-tensor-start", "--no-flips", "--coarsen"})
        if (app.count(option))
          std::cerr << "lreg: " << option << " applies to 2D/3D data only; ignored\n";
  }
  const auto tFit = std::chrono::steady_clock::now();
  MrcOptions resolved = options;
  resolved.validate(train.size());  // usage problems first: the device note is not an error
  applyDevice(resolved, quiet);
  auto engine = makeEngine(train, nullptr, resolved);
  Progress progress(options.iterations, quiet);
  engine->setObserver([&](const SnapshotPtr& s) { progress.update(*s); }, false);
  const Model model = engine->run();
  progress.finish();
  const double fitSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - tFit).count();
  // The distance to the best placement found; the report takes the fit's own figures before
  // its search. Every rank searches: the search's passes over all samples are collective.
  std::optional<ReferenceReport> reference;
  if (a.reference) {
    if (!quiet) std::cerr << "lreg: searching the best placement (--reference)...\n";
    reference = referenceReport(*engine, model, test ? &*test : nullptr);
  }
  const Metrics trainMetrics = reference ? reference->fittedTrain : engine->trainingMetrics(model);
  Metrics testMetrics;
  if (test) testMetrics = reference ? *reference->fittedTest : evaluate(model, *test);
  // Rank 0 writes the model (atomically: a killed job leaves none half-written); every rank
  // learns whether that worked.
  std::string failure;
  if (root && haveModel) try {
      saveModel(model, a.model);
    } catch (const Error& e) {
      failure = e.what();
    }
  comm.agree(failure);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!root) return 0;

  if (a.json) {
    Json j = Json::makeObject();
    j.set("dim", model.dim);
    j.set("outputs", model.outputs);
    j.set("dof", model.dof());
    j.set("simplices", long(model.simplices.rows()));
    j.set("iterations", engine->iteration());
    j.set("seconds", seconds);
    j.set("fit_seconds", fitSeconds);
    j.set("samples", train.size());
    j.set("method", fitMethodName(options.fit));
    j.set("indicator", indicatorName(options.indicator));
    j.set("ranks", comm.size());
    j.set("stream", a.stream);
    if (comm.size() > 1)
      j.set("communication",
            Json::Object{{"bytes", comm.bytesMoved()}, {"collectives", comm.collectives()}});
    j.set("train", metricsJson(trainMetrics));
    j.set("test", test ? metricsJson(testMetrics) : Json());
    j.set("noise_sd", engine->noiseLevel());
    if (model.training.count("stopped")) j.set("stopped", model.training.at("stopped"));
    if (reference) {
      Json r = Json::makeObject();
      r.set("train", metricsJson(reference->referenceTrain));
      r.set("test", reference->referenceTest ? metricsJson(*reference->referenceTest) : Json());
      r.set("seconds", reference->seconds);
      j.set("reference", r);
      j.set("reference_rmse", reference->referenceRmse());
      j.set("reference_ratio", reference->ratio());
    }
    if (haveModel) j.set("model", a.model);
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "LReg fit: " << model.dim << "D, " << model.outputs
              << " output(s), D = " << model.dof() << " nodes, " << model.simplices.rows()
              << " simplices, " << engine->iteration() << " iterations, " << seconds << " s";
    if (comm.size() > 1) std::cout << ", " << comm.size() << " ranks";
    std::cout << "\n  train: " << metricsLine(trainMetrics) << "\n";
    if (test) std::cout << "  test:  " << metricsLine(testMetrics) << "\n";
    if (model.training.count("stopped")) std::cout << "  " << model.training.at("stopped") << "\n";
    if (reference) {
      std::cout << "  best placement found (" << reference->seconds << " s): train RMSE "
                << reference->referenceTrain.rmse;
      if (reference->onTest()) std::cout << ", test RMSE " << reference->referenceTest->rmse;
      std::cout << "; lreg / best = " << reference->ratio()
                << (reference->onTest() ? " (test)" : " (train)") << "\n";
    }
    if (haveModel) std::cout << "  model written to " << a.model << "\n";
  }
  return 0;
}

}  // namespace

std::function<int()> defineFit(CLI::App& app) {
  auto a = std::make_shared<FitArgs>();
  addOptions(app, *a);
  return [a, &app] { return runFit(*a, app); };
}

void applyDevice(MrcOptions& options, bool quiet) {
  std::string note;
  try {
    options.device = resolveDevice(options.device, &note);
  } catch (const Error& e) {
    throw Error(std::string("--device cuda: ") + e.what());
  }
  static bool said = false;
  if (!note.empty() && !said && !quiet) {
    std::cerr << "lreg: " << note << "\n";
    said = true;
  }
}

}  // namespace lreg::cli
