#include "app/studio/snapshot_history.h"

#include <algorithm>

namespace lreg::studio {

std::size_t SnapshotHistory::estimateBytes(const Snapshot& s) {
  auto metrics = [](const Metrics& m) {
    return std::size_t(m.maePerOutput.size() + m.rmsePerOutput.size() + m.r2PerOutput.size());
  };
  std::size_t paths = 0;
  for (const RowMatrix& p : s.movedPaths) paths += std::size_t(p.size());
  const std::size_t doubles = std::size_t(s.nodes.size() + s.coefficients.size() + s.counts.size() +
                                          s.removed.size() + s.movedFrom.size()) +
                              paths + metrics(s.train) + metrics(s.validation);
  return sizeof(Snapshot) + doubles * sizeof(double) +
         std::size_t(s.simplices.size()) * sizeof(s.simplices(0, 0)) +
         (s.inserted.size() + s.toRemove.size() + s.moved.size() + 2 * s.flipped.size()) *
             sizeof(int);
}

void SnapshotHistory::clear() {
  entries_.clear();
  bytes_ = 0;
  nextSequence_ = 0;
  thinnings_ = 0;
}

void SnapshotHistory::add(SnapshotPtr snapshot) {
  if (!snapshot) return;
  Entry e;
  e.bytes = estimateBytes(*snapshot);
  e.sequence = nextSequence_++;
  e.snapshot = std::move(snapshot);
  bytes_ += e.bytes;
  entries_.push_back(std::move(e));
  while (overLimits() && entries_.size() > 2) thin();
}

bool SnapshotHistory::overLimits() const {
  return bytes_ > limits_.bytes || int(entries_.size()) > std::max(2, limits_.count);
}

void SnapshotHistory::thin() {
  // Older half: indices [0, n/2) (at least two, so three entries still lose one). Keep its even
  // ones (index 0, the first snapshot, included); the newer half, with the latest, stays whole.
  const std::size_t half = std::max<std::size_t>(2, entries_.size() / 2);
  std::vector<Entry> kept;
  kept.reserve(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (i < half && i % 2 == 1) {
      bytes_ -= entries_[i].bytes;
    } else {
      kept.push_back(std::move(entries_[i]));
    }
  }
  entries_ = std::move(kept);
  ++thinnings_;
}

int SnapshotHistory::indexAtOrBefore(std::uint64_t sequence) const {
  const auto it = std::upper_bound(entries_.begin(), entries_.end(), sequence,
                                   [](std::uint64_t s, const Entry& e) { return s < e.sequence; });
  return it == entries_.begin() ? 0 : int(it - entries_.begin()) - 1;
}

}  // namespace lreg::studio
