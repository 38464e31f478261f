#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <lreg/base/error.h>
#include <lreg/connect/connection_data.h>
#include <lreg/io/idx.h>
#include <lreg/io/json.h>
#include <lreg/mlp/mlp.h>
#include "app/cli/commands.h"
#include "app/cli/connection_inputs.h"

namespace lreg::cli {

namespace {

struct MlpArgs {
  std::string images, labels, valImages, valLabels, hidden = "256,128", exportDir;
  MlpOptions options;
  bool json = false, quiet = false;
};

bool isTable(const std::string& path) {
  for (const char* ext : {".npy", ".csv"})
    if (path.size() >= 4 && path.compare(path.size() - 4, 4, ext) == 0) return true;
  return false;
}

RowMatrix readImages(const std::string& path) {
  return isTable(path) ? readMatrix(path) : readIdxImages(path);
}

std::vector<int> readLabels(const std::string& path) {
  return isTable(path) ? labelsFromColumn(readMatrix(path), path) : readIdxLabels(path);
}

std::vector<int> parseWidths(const std::string& text) {
  std::vector<int> widths;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    widths.push_back(int(app::parseWhole("--hidden", item, 1, 100000)));
  if (widths.empty()) throw UsageError("--hidden needs at least one width");
  return widths;
}

struct LabelledSet {
  RowMatrix X;
  std::vector<int> y;
  std::string source;
};

LabelledSet readSet(const std::string& images, const std::string& labels) {
  LabelledSet s{readImages(images), readLabels(labels), images};
  if (long(s.y.size()) != s.X.rows())
    throw Error(labels + ": has " + std::to_string(s.y.size()) + " labels, " + images + " has " +
                std::to_string(s.X.rows()) + " samples");
  return s;
}

ConnectionScore score(const Mlp& mlp, const LabelledSet& s) {
  ConnectionData d;
  d.labels = s.y;
  return scoreOutputs(ConnectionTask::Classification, mlp.predict(s.X), d);
}

void exportSet(const std::filesystem::path& dir, const std::string& name, const Mlp& mlp,
               const LabelledSet& s) {
  const RowMatrix features = mlp.lastHidden(s.X);
  // The logits are the last layer applied to the features (one forward pass for both).
  const RowMatrix logits =
      ((mlp.weights().back() * features.transpose()).colwise() + mlp.biases().back()).transpose();
  writeMatrix((dir / (name + "_features.npy")).string(), features, "h");
  writeMatrix((dir / (name + "_logits.npy")).string(), logits, "logit");
  RowMatrix labels(s.X.rows(), 1);
  for (size_t n = 0; n < s.y.size(); ++n) labels(long(n), 0) = s.y[n];
  writeMatrix((dir / (name + "_labels.npy")).string(), labels, "label");
}

int runMlp(const MlpArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  if (a.images.empty() || a.labels.empty())
    throw UsageError("'lreg mlp' needs --images FILE and --labels FILE");
  if (a.valImages.empty() != a.valLabels.empty())
    throw UsageError("--val-images and --val-labels go together");
  MlpOptions o = a.options;
  o.hidden = parseWidths(a.hidden);
  const LabelledSet train = readSet(a.images, a.labels);
  std::optional<LabelledSet> val;
  if (!a.valImages.empty()) {
    val = readSet(a.valImages, a.valLabels);
    if (val->X.cols() != train.X.cols())
      throw Error(val->source + ": has " + std::to_string(val->X.cols()) +
                  " values per sample, the training images " + std::to_string(train.X.cols()));
  }
  int classes = 0;
  for (int y : train.y) classes = std::max(classes, y + 1);
  if (classes < 2) throw Error(a.labels + ": needs at least 2 classes");
  if (val)
    for (size_t n = 0; n < val->y.size(); ++n)
      if (val->y[n] >= classes)
        throw Error(a.valLabels + ": row " + std::to_string(n + 1) + ": label " +
                    std::to_string(val->y[n]) + " is not among the " + std::to_string(classes) +
                    " training classes");
  Mlp mlp(int(train.X.cols()), classes, o);
  const bool quiet = a.quiet;
  if (!quiet)
    std::cerr << "lreg mlp: " << train.X.rows() << " samples, " << train.X.cols() << " inputs, "
              << classes << " classes, " << mlp.parameterCount() << " parameters\n";
  Json epochs = Json::makeArray();
  std::optional<ConnectionScore> last;
  for (int e = 1; e <= o.epochs; ++e) {
    const double trainLoss = mlp.trainEpochClassifier(train.X, train.y);
    Json entry = Json::Object{{"epoch", e}, {"train_loss", trainLoss}};
    char line[160];
    std::snprintf(line, sizeof line, "epoch %d/%d: train cross-entropy %.5f", e, o.epochs,
                  trainLoss);
    std::string text = line;
    if (val) {
      last = score(mlp, *val);
      entry.set("val_loss", last->loss);
      entry.set("val_accuracy", last->accuracy);
      std::snprintf(line, sizeof line, "; validation cross-entropy %.5f, accuracy %.4f", last->loss,
                    last->accuracy);
      text += line;
    }
    entry.set("seconds", seconds());
    epochs.push(std::move(entry));
    if (!quiet) std::cerr << text << " (" << seconds() << " s)\n";
  }
  Json exported = Json::makeArray();
  if (!a.exportDir.empty()) {
    const std::filesystem::path dir(a.exportDir);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot create folder (" + ec.message() + ")");
    exportSet(dir, "train", mlp, train);
    if (val) exportSet(dir, "val", mlp, *val);
    for (const char* set : {"train", "val"})
      if (std::string(set) == "train" || val)
        for (const char* part : {"features", "logits", "labels"})
          exported.push((dir / (std::string(set) + "_" + part + ".npy")).string());
  }
  if (a.json) {
    Json j = Json::makeObject();
    j.set("parameters", mlp.parameterCount());
    j.set("classes", classes);
    j.set("features", o.hidden.back());
    j.set("samples", long(train.X.rows()));
    j.set("epochs", std::move(epochs));
    if (last)
      j.set("final", Json::Object{{"val_loss", last->loss}, {"val_accuracy", last->accuracy}});
    j.set("exported", std::move(exported));
    j.set("seconds", seconds());
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << "MLP classifier: " << mlp.parameterCount() << " parameters, " << classes
              << " classes, " << o.epochs << " epoch(s), " << seconds() << " s\n";
    if (last)
      std::cout << "  validation: cross-entropy " << last->loss << ", accuracy " << last->accuracy
                << "\n";
    if (!a.exportDir.empty())
      std::cout << "  features, logits and labels written to " << a.exportDir << "\n";
  }
  return 0;
}

}  // namespace

std::function<int()> defineMlp(CLI::App& app) {
  auto a = std::make_shared<MlpArgs>();
  MlpOptions& o = a->options;
  o.epochs = 10;
  o.learningRate = 1e-3;
  o.batchSize = 128;
  app::addPath(app, "--images", a->images, "training inputs, one row (image) per sample");
  app::addPath(app, "--labels", a->labels, "training class labels (idx1, .npy or CSV)");
  app::addPath(app, "--val-images", a->valImages, "validation inputs");
  app::addPath(app, "--val-labels", a->valLabels, "validation labels");
  app.add_option("--hidden", a->hidden, "hidden layer widths (default 256,128)")
      ->type_name("W1,W2,..");
  app::addWhole(app, "--epochs", o.epochs, "E", "epochs (default 10)", 0, 100000);
  app::addReal(app, "--lr", o.learningRate, "RATE", "Adam learning rate (default 0.001)", 0.0);
  app::addWhole(app, "--batch", o.batchSize, "B", "batch size (default 128)", 1);
  app::addSeed(app, o.seed, "random seed (default 1)");
  app.add_option("--export", a->exportDir,
                 "write the features, logits and labels as .npy files here")
      ->type_name("DIR");
  app.add_flag("--json", a->json, "print one JSON object on stdout");
  app.add_flag("--quiet", a->quiet, "no progress on stderr");
  return [a] { return runMlp(*a); };
}

}  // namespace lreg::cli
