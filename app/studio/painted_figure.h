// Figures drawn with QPainter (the Connection and App. C.1 views): the same painting on the
// screen and in the exported file (PNG, SVG or PDF by extension, written atomically), and the
// small pieces of a plot they share (axes with round ticks, a frame with a title).
#pragma once

#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>
#include <vector>

class QImage;
class QPainter;

namespace lreg::studio {

using Painting = std::function<void(QPainter&, const QRectF&)>;

/// `paint` on a white image of `size` pixels.
QImage paintedImage(const Painting& paint, QSize size);
/// Writes `paint` at `size` to `path` (.png, .svg or .pdf). Throws Error naming the path.
void exportPainted(const Painting& paint, const QString& path, QSize size, const QString& title);

/// About `count` round values covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi, int count = 5);

/// A plot frame in `outer`: the title above, room for tick labels left and below; returns the
/// inner (data) rectangle.
QRectF plotFrame(QPainter& p, const QRectF& outer, const QString& title);
/// Maps data (x, y) in [x0, x1] x [y0, y1] to `r` (y up).
struct PlotMap {
  QRectF r;
  double x0, x1, y0, y1;
  QPointF operator()(double x, double y) const;
};
/// Ticks and labels on the left and bottom of the map's rectangle (`wholeX`: whole-number x
/// ticks only, e.g. epochs).
void drawAxes(QPainter& p, const PlotMap& m, const QString& xLabel, const QString& yLabel,
              bool wholeX = false);

}  // namespace lreg::studio
