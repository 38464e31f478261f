#include "app/studio/painted_figure.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include "app/studio/exports.h"

namespace lreg::studio {

QImage paintedImage(const Painting& paint, QSize size) {
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  paint(p, QRectF(QPointF(0, 0), QSizeF(size)));
  return image;
}

void exportPainted(const Painting& paint, const QString& path, QSize size, const QString& title) {
  const std::string where = path.toStdString();
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == "png") {
    writeImage(paintedImage(paint, size), path);
    return;
  }
  if (suffix != "svg" && suffix != "pdf")
    throw Error(where + ": figures are written as .png, .svg or .pdf");
  replaceFileAtomically(where, [&](const std::string& temporary) {
    const QString file = QString::fromStdString(temporary);
    QPainter p;
    QSvgGenerator svg;
    QPdfWriter pdf(suffix == "pdf" ? file : QString());
    bool begun = false;
    if (suffix == "svg") {
      svg.setFileName(file);
      svg.setSize(size);
      svg.setViewBox(QRect(QPoint(0, 0), size));
      svg.setTitle(title);
      begun = p.begin(&svg);
    } else {
      pdf.setTitle(title);
      pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setResolution(72);
      begun = p.begin(&pdf);
    }
    if (!begun) throw Error(where + ": cannot write the figure");
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
    paint(p, QRectF(QPointF(0, 0), QSizeF(size)));
    p.end();
  });
}

std::vector<double> niceTicks(double lo, double hi, int count) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double raw = (hi - lo) / std::max(1, count);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (f * mag >= raw) {
      step = f * mag;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step)
    ticks.push_back(std::abs(t) < 1e-12 * step ? 0.0 : t);
  return ticks;
}

QRectF plotFrame(QPainter& p, const QRectF& outer, const QString& title) {
  p.save();
  QFont f = p.font();
  f.setBold(true);
  p.setFont(f);
  p.setPen(Qt::black);
  const QRectF titleRect(outer.left(), outer.top(), outer.width(), 22);
  // A long title in a narrow panel loses its end, not its start.
  p.drawText(titleRect, Qt::AlignCenter,
             QFontMetricsF(f).elidedText(title, Qt::ElideRight, titleRect.width() - 4));
  p.restore();
  return outer.adjusted(76, 26, -14, -40);
}

QPointF PlotMap::operator()(double x, double y) const {
  const double u = x1 > x0 ? (x - x0) / (x1 - x0) : 0.5;
  const double v = y1 > y0 ? (y - y0) / (y1 - y0) : 0.5;
  return {r.left() + u * r.width(), r.bottom() - v * r.height()};
}

void drawAxes(QPainter& p, const PlotMap& m, const QString& xLabel, const QString& yLabel,
              bool wholeX) {
  p.save();
  p.setPen(QPen(QColor(90, 90, 90), 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(m.r);
  const QFontMetricsF fm(p.font());
  for (double t : niceTicks(m.x0, m.x1)) {
    if (wholeX && t != std::floor(t)) continue;
    const QPointF a = m(t, m.y0);
    p.drawLine(a, a + QPointF(0, 4));
    const QString s = QString::number(t, 'g', 4);
    p.drawText(QRectF(a.x() - 40, a.y() + 5, 80, fm.height()), Qt::AlignHCenter, s);
  }
  for (double t : niceTicks(m.y0, m.y1)) {
    const QPointF a = m(m.x0, t);
    p.drawLine(a, a - QPointF(4, 0));
    const QString s = QString::number(t, 'g', 4);
    p.drawText(QRectF(a.x() - 58, a.y() - fm.height() / 2, 52, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, s);
  }
  p.drawText(QRectF(m.r.left(), m.r.bottom() + 4 + fm.height(), m.r.width(), fm.height()),
             Qt::AlignHCenter, xLabel);
  p.translate(m.r.left() - 62, m.r.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-m.r.height() / 2, -fm.height(), m.r.height(), fm.height()), Qt::AlignCenter,
             yLabel);
  p.restore();
}

}  // namespace lreg::studio
