#include <chrono>
#include <iostream>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "app/cli/report.h"

namespace lreg::cli {

const CommandSpec kFitSpec = {
    "fit",
    "lreg fit TRAIN.csv [--test TEST.csv] [--dof D] [--iterations K] [--fit lstsq|adam] "
    "[--seed S] [--model OUT.json] [--targets C] [--json]",
    "Fits an LReg model with the mesh refinement-coarsening loop and reports its errors.\n"
    "Progress goes to stderr; with --json stdout is exactly one JSON object.",
    {"TRAIN.csv"},
    {{"test", "FILE", "test set (same columns) to report errors on"},
     {"dof", "D", "node budget (default 64)"},
     {"iterations", "K", "MRC iteration budget (default 40)"},
     {"patience", "P", "stop after P iterations without improvement (default 8)"},
     {"fit", "METHOD", "lstsq (exact least squares, default) or adam (the paper's Algorithm 2)"},
     {"indicator", "KIND",
      "residual (default: residual energy) or counts (paper: top-k hard samples)"},
     {"topk", "K", "simplices refined per iteration (default D/2 in 1D, D/8 in 2D/3D)"},
     {"damping", "B", "weight of the new node density against the current mesh (default 0.5)"},
     {"prior", "A", "weight of the data-density prior (default 0.05)"},
     {"no-noise-floor", "", "residual indicator: do not subtract the estimated noise energy"},
     {"placement", "N",
      "place nodes on at most max(N, 64 D) samples (evenly strided), refit on all (default 50000; "
      "0 = all)"},
     {"polish", "N",
      "least squares: node-position Levenberg-Marquardt steps per fit (default 8; 2D/3D: 2 per "
      "iteration, 4 N on the best mesh; 0 = off)"},
     {"no-restarts", "", "1D: no curvature restarts when the loop ends"},
     {"no-tensor-start", "", "2D/3D: start from the Kuhn grid only (no tensor-product starts)"},
     {"no-flips", "", "2D: no data-dependent edge flips"},
     {"coarsen", "HOW",
      "2D/3D: collapse (default: merge nodes into a neighbour, thin cells survive) or delaunay "
      "(re-triangulate the kept nodes)"},
     {"reference", "",
      "also compute the best placement found by a multi-start search with full node movement "
      "and report its errors and lreg's ratio to it (slow)"},
     {"smoothing", "L", "second-difference penalty for least squares (default 0)"},
     {"loss", "KIND", "adam: mae, mse or huber (default huber)"},
     {"lr", "RATE", "adam: learning rate (default 0.1)"},
     {"lambda", "L", "adam: L1 penalty on second differences of c (default 0)"},
     {"epochs", "E", "adam: epochs per train phase (default 5)"},
     {"batch", "B", "adam: batch size (default 256)"},
     {"hard", "K", "hard samples counted per batch (default 16)"},
     {"seed", "S", "random seed (default 1)"},
     {"threads", "N", "worker threads for the data passes (default: all cores)"},
     {"device", "DEV", "auto (default: CUDA when usable), cpu or cuda"},
     {"targets", "C", "number of target columns at the end of each row (default 1)"},
     {"model", "OUT.json", "write the trained model"},
     {"json", "", "print one JSON object on stdout"},
     {"quiet", "", "no progress on stderr"}},
};

namespace {

MrcOptions optionsFrom(const Arguments& args) {
  MrcOptions o;
  o.dof = int(args.integer("dof", o.dof));
  o.iterations = int(args.integer("iterations", o.iterations));
  o.patience = int(args.integer("patience", o.patience));
  if (args.has("fit")) o.fit = parseFitMethod(args.text("fit"));
  if (args.has("indicator")) o.indicator = parseIndicator(args.text("indicator"));
  o.refineCount = int(args.integer("topk", o.refineCount));
  o.damping = args.real("damping", o.damping);
  o.prior = args.real("prior", o.prior);
  o.smoothing = args.real("smoothing", o.smoothing);
  o.polishSteps = int(args.integer("polish", o.polishSteps));
  o.placementSamples = args.integer("placement", o.placementSamples);
  o.noiseAware = !args.flag("no-noise-floor");
  o.restarts = !args.flag("no-restarts");
  o.tensorStart = !args.flag("no-tensor-start");
  o.flips = !args.flag("no-flips");
  if (args.has("coarsen")) o.coarsening = parseCoarsening(args.text("coarsen"));
  if (args.has("loss")) o.loss = parseLoss(args.text("loss"));
  o.learningRate = args.real("lr", o.learningRate);
  o.l1Lambda = args.real("lambda", o.l1Lambda);
  o.epochs = int(args.integer("epochs", o.epochs));
  o.batchSize = int(args.integer("batch", o.batchSize));
  o.hardPerBatch = int(args.integer("hard", o.hardPerBatch));
  const long seed = args.integer("seed", 1);
  if (seed < 0) throw UsageError{"--seed must be >= 0"};
  o.seed = std::uint64_t(seed);
  return o;
}

}  // namespace

void applyDevice(const Arguments& args, MrcOptions& options) {
  options.device = parseDevice(args.text("device", "auto"));
  std::string note;
  options.device = resolveDevice(options.device, &note);  // throws for an unusable --device cuda
  static bool said = false;
  if (!note.empty() && cudaStatus().compiled && !said && !args.flag("quiet")) {
    std::cerr << "lreg: " << note << "\n";
    said = true;
  }
}

int runFit(const Arguments& args) {
  const auto t0 = std::chrono::steady_clock::now();
  const int targets = int(args.integer("targets", 1));
  if (targets < 1) throw UsageError{"--targets must be >= 1"};
  const MrcOptions options = optionsFrom(args);
  const Dataset train = readData(args.positional(0), targets, 2);
  Dataset test;
  if (args.has("test")) {
    test = readData(args.text("test"), targets, 1);
    if (test.dim() != train.dim())
      throw Error(args.text("test") + ": has " + std::to_string(test.dim()) +
                  " input columns, the training set " + std::to_string(train.dim()));
  }
  if (!args.flag("quiet")) {
    if (train.dim() > 1)
      for (const char* option : {"damping", "prior", "placement", "no-restarts"})
        if (args.has(option))
          std::cerr << "lreg: --" << option << " applies to 1D data only; ignored for "
                    << train.dim() << "D data\n";
    if (train.dim() == 1)
      for (const char* option : {"no-tensor-start", "no-flips", "coarsen"})
        if (args.has(option))
          std::cerr << "lreg: --" << option << " applies to 2D/3D data only; ignored\n";
  }
  const auto tFit = std::chrono::steady_clock::now();
  MrcOptions resolved = options;
  resolved.validate(train.size());  // usage problems first: the device note is not an error
  applyDevice(args, resolved);
  auto engine = makeEngine(train, nullptr, resolved);
  Progress progress(options.iterations, args.flag("quiet"));
  engine->setObserver([&](const SnapshotPtr& s) { progress.update(*s); }, false);
  const Model model = engine->run();
  progress.finish();
  const double fitSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - tFit).count();
  const Metrics trainMetrics = engine->trainingMetrics(model);
  Metrics testMetrics;
  if (args.has("test")) testMetrics = computeMetrics(test.Y, model.predict(test.X));
  // The distance to the best placement found (after the fit's own figures are taken).
  Metrics referenceTrain, referenceTest;
  double referenceSeconds = 0;
  if (args.flag("reference")) {
    if (!args.flag("quiet")) std::cerr << "lreg: searching the best placement (--reference)...\n";
    const auto tRef = std::chrono::steady_clock::now();
    const Model reference = engine->referenceModel(model);
    referenceSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tRef).count();
    referenceTrain = engine->trainingMetrics(reference);
    if (args.has("test")) referenceTest = computeMetrics(test.Y, reference.predict(test.X));
  }
  const bool onTest = args.has("test");
  const double referenceRmse = onTest ? referenceTest.rmse : referenceTrain.rmse;
  const double ratio = (onTest ? testMetrics.rmse : trainMetrics.rmse) / referenceRmse;
  if (args.has("model")) saveModel(model, args.text("model"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (args.flag("json")) {
    Json j = Json::makeObject();
    j.set("dim", model.dim);
    j.set("outputs", model.outputs);
    j.set("dof", model.dof());
    j.set("simplices", long(model.simplices.rows()));
    j.set("iterations", engine->iteration());
    j.set("seconds", seconds);
    j.set("fit_seconds", fitSeconds);
    j.set("samples", long(train.size()));
    j.set("method", fitMethodName(options.fit));
    j.set("indicator", indicatorName(options.indicator));
    j.set("train", metricsJson(trainMetrics));
    j.set("test", args.has("test") ? metricsJson(testMetrics) : Json());
    j.set("noise_sd", engine->noiseLevel());
    if (args.flag("reference")) {
      Json r = Json::makeObject();
      r.set("train", metricsJson(referenceTrain));
      r.set("test", onTest ? metricsJson(referenceTest) : Json());
      r.set("seconds", referenceSeconds);
      j.set("reference", r);
      j.set("reference_rmse", referenceRmse);
      j.set("reference_ratio", ratio);
    }
    if (args.has("model")) j.set("model", args.text("model"));
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "LReg fit: " << model.dim << "D, " << model.outputs
              << " output(s), D = " << model.dof() << " nodes, " << model.simplices.rows()
              << " simplices, " << engine->iteration() << " iterations, " << seconds << " s\n";
    std::cout << "  train: " << metricsLine(trainMetrics) << "\n";
    if (args.has("test")) std::cout << "  test:  " << metricsLine(testMetrics) << "\n";
    if (args.flag("reference")) {
      std::cout << "  best placement found (" << referenceSeconds << " s): train RMSE "
                << referenceTrain.rmse;
      if (onTest) std::cout << ", test RMSE " << referenceTest.rmse;
      std::cout << "; lreg / best = " << ratio << (onTest ? " (test)" : " (train)") << "\n";
    }
    if (args.has("model")) std::cout << "  model written to " << args.text("model") << "\n";
  }
  return 0;
}

}  // namespace lreg::cli
