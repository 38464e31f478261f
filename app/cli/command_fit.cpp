#include <chrono>
#include <iostream>
#include <optional>

#include <lreg/base/communicator.h>
#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/engine/backend.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/training_data.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "app/cli/report.h"

namespace lreg::cli {

const CommandSpec kFitSpec = {
    "fit",
    "lreg fit TRAIN.csv|.npy... [--test TEST.csv] [--dof D] [--iterations K] [--fit lstsq|adam] "
    "[--seed S] [--model OUT.json] [--targets C] [--stream] [--json]",
    "Fits an LReg model with the mesh refinement-coarsening loop and reports its errors.\n"
    "Several training files are concatenated (the same columns in each). Under mpirun\n"
    "(mpirun -n R lreg fit ...) each rank reads only its share of the rows and the result\n"
    "does not depend on R; rank 0 writes the model and the report.\n"
    "Progress goes to stderr; with --json stdout is exactly one JSON object.",
    {"TRAIN..."},
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
      "place nodes on at most max(N, 64 D) samples, refit on all (default 50000; 0 = all)"},
     {"polish", "N",
      "least squares: node-position Gauss-Newton steps per fit (default 8, 0 = off)"},
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
     {"stream", "", ".npy files: read them a block at a time in every pass instead of into memory"},
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
  if (!note.empty() && cudaStatus().compiled && !said && !args.flag("quiet") &&
      worldCommunicator().rank() == 0) {
    std::cerr << "lreg: " << note << "\n";
    said = true;
  }
}

int runFit(const Arguments& args) {
  const auto t0 = std::chrono::steady_clock::now();
  Communicator& comm = worldCommunicator();
  const bool root = comm.rank() == 0, quiet = args.flag("quiet") || !root;
  const int targets = int(args.integer("targets", 1));
  if (targets < 1) throw UsageError{"--targets must be >= 1"};
  const MrcOptions options = optionsFrom(args);
  const bool stream = args.flag("stream");
  if (stream && options.placementSamples == 0)
    throw UsageError{
        "--stream needs a placement sample (--placement > 0): the loop's samples "
        "are held in memory"};
  // Every rank reads its share; a rank that cannot stops them all (CollectiveError).
  const TrainingData train = TrainingData::open(args.positionals(), targets, stream, comm, 2);
  std::optional<TrainingData> test;
  if (args.has("test")) {
    test = TrainingData::open({args.text("test")}, targets, stream, comm, 1);
    if (test->dim() != train.dim())
      throw CollectiveError(args.text("test") + ": has " + std::to_string(test->dim()) +
                            " input columns, the training set " + std::to_string(train.dim()));
  }
  if (train.dim() > 1 && !quiet)
    for (const char* option : {"polish", "damping", "prior"})
      if (args.has(option))
        std::cerr << "lreg: --" << option << " applies to 1D data only; ignored for " << train.dim()
                  << "D data\n";
  const auto tFit = std::chrono::steady_clock::now();
  MrcOptions resolved = options;
  resolved.validate(train.size());  // usage problems first: the device note is not an error
  applyDevice(args, resolved);
  auto engine = makeEngine(train, nullptr, resolved);
  Progress progress(options.iterations, quiet);
  engine->setObserver([&](const SnapshotPtr& s) { progress.update(*s); }, false);
  const Model model = engine->run();
  progress.finish();
  const double fitSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - tFit).count();
  const Metrics trainMetrics = engine->trainingMetrics(model);
  Metrics testMetrics;
  if (test) testMetrics = evaluate(model, *test);
  // Rank 0 writes the model (atomically: a killed job leaves none half-written); every rank
  // learns whether that worked.
  std::string failure;
  if (root && args.has("model")) try {
      saveModel(model, args.text("model"));
    } catch (const Error& e) {
      failure = e.what();
    }
  comm.agree(failure);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!root) return 0;

  if (args.flag("json")) {
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
    j.set("stream", stream);
    if (comm.size() > 1)
      j.set("communication",
            Json::Object{{"bytes", comm.bytesMoved()}, {"collectives", comm.collectives()}});
    j.set("train", metricsJson(trainMetrics));
    j.set("test", test ? metricsJson(testMetrics) : Json());
    if (args.has("model")) j.set("model", args.text("model"));
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "LReg fit: " << model.dim << "D, " << model.outputs
              << " output(s), D = " << model.dof() << " nodes, " << model.simplices.rows()
              << " simplices, " << engine->iteration() << " iterations, " << seconds << " s";
    if (comm.size() > 1) std::cout << ", " << comm.size() << " ranks";
    std::cout << "\n  train: " << metricsLine(trainMetrics) << "\n";
    if (test) std::cout << "  test:  " << metricsLine(testMetrics) << "\n";
    if (args.has("model")) std::cout << "  model written to " << args.text("model") << "\n";
  }
  return 0;
}

}  // namespace lreg::cli
