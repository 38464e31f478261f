// This process's share of the training rows, visited a block of consecutive rows at a time:
// in memory (one block, no copy) or streamed from .npy files (each visit reads the files again,
// a block at a time; memory O(block)).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/data/dataset.h>
#include "io/npy_rows.h"

namespace lreg::detail {

class SampleSource {
 public:
  virtual ~SampleSource() = default;

  long rows = 0;      ///< this process's rows
  long firstRow = 0;  ///< the global index of its first row (rows are numbered across files)
  int dim = 1, outputs = 1;

  /// visit(X, Y, n, first): n rows (X n by dim, Y n by outputs, row-major) whose first is global
  /// row `first`; the blocks cover this process's rows in order. Every block but the last holds
  /// a multiple of `multiple` rows, so that passes cut their chunks at the same rows whether the
  /// data is in memory or streamed.
  using Visit = std::function<void(const double* X, const double* Y, long n, long first)>;
  virtual void forEachBlock(const Visit& visit, long multiple) const = 0;

  /// The rows in memory, or null when they are streamed.
  virtual const Dataset* inMemory() const { return nullptr; }
  /// The same, when this source owns them (the passes can share them instead of copying).
  virtual std::shared_ptr<const Dataset> owned() const { return nullptr; }
};

/// Rows in memory: `data` is borrowed (it must outlive the source) unless `owner` holds it.
std::shared_ptr<SampleSource> memorySource(const Dataset& data, long firstRow,
                                           std::shared_ptr<const Dataset> owner);

/// Global rows [first, first + count) of the concatenation of .npy files, read again in every
/// visit. `headers` are validated already (the same column count in each).
std::shared_ptr<SampleSource> npyStreamSource(std::vector<NpyHeader> headers, int targets,
                                              long first, long count);

}  // namespace lreg::detail
