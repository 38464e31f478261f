#include "engine/sample_source.h"

#include <algorithm>

#include <lreg/base/error.h>
#include "io/npy_rows.h"

namespace lreg::detail {
namespace {

class MemorySource final : public SampleSource {
 public:
  MemorySource(const Dataset& data, long first, std::shared_ptr<const Dataset> owner)
      : data_(data), owner_(std::move(owner)) {
    rows = data.size();
    firstRow = first;
    dim = data.dim();
    outputs = data.outputs();
  }
  void forEachBlock(const Visit& visit, long) const override {
    if (rows > 0) visit(data_.X.data(), data_.Y.data(), rows, firstRow);
  }
  const Dataset* inMemory() const override { return &data_; }
  std::shared_ptr<const Dataset> owned() const override { return owner_; }

 private:
  const Dataset& data_;
  std::shared_ptr<const Dataset> owner_;
};

// About 8 MB of values per block: memory stays O(block) however large the files are.
constexpr long kBlockValues = 1L << 20;

class NpyStreamSource final : public SampleSource {
 public:
  NpyStreamSource(std::vector<NpyHeader> headers, int targets, long first, long count)
      : headers_(std::move(headers)) {
    rows = count;
    firstRow = first;
    outputs = targets;
    dim = int(headers_.front().cols) - targets;
  }

  void forEachBlock(const Visit& visit, long multiple) const override {
    const long cols = dim + outputs;
    const long block =
        std::max(multiple, kBlockValues / cols / std::max(1L, multiple) * std::max(1L, multiple));
    std::vector<double> values(size_t(block * cols)), X(size_t(block * dim)),
        Y(size_t(block * outputs));
    std::vector<std::unique_ptr<NpyRows>> open(headers_.size());
    for (long done = 0; done < rows;) {
      const long n = std::min(block, rows - done);
      // The block's rows may come from several files.
      long filled = 0, fileStart = 0;
      for (size_t f = 0; f < headers_.size() && filled < n; ++f) {
        const long global = firstRow + done + filled, fileRows = headers_[f].rows;
        if (global < fileStart + fileRows) {
          const long take = std::min(n - filled, fileStart + fileRows - global);
          if (!open[f]) open[f] = std::make_unique<NpyRows>(headers_[f]);
          open[f]->read(global - fileStart, take, values.data() + filled * cols);
          filled += take;
        }
        fileStart += fileRows;
      }
      if (filled != n) throw Error(headers_.back().path + ": fewer rows than the headers say");
      for (long r = 0; r < n; ++r) {
        const double* v = values.data() + r * cols;
        std::copy_n(v, dim, X.data() + r * dim);
        std::copy_n(v + dim, outputs, Y.data() + r * outputs);
      }
      visit(X.data(), Y.data(), n, firstRow + done);
      done += n;
    }
  }

 private:
  std::vector<NpyHeader> headers_;
};

}  // namespace

std::shared_ptr<SampleSource> memorySource(const Dataset& data, long firstRow,
                                           std::shared_ptr<const Dataset> owner) {
  return std::make_shared<MemorySource>(data, firstRow, std::move(owner));
}

std::shared_ptr<SampleSource> npyStreamSource(std::vector<NpyHeader> headers, int targets,
                                              long first, long count) {
  return std::make_shared<NpyStreamSource>(std::move(headers), targets, first, count);
}

}  // namespace lreg::detail
