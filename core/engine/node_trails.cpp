#include <lreg/engine/node_trails.h>

#include <algorithm>
#include <limits>
#include <set>

namespace lreg {
namespace {
constexpr long kStillHere = std::numeric_limits<long>::max();  // the point a node is at now
}

NodeTrails::NodeTrails(int steps) : steps_(std::max(1, steps)) {}

void NodeTrails::clear() {
  paths_.clear();
  polishes_ = 0;
}

NodeTrails::Position NodeTrails::positionOf(const RowMatrix& m, long row) {
  Position p{0, 0, 0};
  for (long a = 0; a < std::min<long>(m.cols(), 3); ++a) p[size_t(a)] = m(row, a);
  return p;
}

void NodeTrails::forgetVanished(const Snapshot& s) {
  if (paths_.empty()) return;
  std::set<Position> present;
  for (long i = 0; i < s.nodes.rows(); ++i) present.insert(positionOf(s.nodes, i));
  for (auto it = paths_.begin(); it != paths_.end();)
    it = present.count(it->first) ? std::next(it) : paths_.erase(it);
}

SnapshotPtr NodeTrails::follow(const SnapshotPtr& snapshot) {
  if (!snapshot) return snapshot;
  const Snapshot& s = *snapshot;
  if (s.phase == Phase::Initial) clear();
  const long k = long(s.moved.size());
  const bool polished = s.phase == Phase::Polish && k > 0 && s.movedFrom.rows() == k &&
                        s.movedFrom.cols() == s.nodes.cols();
  if (!polished) {
    forgetVanished(s);
    return snapshot;
  }
  ++polishes_;
  auto out = std::make_shared<Snapshot>(s);
  out->movedPaths.assign(size_t(k), RowMatrix());
  // Take every moved node's old path out first: a node may move onto a spot another just left.
  std::vector<std::vector<Point>> paths(static_cast<size_t>(k));
  for (long r = 0; r < k; ++r) {
    const Position from = positionOf(s.movedFrom, r);
    auto it = paths_.find(from);
    if (it != paths_.end()) {
      paths[size_t(r)] = std::move(it->second);
      paths_.erase(it);
    } else {
      paths[size_t(r)] = {Point{from, kStillHere}};
    }
  }
  for (long r = 0; r < k; ++r) {
    const int node = s.moved[size_t(r)];
    if (node < 0 || node >= s.nodes.rows()) continue;
    std::vector<Point>& path = paths[size_t(r)];
    path.back().left = polishes_;
    path.push_back(Point{positionOf(s.nodes, node), kStillHere});
    // Keep the points left within the last steps_ polish steps.
    const auto old = std::find_if(path.begin(), path.end(),
                                  [&](const Point& p) { return p.left > polishes_ - steps_; });
    path.erase(path.begin(), old);
    RowMatrix m(long(path.size()), s.nodes.cols());
    for (size_t j = 0; j < path.size(); ++j)
      for (long a = 0; a < m.cols(); ++a) m(long(j), a) = path[j].at[size_t(a)];
    out->movedPaths[size_t(r)] = std::move(m);
    paths_[path.back().at] = std::move(path);
  }
  forgetVanished(s);
  return out;
}

}  // namespace lreg
