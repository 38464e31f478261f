// NodeTrails: each moved node's path over the last few polish steps (the app's trails), followed
// by position through Refine (nodes appended) and Coarsen (nodes removed and renumbered).
#include <QtTest>

#include "../core/test_util.h"

#include <cmath>

#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/node_trails.h>

using namespace lreg;

namespace {

SnapshotPtr snapshotOf(Phase phase, const RowMatrix& nodes, std::vector<int> moved = {},
                       RowMatrix movedFrom = RowMatrix(0, 2)) {
  auto s = std::make_shared<Snapshot>();
  s->phase = phase;
  s->polishes = true;
  s->dim = 2;
  s->nodes = nodes;
  s->moved = std::move(moved);
  s->movedFrom = std::move(movedFrom);
  return s;
}

RowMatrix rows(std::initializer_list<std::array<double, 2>> points) {
  RowMatrix m(long(points.size()), 2);
  long r = 0;
  for (const auto& p : points) m.row(r++) << p[0], p[1];
  return m;
}

}  // namespace

class TestNodeTrails : public QObject {
  Q_OBJECT

 private slots:
  // A node moved in two polish steps, with a Refine and a renumbering Coarsen between them: its
  // path is its three positions, oldest first. Other snapshots pass through untouched.
  void pathFollowsANodeThroughRefineAndCoarsen() {
    NodeTrails trails;
    const RowMatrix start = rows({{0, 0}, {0.5, 0.5}, {1, 0}, {1, 1}});
    const SnapshotPtr initial = snapshotOf(Phase::Initial, start);
    QCOMPARE(trails.follow(initial), initial);
    RowMatrix polished = start;
    polished.row(1) << 0.55, 0.45;
    const SnapshotPtr first =
        trails.follow(snapshotOf(Phase::Polish, polished, {1}, rows({{0.5, 0.5}})));
    QCOMPARE(first->movedPaths.size(), size_t(1));
    QVERIFY(first->movedPaths[0] == rows({{0.5, 0.5}, {0.55, 0.45}}));
    // Refine appends a node; Coarsen removes node 0, so the moved node becomes node 0.
    RowMatrix refined(5, 2);
    refined << polished, rows({{0.25, 0.75}});
    const SnapshotPtr r = snapshotOf(Phase::Refine, refined);
    QCOMPARE(trails.follow(r), r);
    const RowMatrix coarsened = refined.bottomRows(4);
    trails.follow(snapshotOf(Phase::Coarsen, coarsened));
    RowMatrix again = coarsened;
    again.row(0) << 0.6, 0.42;
    const SnapshotPtr second =
        trails.follow(snapshotOf(Phase::Polish, again, {0}, rows({{0.55, 0.45}})));
    QVERIFY(second->movedPaths[0] == rows({{0.5, 0.5}, {0.55, 0.45}, {0.6, 0.42}}));
    // The snapshot itself is the engine's, with the paths added.
    QVERIFY(second->nodes == again);
    QCOMPARE(second->moved, std::vector<int>{0});
  }

  // Paths span the last steps() polish steps; nodes that vanish are forgotten; Initial restarts.
  void pathsAreBounded() {
    NodeTrails trails(2);
    RowMatrix nodes = rows({{0, 0}, {0.5, 0.5}, {1, 1}});
    trails.follow(snapshotOf(Phase::Initial, nodes));
    for (int step = 1; step <= 4; ++step) {
      const RowMatrix from = nodes.row(1);
      nodes(1, 0) += 0.01;
      const SnapshotPtr s = trails.follow(snapshotOf(Phase::Polish, nodes, {1}, from));
      const long expected = std::min(step, 2) + 1;
      QCOMPARE(s->movedPaths[0].rows(), expected);
      QVERIFY(s->movedPaths[0].bottomRows(1) == nodes.row(1));
      QCOMPARE(s->movedPaths[0](0, 0), 0.5 + 0.01 * (step - expected + 1));
    }
    QCOMPARE(trails.remembered(), 1);
    trails.follow(snapshotOf(Phase::Coarsen, rows({{0, 0}, {1, 1}})));  // the moved node went
    QCOMPARE(trails.remembered(), 0);
    trails.follow(snapshotOf(Phase::Initial, nodes));
    const RowMatrix from = nodes.row(1);
    nodes(1, 1) += 0.01;
    const SnapshotPtr s = trails.follow(snapshotOf(Phase::Polish, nodes, {1}, from));
    QCOMPARE(s->movedPaths[0].rows(), 2L);
  }

  // The engine's own 2D loop: a node moved in two consecutive polish steps has a 3-point path
  // equal to its three positions (the first step's movedFrom, then where each step left it).
  void engineNodesMovedTwiceHaveThreePoints() {
    const RowMatrix U = testutil::randomPoints(3000, 2, 21);
    RowMatrix Y(U.rows(), 1);
    for (long n = 0; n < U.rows(); ++n) Y(n, 0) = std::tanh(12 * (U(n, 0) + 0.7 * U(n, 1) - 0.8));
    Dataset data;
    data.X = U;
    data.Y = Y;
    data.inputNames = {"x1", "x2"};
    data.outputNames = {"y"};
    auto engine = makeEngine(data, nullptr, MrcOptions{.dof = 64, .iterations = 6});
    QVERIFY(engine->polishes());
    NodeTrails trails;
    trails.follow(engine->initialSnapshot());
    std::vector<SnapshotPtr> polishes;
    while (polishes.size() < 2 && !engine->converged()) {
      SnapshotPtr s = trails.follow(engine->step());
      if (s->phase == Phase::Polish && !s->moved.empty()) polishes.push_back(s);
    }
    QCOMPARE(polishes.size(), size_t(2));
    const Snapshot &a = *polishes[0], &b = *polishes[1];
    int twice = 0;
    for (size_t r = 0; r < b.moved.size(); ++r) {
      for (size_t q = 0; q < a.moved.size(); ++q) {
        if (a.nodes.row(a.moved[q]) != b.movedFrom.row(long(r))) continue;
        ++twice;
        const RowMatrix& path = b.movedPaths[r];
        QCOMPARE(path.rows(), 3L);
        QVERIFY(path.row(0) == a.movedFrom.row(long(q)));
        QVERIFY(path.row(1) == a.nodes.row(a.moved[q]));
        QVERIFY(path.row(2) == b.nodes.row(b.moved[r]));
      }
    }
    QVERIFY2(twice > 0, "no node moved in both polish steps");
    for (size_t r = 0; r < b.moved.size(); ++r)
      QVERIFY(b.movedPaths[r].bottomRows(1) == b.nodes.row(b.moved[r]));
  }
};

QTEST_APPLESS_MAIN(TestNodeTrails)
#include "test_node_trails.moc"
