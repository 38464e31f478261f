// Every snapshot of the run, in order, within a memory budget: the history the slider scrubs,
// Play animates and "Export animation" writes. Snapshots are shared and immutable, so keeping
// one costs no copy, only the memory it already holds; when the budget (bytes or count) is
// exceeded, every other snapshot of the older half is dropped, so the recent past stays dense,
// the distant past grows sparse, and the first and the latest snapshots are always kept.
#pragma once

#include <cstdint>
#include <vector>

#include <lreg/engine/snapshot.h>

namespace lreg::studio {

class SnapshotHistory {
 public:
  struct Limits {
    std::size_t bytes = std::size_t(256) << 20;  ///< estimated memory of the kept snapshots
    int count = 5000;                            ///< kept snapshots (the slider's resolution)
  };

  SnapshotHistory() = default;
  explicit SnapshotHistory(Limits limits) : limits_(limits) {}

  /// Forgets everything (a new engine).
  void clear();
  /// Appends `snapshot` (a null pointer is ignored), then thins while over the limits.
  void add(SnapshotPtr snapshot);

  int size() const { return int(entries_.size()); }
  bool empty() const { return entries_.empty(); }
  const SnapshotPtr& at(int index) const { return entries_[std::size_t(index)].snapshot; }
  const SnapshotPtr& latest() const { return entries_.back().snapshot; }
  /// Position of a snapshot among all ever added (0 for the first): survives thinning.
  std::uint64_t sequence(int index) const { return entries_[std::size_t(index)].sequence; }
  /// The index of the kept snapshot with the largest sequence <= `sequence` (0 if none): where
  /// a selection lands after thinning removed the snapshot it pointed at.
  int indexAtOrBefore(std::uint64_t sequence) const;
  /// Estimated memory of the kept snapshots.
  std::size_t bytes() const { return bytes_; }
  const Limits& limits() const { return limits_; }
  /// Times a thinning pass ran since the last clear (for the status line and tests).
  int thinnings() const { return thinnings_; }

  /// Memory one snapshot holds: its matrices and vectors plus the fixed part.
  static std::size_t estimateBytes(const Snapshot& s);

 private:
  struct Entry {
    SnapshotPtr snapshot;
    std::uint64_t sequence = 0;
    std::size_t bytes = 0;
  };
  bool overLimits() const;
  void thin();

  Limits limits_;
  std::vector<Entry> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t nextSequence_ = 0;
  int thinnings_ = 0;
};

}  // namespace lreg::studio
