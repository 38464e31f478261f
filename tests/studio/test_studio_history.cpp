// The run's history: the bounded snapshot store (budget, thinning, order, first and latest
// kept), the slider showing an older snapshot (the same picture as that snapshot's own frame),
// new snapshots not moving a scrubbed slider, Play walking to the end, and the animation's
// numbered frames.
#include <QDir>
#include <QSlider>
#include <QTemporaryDir>

#include <lreg/base/error.h>
#include "app/studio/animation_export.h"
#include "app/studio/history_bar.h"
#include "app/studio/snapshot_history.h"
#include "studio_fixture.h"

using lreg::Phase;
using lreg::Snapshot;
using lreg::SnapshotPtr;
using lreg::studio::SnapshotHistory;
using namespace studio_test;

namespace {

SnapshotPtr fakeSnapshot(int index, int nodes) {
  auto s = std::make_shared<Snapshot>();
  s->iteration = index;
  s->nodes = lreg::RowMatrix::Zero(nodes, 1);
  s->coefficients = lreg::RowMatrix::Zero(nodes, 1);
  s->counts = lreg::Vector::Zero(nodes - 1);
  return s;
}

// Sequences strictly increase (order kept) and the entries are the snapshots added as such.
bool ordered(const SnapshotHistory& h) {
  for (int i = 1; i < h.size(); ++i) {
    if (h.sequence(i) <= h.sequence(i - 1)) return false;
    if (h.at(i)->iteration != int(h.sequence(i))) return false;
  }
  return true;
}

}  // namespace

class TestStudioHistory : public QObject {
  Q_OBJECT

  std::unique_ptr<MainWindow> window_;  // C, two fits: about a dozen snapshots

 private slots:
  void storeStaysWithinItsMemoryBudget() {
    const std::size_t one = SnapshotHistory::estimateBytes(*fakeSnapshot(0, 200));
    QVERIFY(one > 200 * 2 * sizeof(double));  // nodes and coefficients at least
    SnapshotHistory h({40 * one, 100000});
    for (int i = 0; i < 1000; ++i) {
      h.add(fakeSnapshot(i, 200));
      QVERIFY(h.bytes() <= 40 * one);
    }
    QVERIFY(h.thinnings() > 0);
    QVERIFY(h.size() >= 20);  // thinning halves the older half, never more
    QCOMPARE(h.at(0)->iteration, 0);
    QCOMPARE(h.latest()->iteration, 999);
    QVERIFY(ordered(h));
    // The recent past stays dense: the newest entries are consecutive.
    QCOMPARE(h.sequence(h.size() - 1) - h.sequence(h.size() - 5), std::uint64_t(4));
    // The distant past was thinned.
    QVERIFY(h.sequence(1) > 1);
  }

  void storeStaysWithinItsCount() {
    SnapshotHistory h({std::size_t(1) << 40, 64});
    for (int i = 0; i < 5000; ++i) h.add(fakeSnapshot(i, 8));
    QVERIFY(h.size() <= 64);
    QVERIFY(h.size() >= 32);
    QCOMPARE(h.at(0)->iteration, 0);
    QCOMPARE(h.latest()->iteration, 4999);
    QVERIFY(ordered(h));
    // A thinned-away snapshot's position lands on the nearest older one kept.
    const std::uint64_t gone = h.sequence(1) - 1;
    QCOMPARE(h.indexAtOrBefore(gone), 0);
    QCOMPARE(h.indexAtOrBefore(h.sequence(3)), 3);
    QCOMPARE(h.indexAtOrBefore(99999), h.size() - 1);
    h.clear();
    QVERIFY(h.empty());
    QCOMPARE(h.bytes(), std::size_t(0));
  }

  void initTestCase() {
    window_ = openWindow("C", 2000, QSize(1100, 720));
    QVERIFY(window_);
    window_->session()->run(2);
    QVERIFY(waitShown(
        *window_, [](const Snapshot& s) { return s.phase == Phase::Train && s.iteration == 2; }));
  }
  void cleanupTestCase() { window_.reset(); }

  void everySnapshotIsKept() {
    const SnapshotHistory& h = window_->session()->snapshots();
    // Initial, the first fit, then five sub-steps per iteration.
    QCOMPARE(h.size(), 1 + 1 + 2 * 5);
    QCOMPARE(h.at(0)->phase, Phase::Initial);
    QVERIFY(h.latest() == window_->session()->latestSnapshot());
    QVERIFY(window_->historyBar()->isLive());
    QCOMPARE(window_->historyBar()->slider()->maximum(), h.size() - 1);
  }

