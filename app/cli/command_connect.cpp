#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/connect/connection_trainer.h>
#include <lreg/io/json.h>
#include <lreg/model/model_io.h>
#include "app/cli/commands.h"
#include "app/cli/connection_inputs.h"

namespace lreg::cli {

namespace {

struct ConnectArgs {
  ConnectionFiles train, val;
  std::string targets, valTargets, model;
  ConnectionOptions options;
  int epochs = 1, threads = 0;
  bool json = false, quiet = false;
};

void addOptions(CLI::App& app, ConnectArgs& a) {
  ConnectionOptions& o = a.options;
  app::addPath(app, "--features", a.train.features,
               "the frozen model's features (.npy or CSV), #N by C_in");
  app::addPath(app, "--outputs", a.train.outputs,
               "its outputs: logits (classification) or predictions, #N by C");
  app::addPath(app, "--labels", a.train.truth,
               "class labels in [0, C), one per row: cross-entropy");
  app::addPath(app, "--targets", a.targets,
               "regression targets, #N by C (instead of --labels): squared error");
  app::addPath(app, "--val-features", a.val.features, "validation features");
  app::addPath(app, "--val-outputs", a.val.outputs, "validation outputs");
  app::addPath(app, "--val-labels", a.val.truth, "validation labels (or --val-targets)");
  app::addPath(app, "--val-targets", a.valTargets, "validation targets");
  app::addWhole(app, "--components", o.components, "d", "components of z (default 8)", 1, 100000);
  app::addWhole(app, "--dof", o.dof, "n", "nodes per component mesh (default 8)", 2, 1000000);
  app::addWhole(app, "--epochs", a.epochs, "E", "training epochs (default 1)", 0, 100000);
  app::addReal(app, "--lr", o.learningRate, "RATE", "Adam rate of the coefficients (default 0.01)",
               0.0);
  app::addReal(app, "--projection-lr", o.projectionRate, "RATE",
               "Adam rate of W and b, on standardised features (default 0.001)", 0.0);
  app::addWhole(app, "--batch", o.batchSize, "B", "batch size (default 256)", 1);
  app::addWhole(app, "--hard", o.hardPerBatch, "K", "hard samples counted per batch (default 16)",
                0);
  app::addWhole(app, "--mesh-updates", o.meshUpdatesPerEpoch, "U",
                "MRC rounds per epoch (default 1; 0 = fixed meshes)", 0, 100000);
  app::addSeed(app, o.seed, "random seed (default 1)");
  app::addThreads(app, a.threads);
  app::addPath(app, "--model", a.model, "write the trained connection", "OUT.json");
  app.add_flag("--json", a.json, "print one JSON object on stdout");
  app.add_flag("--quiet", a.quiet, "no progress on stderr");
}

// The files of one set; the truth option must match the task.
ConnectionFiles checkedFiles(ConnectionFiles f, const std::string& targets,
                             const std::string& prefix) {
  const bool regression = !targets.empty();
  if (regression && !f.truth.empty())
    throw UsageError("--" + prefix + "labels does not go with --" + prefix + "targets");
  if (regression) f.truth = targets;
  const std::string truth = prefix + (regression ? "targets" : "labels");
  for (const auto& [name, value] :
       {std::pair{prefix + "features", f.features}, std::pair{prefix + "outputs", f.outputs},
        std::pair{truth, f.truth}})
    if (value.empty()) throw UsageError("'lreg connect' needs --" + name + " FILE");
  return f;
}

// {"train_loss", "train_accuracy", "val_loss", "val_accuracy"} of outputs on both sets.
struct Scores {
  ConnectionScore train;
  std::optional<ConnectionScore> val;
};

Json scoresJson(const Scores& s, ConnectionTask task) {
  Json j = Json::makeObject();
  const bool classes = task == ConnectionTask::Classification;
  j.set("train_loss", s.train.loss);
  if (classes) j.set("train_accuracy", s.train.accuracy);
  if (s.val) {
    j.set("val_loss", s.val->loss);
    if (classes) j.set("val_accuracy", s.val->accuracy);
  }
  return j;
}

std::string scoresLine(const Scores& s, ConnectionTask task) {
  const bool classes = task == ConnectionTask::Classification;
  const char* loss = classes ? "cross-entropy" : "MSE";
  char buf[200];
  std::snprintf(buf, sizeof buf, "train %s %.5f", loss, s.train.loss);
  std::string line = buf;
  if (classes) std::snprintf(buf, sizeof buf, ", accuracy %.4f", s.train.accuracy), line += buf;
  if (s.val) {
    std::snprintf(buf, sizeof buf, "; validation %s %.5f", loss, s.val->loss);
    line += buf;
    if (classes) std::snprintf(buf, sizeof buf, ", accuracy %.4f", s.val->accuracy), line += buf;
  }
  return line;
}

int runConnect(const ConnectArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  setThreadCount(a.threads);
  const ConnectionTask task =
      a.targets.empty() ? ConnectionTask::Classification : ConnectionTask::Regression;
  ConnectionOptions options = a.options;
  options.task = task;
  const ConnectionData train = readConnectionData(checkedFiles(a.train, a.targets, ""), task);
  std::optional<ConnectionData> val;
  const ConnectionFiles& v = a.val;
  if (!v.features.empty() || !v.outputs.empty() || !v.truth.empty() || !a.valTargets.empty()) {
    if (task == ConnectionTask::Regression && !v.truth.empty())
      throw UsageError("--val-labels does not go with --targets");
    if (task == ConnectionTask::Classification && !a.valTargets.empty())
      throw UsageError("--val-targets does not go with --labels");
    val = readConnectionData(checkedFiles(v, a.valTargets, "val-"), task);
    if (val->inputs() != train.inputs() || val->outputCount() != train.outputCount())
      throw Error(val->featuresSource + ": validation has " + std::to_string(val->inputs()) +
                  " features and " + std::to_string(val->outputCount()) +
                  " outputs per sample, training " + std::to_string(train.inputs()) + " and " +
                  std::to_string(train.outputCount()));
  }
  auto scoresOf = [&](const ConnectionModel* m) {
    auto one = [&](const ConnectionData& d) {
      return scoreOutputs(task, m ? m->predict(d.features, d.outputs) : d.outputs, d);
    };
    Scores s{one(train), std::nullopt};
    if (val) s.val = one(*val);
    return s;
  };

  ConnectionTrainer trainer(train, options);
  const bool quiet = a.quiet;
  const ConnectionModel start = trainer.model();
  const long parameters = start.parameterCount();
  if (!quiet)
    std::cerr << "lreg connect: " << parameters << " trainable parameters ((C_in + 1) d + d n C = ("
              << start.inputs() << " + 1) * " << start.components() << " + " << start.components()
              << " * " << start.dof() << " * " << start.outputs() << ")\n";
  const Scores base = scoresOf(nullptr);
  if (!quiet) std::cerr << "base:     " << scoresLine(base, task) << "\n";
  Json epochList = Json::makeArray();
  Scores last = base;
  ConnectionModel model = start;
  const int epochs = a.epochs;
  for (int e = 1; e <= epochs; ++e) {
    trainer.trainEpoch();
    model = trainer.model();
    last = scoresOf(&model);
    Json entry = scoresJson(last, task);
    entry.set("epoch", e);
    entry.set("seconds", seconds());
    epochList.push(std::move(entry));
    if (!quiet) {
      char head[64];
      std::snprintf(head, sizeof head, "epoch %d/%d: ", e, epochs);
      std::cerr << head << scoresLine(last, task) << " (" << seconds() << " s)\n";
    }
  }
  if (!a.model.empty()) saveConnection(model, a.model);

  if (a.json) {
    Json j = Json::makeObject();
    j.set("task", connectionTaskName(task));
    j.set("parameters", parameters);
    j.set("inputs", model.inputs());
    j.set("components", model.components());
    j.set("dof", model.dof());
    j.set("outputs", model.outputs());
    j.set("samples", train.size());
    if (val) j.set("val_samples", val->size());
    j.set("mesh_updates", trainer.meshUpdates());
    j.set("base", scoresJson(base, task));
    j.set("epochs", std::move(epochList));
    j.set("final", scoresJson(last, task));
    j.set("seconds", seconds());
    if (!a.model.empty()) j.set("model", a.model);
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "LReg connection: " << parameters
              << " trainable parameters, d = " << model.components()
              << " components, n = " << model.dof() << " nodes, " << epochs << " epoch(s), "
              << seconds() << " s\n"
              << "  base:       " << scoresLine(base, task) << "\n"
              << "  connected:  " << scoresLine(last, task) << "\n";
    if (!a.model.empty()) std::cout << "  model written to " << a.model << "\n";
  }
  return 0;
}

}  // namespace

std::function<int()> defineConnect(CLI::App& app) {
  auto a = std::make_shared<ConnectArgs>();
  addOptions(app, *a);
  return [a] { return runConnect(*a); };
}

}  // namespace lreg::cli
