#include "app/studio/fashion_demo.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <lreg/base/error.h>
#include <lreg/io/idx.h>
#include <lreg/mlp/mlp.h>

namespace lreg::studio {
namespace {

constexpr const char* kFiles[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                  "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

std::string join(const std::string& dir, const char* name) {
  return (std::filesystem::path(dir) / name).string();
}

// The first `count` images and labels of one idx pair (the rest of the files is not read).
struct Images {
  RowMatrix X;
  std::vector<int> y;
};
Images readFirst(const std::string& images, const std::string& labels, long count) {
  Images s;
  s.X = readIdxImages(images, 1.0 / 255, count);
  s.y = readIdxLabels(labels, count);
  if (long(s.y.size()) != s.X.rows())
    throw Error(labels + ": has " + std::to_string(s.y.size()) + " labels, " + images + " has " +
                std::to_string(s.X.rows()) + " images");
  return s;
}

ConnectionData exported(const Mlp& base, const Images& s, const std::string& source) {
  ConnectionData d;
  d.features = base.lastHidden(s.X);
  d.outputs = ((base.weights().back() * d.features.transpose()).colwise() + base.biases().back())
                  .transpose();
  d.labels = s.y;
  d.featuresSource = source + " (base features)";
  d.outputsSource = source + " (base logits)";
  d.truthSource = source + " (labels)";
  return d;
}

}  // namespace

std::string fashionDirectory() {
  const char* env = std::getenv("LREG_FASHION_MNIST_DIR");
  return env && *env ? env : "/usr/share/datasets/fashion-mnist";
}

std::string fashionMissing(const std::string& directory) {
  for (const char* name : kFiles)
    if (!std::filesystem::is_regular_file(join(directory, name)))
      return "Fashion-MNIST is not installed: " + join(directory, name) +
             " is missing (Debian package dataset-fashion-mnist: apt-get install "
             "dataset-fashion-mnist)";
  return {};
}

FashionDemo makeFashionDemo(const FashionDemoOptions& o,
                            const std::function<void(const std::string&)>& say,
                            const std::atomic<bool>& cancel) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string dir = o.directory.empty() ? fashionDirectory() : o.directory;
  if (const std::string missing = fashionMissing(dir); !missing.empty()) throw Error(missing);
  if (o.trainSamples < 10 || o.valSamples < 1 || o.hidden < 1 || o.epochs < 1)
    throw Error("Fashion-MNIST demo: absurd sizes (train " + std::to_string(o.trainSamples) +
                ", validation " + std::to_string(o.valSamples) + ", width " +
                std::to_string(o.hidden) + ", epochs " + std::to_string(o.epochs) + ")");
  say("Reading Fashion-MNIST…");
  const Images train = readFirst(join(dir, kFiles[0]), join(dir, kFiles[1]), o.trainSamples);
  const Images val = readFirst(join(dir, kFiles[2]), join(dir, kFiles[3]), o.valSamples);
  MlpOptions mo;
  mo.hidden = {o.hidden};
  mo.epochs = o.epochs;
  mo.batchSize = 128;
  mo.learningRate = 1e-3;
  mo.seed = o.seed;
  Mlp base(int(train.X.cols()), 10, mo);
  for (int e = 1; e <= o.epochs; ++e) {
    if (cancel) throw Error("Fashion-MNIST demo: cancelled");
    char line[120];
    std::snprintf(line, sizeof line, "Training the frozen base (784-%d-10 MLP): epoch %d/%d…",
                  o.hidden, e, o.epochs);
    say(line);
    base.trainEpochClassifier(train.X, train.y);
  }
  say("Exporting the base's features and logits…");
  FashionDemo demo;
  demo.train = exported(base, train, "Fashion-MNIST training images");
  demo.val = exported(base, val, "Fashion-MNIST t10k images");
  demo.train.validate(ConnectionTask::Classification);
  demo.val.validate(ConnectionTask::Classification);
  demo.baseSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return demo;
}

}  // namespace lreg::studio
