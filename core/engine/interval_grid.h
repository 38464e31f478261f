// Mesh1D::locate for the passes over unsorted rows (streamed, or a metrics pass): a table of
// four cells per interval gives a start at most a few intervals away, then a short scan. The
// scan runs both ways until p_j <= x < p_{j+1}, so the answer is Mesh1D::locate's exactly,
// whatever the rounding of the cell index.
#pragma once

#include <algorithm>
#include <vector>

#include <lreg/1d/mesh1d.h>

namespace lreg::detail {

class IntervalGrid {
 public:
  explicit IntervalGrid(const Mesh1D& mesh)
      : nodes_(mesh.size()), intervals_(mesh.intervals()), cells_(4 * mesh.intervals()) {
    for (int i = 0; i < mesh.size(); ++i) nodes_[size_t(i)] = mesh.node(i);
    lo_ = nodes_.front();
    scale_ = cells_ / (nodes_.back() - lo_);
    first_.resize(size_t(cells_));
    for (int c = 0; c < cells_; ++c) first_[size_t(c)] = mesh.locate(lo_ + c / scale_);
  }

  int locate(double x) const {
    const double cell = (x - lo_) * scale_;
    int j = first_[size_t(cell < 0 ? 0 : (cell >= cells_ ? cells_ - 1 : int(cell)))];
    while (j + 1 < intervals_ && nodes_[size_t(j) + 1] <= x) ++j;
    while (j > 0 && nodes_[size_t(j)] > x) --j;
    return j;
  }

 private:
  std::vector<double> nodes_;
  int intervals_, cells_;
  double lo_ = 0, scale_ = 1;
  std::vector<int> first_;
};

}  // namespace lreg::detail
