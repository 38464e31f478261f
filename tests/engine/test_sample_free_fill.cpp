// What the 1D least-squares fit puts at nodes no sample touches (1d/least_squares1d.h): the
// stabiliser's fill. Where nodes are unevenly spaced inside a data gap (a random gap on a front's
// flank, nodes crowded between samples), the fill must continue the line the data on both sides
// agree on, not the index-based second difference that bends it with the spacing.
#include <QtTest>

#include <cmath>

#include <lreg/base/random.h>
#include "1d/least_squares1d.h"
#include "1d/leave_one_out1d.h"

using namespace lreg;
using namespace lreg::detail;

namespace {

double line(double x, int k) {
  return 2.0 - 3.0 * x + 0.5 * k;
}

// n random samples of two lines (one per output) on [0, 1] without any in (gapLo, gapHi).
Samples1D lineWithGap(int n, double gapLo, double gapHi) {
  Random r(7);
  RowMatrix X(n, 1), Y(n, 2);
  for (int i = 0; i < n; ++i) {
    double x = r.uniform();
    while (x > gapLo && x < gapHi) x = r.uniform();
    X(i, 0) = x;
    for (int k = 0; k < 2; ++k) Y(i, k) = line(x, k);
  }
  return Samples1D::sorted(X, Y, 0.0, 1.0);
}

// Evenly spaced nodes outside the gap, unevenly spaced ones inside it.
Mesh1D unevenThroughGap() {
  std::vector<double> p;
  for (int i = 0; i <= 8; ++i) p.push_back(0.05 * i);  // 0 ... 0.4
  for (double x : {0.401, 0.404, 0.47, 0.59, 0.598}) p.push_back(x);
  for (int i = 0; i <= 8; ++i) p.push_back(0.6 + 0.05 * i);  // 0.6 ... 1
  return Mesh1D(p);
}

}  // namespace

class TestSampleFreeFill : public QObject {
  Q_OBJECT
 private slots:
  // Every node of a line's fit lies on the line, the gap's unevenly spaced sample-free ones too
  // (to rounding: the data fix the held nodes exactly, and a line has no chord deviation).
  void lineContinuesAcrossAnUnevenGap() {
    const Samples1D s = lineWithGap(600, 0.4, 0.6);
    const Mesh1D mesh = unevenThroughGap();
    const std::vector<long> start = s.intervalStarts(mesh);
    int free = 0;
    for (int j = 0; j < mesh.intervals(); ++j) free += start[size_t(j) + 1] == start[size_t(j)];
    QVERIFY2(free >= 5, "the mesh must hold sample-free intervals in the gap");
    const RowMatrix c = fitLeastSquares1D(mesh, s, start);
    double worst = 0;
    for (int i = 0; i < mesh.size(); ++i)
      for (int k = 0; k < 2; ++k)
        worst = std::max(worst, std::abs(c(i, k) - line(mesh.node(i), k)));
    // The lines' range is 3: a millionth of it is far above rounding, far below what the
    // index-based fill leaves at these nodes (a bend of about a tenth of the range).
    QVERIFY2(worst < 3e-6, qPrintable(QString("worst node off the line: %1").arg(worst)));
  }

  // The leave-one-out solve uses the same fill: a sample of the line left out is predicted on
  // the line, so the LOO energy of exact linear data is rounding.
  void leaveOneOutOfALineAcrossAnUnevenGapIsZero() {
    const Samples1D s = lineWithGap(600, 0.4, 0.6);
    const Mesh1D mesh = unevenThroughGap();
    const std::vector<long> start = s.intervalStarts(mesh);
    const Moments1D m = Moments1D::compute(mesh, s, start);
    const RowMatrix c = solveLeastSquares1D(mesh, m, 0.0);
    const LeaveOneOut1D loo = leaveOneOut1D(mesh, s, start, m, c, 0.0);
    QVERIFY2(loo.energy < 1e-12 * double(s.size()), qPrintable(QString::number(loo.energy)));
  }
};

QTEST_APPLESS_MAIN(TestSampleFreeFill)
#include "test_sample_free_fill.moc"
