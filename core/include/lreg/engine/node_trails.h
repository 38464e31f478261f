// Each moved node's path over the last few polish steps, for the app's trails: a small bounded
// history kept beside the stream of snapshots. The engine's Polish snapshot says only where each
// moved node was before that one step (Snapshot::movedFrom); this class remembers the earlier
// steps and fills Snapshot::movedPaths. Nodes are followed by their exact coordinates, not their
// indices: Refine and Coarsen keep every surviving node's coordinates bit for bit, but Coarsen
// renumbers the nodes, so a position names a node across both.
#pragma once

#include <array>
#include <map>
#include <vector>

#include <lreg/engine/snapshot.h>

namespace lreg {

class NodeTrails {
 public:
  /// Paths span at most the last `steps` polish steps (steps + 1 points).
  explicit NodeTrails(int steps = 4);

  /// Follows `snapshot` (the engine's next one, in order). A Polish that moved nodes comes back
  /// as a copy with `movedPaths` filled (oldest point first, the node's position now last);
  /// every other snapshot comes back as it is. An Initial snapshot starts over.
  SnapshotPtr follow(const SnapshotPtr& snapshot);
  /// Forgets every path (a new engine).
  void clear();

  int steps() const { return steps_; }
  /// Nodes with a remembered path (for tests: the history stays bounded by the mesh).
  int remembered() const { return int(paths_.size()); }

 private:
  using Position = std::array<double, 3>;  // unused coordinates are 0
  struct Point {
    Position at;
    long left;  // the polish step that moved the node away from here (kStillHere: not yet)
  };
  static Position positionOf(const RowMatrix& m, long row);
  void forgetVanished(const Snapshot& s);  // paths of nodes that no longer exist

  int steps_;
  long polishes_ = 0;                             // polish steps followed since the start
  std::map<Position, std::vector<Point>> paths_;  // by the node's position now
};

}  // namespace lreg
