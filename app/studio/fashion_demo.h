// The Connection view's built-in demo: a frozen base that a user would have, made on the spot
// from Debian's Fashion-MNIST (package dataset-fashion-mnist). A small softmax MLP is trained
// on a subset of the training images and frozen; its penultimate features and logits on that
// subset (training) and on the first t10k images (validation) are what the connection gets.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include <lreg/connect/connection_data.h>

namespace lreg::studio {

struct FashionDemoOptions {
  std::string directory;     ///< the idx files' folder (empty: fashionDirectory())
  long trainSamples = 6000;  ///< first images of train-images-idx3-ubyte.gz
  long valSamples = 2000;    ///< first images of t10k-images-idx3-ubyte.gz
  int hidden = 64;           ///< width of the base's hidden layer (its penultimate features)
  int epochs = 3;            ///< the base's training epochs
  std::uint64_t seed = 1;
};

struct FashionDemo {
  ConnectionData train, val;
  double baseSeconds = 0;  ///< reading and training the base
};

/// $LREG_FASHION_MNIST_DIR, else /usr/share/datasets/fashion-mnist.
std::string fashionDirectory();
/// Empty when the four idx files are in `directory`; else a sentence for the UI naming the
/// missing file and the Debian package.
std::string fashionMissing(const std::string& directory);

/// Reads the images, trains and freezes the base, exports its features and logits. `say`
/// reports each step; `cancel` is polled between epochs (then Error "cancelled"). Throws Error
/// naming the file for a missing or bad one.
FashionDemo makeFashionDemo(const FashionDemoOptions& options,
                            const std::function<void(const std::string&)>& say,
                            const std::atomic<bool>& cancel);

}  // namespace lreg::studio