  void sliderShowsAnOlderSnapshot() {
    auto* bar = window_->historyBar();
    const SnapshotHistory& h = window_->session()->snapshots();
    const QString livePng = outputPath("history_live.png");
    window_->saveFigure(livePng, QSize(800, 500));

    bar->slider()->setValue(3);  // as a user's drag does
    QVERIFY(!bar->isLive());
    window_->presentNow();
    QVERIFY(window_->shownSnapshot() == h.at(3));
    QVERIFY(window_->shownSnapshot() != window_->session()->latestSnapshot());
    const QString olderPng = outputPath("history_older.png");
    window_->saveFigure(olderPng, QSize(800, 500));
    const QImage older(olderPng), live(livePng);
    QVERIFY(differingPixels(older, live) > 500);

    // The picture is that snapshot's own: the animation frame of index 3 is identical.
    QTemporaryDir dir;
    lreg::studio::AnimationRequest request;
    request.folder = dir.path();
    request.size = QSize(800, 500);
    QCOMPARE(window_->saveAnimation(request), h.size());
    QCOMPARE(differingPixels(QImage(dir.filePath(lreg::studio::frameName(3))), older), 0L);
    // After the export the view still shows the selected snapshot.
    QVERIFY(window_->shownSnapshot() == h.at(3));
  }

  void newSnapshotsDoNotMoveAScrubbedSlider() {
    auto* bar = window_->historyBar();
    bar->select(1);
    const SnapshotPtr selected = window_->session()->snapshots().at(1);
    const int before = window_->session()->snapshots().size();
    emit window_->session()->requestStep();  // the worker runs; the slider stays
    QTRY_VERIFY_WITH_TIMEOUT(window_->session()->snapshots().size() == before + 5, 30000);
    QTRY_VERIFY(!window_->session()->isRunning());
    window_->presentNow();
    QVERIFY(!bar->isLive());
    QCOMPARE(bar->selectedIndex(), 1);
    QVERIFY(window_->shownSnapshot() == selected);
    QCOMPARE(bar->slider()->maximum(), before + 4);
  }

  void playWalksToTheEnd() {
    auto* bar = window_->historyBar();
    bar->select(0);
    QList<int> seen;
    connect(bar, &lreg::studio::HistoryBar::selectionChanged, this,
            [&] { seen.append(bar->selectedIndex()); });
    bar->play();
    QVERIFY(bar->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isPlaying(), 20000);
    QVERIFY(bar->isLive());
    QCOMPARE(seen.size(), window_->session()->snapshots().size() - 1);  // every snapshot, in order
    for (int i = 0; i < seen.size(); ++i) QCOMPARE(seen[i], i + 1);
    window_->presentNow();
    QVERIFY(window_->shownSnapshot() == window_->session()->latestSnapshot());
    disconnect(bar, nullptr, this, nullptr);
  }

  void animationFramesAreNumberedAndDiffer() {
    QTemporaryDir dir;
    lreg::studio::AnimationRequest request;
    request.folder = dir.path();
    request.size = QSize(640, 400);
    const int n = window_->saveAnimation(request);
    QCOMPARE(n, window_->session()->snapshots().size());
    const QStringList frames = QDir(dir.path()).entryList({"frame_*.png"}, QDir::Files);
    QCOMPARE(frames.size(), n);
    QCOMPARE(frames.first(), QString("frame_0000.png"));
    QCOMPARE(frames.last(), lreg::studio::frameName(n - 1));
    const QImage first(dir.filePath(frames.first())), last(dir.filePath(frames.last()));
    QCOMPARE(first.size(), QSize(640, 400));
    QVERIFY(differingPixels(first, last) > 500);  // the initial mesh vs the latest fit
    QVERIFY(first.save(outputPath("animation_first.png")));
    QVERIFY(last.save(outputPath("animation_last.png")));
    // Frames of two exports never mix, and a cancel stops early.
    QVERIFY_THROWS_EXCEPTION(lreg::Error, window_->saveAnimation(request));
    QTemporaryDir other;
    request.folder = other.path();
    QCOMPARE(window_->saveAnimation(request, [](int done, int) { return done < 3; }), 3);
  }
};

STUDIO_TEST_MAIN(TestStudioHistory)
#include "test_studio_history.moc"
