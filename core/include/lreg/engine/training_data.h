// The training samples of a fit as the engine reads them: a data set in memory, this process's
// share of the rows of one or more files (with MPI each rank reads only its share), or .npy
// files streamed a block at a time in every pass (out of core: no copy of the data is held).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lreg/base/communicator.h>
#include <lreg/data/dataset.h>
#include <lreg/data/metrics.h>
#include <lreg/model/model.h>

namespace lreg {
namespace detail {
class SampleSource;
}

class TrainingData {
 public:
  /// A data set in memory, on one process. The engine copies what it keeps: `data` need only
  /// outlive makeEngine().
  static TrainingData borrow(const Dataset& data);
  /// A view of data in any layout (NumPy memory, a column-major matrix): copied once, row-major,
  /// into data the TrainingData owns (the passes read rows as contiguous blocks).
  static TrainingData borrow(const DatasetView& data);
  /// The rows of `files` (CSV or .npy, concatenated in this order, the same columns in each),
  /// this process's share of them over `comm`: rows [N r / R, N (r + 1) / R) of .npy files,
  /// the lines that start in the r-th R-th of a CSV's bytes. With `stream` (.npy only) only the
  /// headers are read now; every pass reads the share again, a block at a time. When any process
  /// fails (a missing or malformed file), every process throws CollectiveError naming the rank
  /// and the file. Throws the same when the files hold fewer than `minRows` rows in all.
  static TrainingData open(const std::vector<std::string>& files, int targets, bool stream,
                           Communicator& comm, long minRows = 1);

  long size() const { return size_; }  ///< rows over all processes
  int dim() const;
  int outputs() const;
  const std::vector<std::string>& inputNames() const { return inputNames_; }
  const std::vector<std::string>& outputNames() const { return outputNames_; }
  const std::string& source() const { return source_; }
  Communicator& comm() const { return *comm_; }
  bool streamed() const { return streamed_; }
  const detail::SampleSource& samples() const { return *samples_; }
  std::shared_ptr<const detail::SampleSource> sharedSamples() const { return samples_; }

 private:
  std::shared_ptr<const detail::SampleSource> samples_;
  Communicator* comm_ = nullptr;
  long size_ = 0;
  bool streamed_ = false;
  std::vector<std::string> inputNames_, outputNames_;
  std::string source_;
};

/// The errors of `model` on every row of `data`, over all processes (collective: every process
/// calls it and gets the same figures).
Metrics evaluate(const Model& model, const TrainingData& data);

}  // namespace lreg
