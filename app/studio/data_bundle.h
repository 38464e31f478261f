// What the app fits and draws: a training set, an optional test set, the true function when a
// generator made the data, and a thinned copy of the training points for the plot. Loaded on
// the worker thread from a DataRequest: a generator with its parameters, a data file (CSV or
// NumPy .npy), or data embedded in a saved session.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <lreg/base/types.h>
#include <lreg/data/dataset.h>

namespace lreg::studio {

/// The bounds of a generated set's parameters, for the command line and session files alike.
inline constexpr long kMaxGeneratedPoints = 1'000'000'000;
inline constexpr double kMaxNoiseScale = 1e6;

struct DataRequest {
  enum class Kind { Generator, File, Embedded };
  Kind kind = Kind::Generator;
  std::string generator = "C";  ///< generator name, case-insensitive (Kind::Generator)
  long trainSize = 0;           ///< 0: the paper's size
  double noiseScale = 1.0;
  std::uint64_t seed = 1;
  /// Kind::File: the CSV or .npy file (by extension). Kind::Embedded: where the data came from.
  std::string path;
  /// Kind::Embedded: the data themselves (from a session file) and their name.
  std::shared_ptr<const Dataset> train, test;
  std::string name;

  static DataRequest generated(const std::string& name, long trainSize = 0, double noise = 1.0,
                               std::uint64_t seed = 1);
  static DataRequest file(const std::string& path);
  static DataRequest embedded(std::shared_ptr<const Dataset> train,
                              std::shared_ptr<const Dataset> test, const std::string& name,
                              const std::string& path);
};

/// The file types the app reads data from (CSV, NumPy .npy), by extension, case-insensitive.
bool isDataFile(const std::string& path);

struct DataBundle {
  DataRequest request;
  Dataset train;
  Dataset test;             ///< empty when there is none
  Vector truthX, truthY;    ///< the noise-free function at increasing raw x; empty if unknown
  Vector shownX, shownY;    ///< at most kMaxShownPoints training points (first input, output)
  RowMatrix shownInputs;    ///< the same points, every input column (#shown by d)
  RowMatrix shownTargets;   ///< the same points, every output column (#shown by C)
  double xLo = 0, xHi = 1;  ///< first input's training range: the unit domain's 0 and 1
  Vector lo, hi;            ///< every input's training range (d values): the unit box
  std::string name;         ///< "C" or the file's name
  std::string description;  ///< the generator's distribution, or the file's path
  /// A few lines for the dataset panel: sizes, dimensions, ranges (made once, when loading:
  /// the ranges are a pass over the data).
  std::string summary;

  bool hasTest() const { return test.size() > 0; }
  int dim() const { return int(train.dim()); }
};

using DataPtr = std::shared_ptr<const DataBundle>;

/// Points drawn at most: a plot of a million dots is one grey cloud, and slow to rebuild.
inline constexpr long kMaxShownPoints = 20000;

/// Generates, reads or copies the data (1 to 3 inputs; a file's last column is the target).
/// Throws Error (file, line and problem for a bad file). A file named train.csv (train.npy)
/// brings its sibling test.csv (test.npy) when there is one.
DataPtr loadData(const DataRequest& request);

}  // namespace lreg::studio
