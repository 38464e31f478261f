#include "app/studio/field_comparison.h"

#include <QImage>
#include <QObject>

#include <cmath>
#include <limits>
#include <map>
#include <mutex>

#include <lreg/base/error.h>
#include "app/studio/painted_figure.h"

namespace lreg::studio {
namespace {

// The generator's noise-free function for grid m (made once per m; a solve per call).
const TruthFunction& appc1Truth(int m) {
  static std::mutex mutex;
  static std::map<int, TruthFunction> truths;
  std::lock_guard lock(mutex);
  auto it = truths.find(m);
  if (it == truths.end()) {
    GeneratorOptions o;
    o.trainSize = 1;
    o.testSize = 1;
    o.noiseScale = 0;
    o.grid = m;
    it = truths.emplace(m, generate("appc1", 1, o).truth).first;
  }
  return it->second;
}

RowMatrix square(const RowMatrix& row, int m) {
  RowMatrix f(m, m);
  for (int k = 0; k < m; ++k)
    for (int i = 0; i < m; ++i) f(k, i) = row(0, k * m + i);
  return f;
}

// Viridis-like ramp from dark blue through green to yellow.
QColor ramp(double t) {
  t = std::clamp(t, 0.0, 1.0);
  static const QColor stops[] = {QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140),
                                 QColor(94, 201, 98), QColor(253, 231, 37)};
  const double s = t * 4;
  const int i = std::min(3, int(s));
  const double f = s - i;
  const QColor &a = stops[i], &b = stops[i + 1];
  return QColor::fromRgbF(a.redF() + f * (b.redF() - a.redF()),
                          a.greenF() + f * (b.greenF() - a.greenF()),
                          a.blueF() + f * (b.blueF() - a.blueF()));
}

QImage fieldImage(const RowMatrix& f, double lo, double hi) {
  const int m = int(f.rows());
  QImage image(m, m, QImage::Format_RGB32);
  for (int k = 0; k < m; ++k)
    for (int i = 0; i < m; ++i)  // y up: row k = 0 (smallest y) at the bottom
      image.setPixelColor(i, m - 1 - k, ramp(hi > lo ? (f(k, i) - lo) / (hi - lo) : 0.5));
  return image;
}

void paintField(QPainter& p, const QRectF& box, const QImage& image, const QString& title) {
  p.setPen(Qt::black);
  p.drawText(QRectF(box.left(), box.top() - 20, box.width(), 18), Qt::AlignCenter, title);
  p.drawImage(box, image);  // nearest pixels: each grid value is one square
  p.setPen(QColor(90, 90, 90));
  p.drawRect(box);
}

void colourBar(QPainter& p, const QRectF& bar, double lo, double hi) {
  for (int y = 0; y < int(bar.height()); ++y)
    p.fillRect(QRectF(bar.left(), bar.bottom() - y - 1, bar.width(), 1),
               ramp(double(y) / bar.height()));
  p.setPen(QColor(90, 90, 90));
  p.drawRect(bar);
  for (double t : niceTicks(lo, hi, 4)) {
    const double y = bar.bottom() - (t - lo) / (hi - lo) * bar.height();
    p.drawText(QRectF(bar.right() + 4, y - 8, 70, 16), Qt::AlignLeft | Qt::AlignVCenter,
               QString::number(t, 'g', 4));
  }
}

}  // namespace

double FieldComparison::maxError() const {
  if (predicted.size() == 0) return std::numeric_limits<double>::quiet_NaN();
  return (predicted - exact).cwiseAbs().maxCoeff();
}

int appc1Grid(const Model& model) {
  if (model.dim != 2) return 0;
  const int m = int(std::lround(std::sqrt(double(model.outputs))));
  return m * m == model.outputs ? m : 0;
}

FieldComparison compareField(double alpha, double beta, int m, const Model* model) {
  if (m < 1 || m > 100)
    throw Error("App. C.1 field: grid side must be 1 to 100, not " + std::to_string(m));
  if (model && appc1Grid(*model) != m)
    throw Error("App. C.1 field: the model has " + std::to_string(model->dim) + " inputs and " +
                std::to_string(model->outputs) + " outputs, not 2 and " + std::to_string(m * m));
  FieldComparison f;
  f.alpha = alpha;
  f.beta = beta;
  f.grid = m;
  const double x[2] = {alpha, beta};
  RowMatrix row(1, m * m);
  appc1Truth(m)(x, row.data());
  f.exact = square(row, m);
  if (model) {
    RowMatrix X(1, 2);
    X << alpha, beta;
    f.predicted = square(model->predict(X), m);
  }
  return f;
}

void paintFieldComparison(QPainter& p, const QRectF& r, const FieldComparison& f) {
  p.save();
  const bool both = f.predicted.size() > 0;
  double lo = f.exact.minCoeff(), hi = f.exact.maxCoeff();
  if (both) lo = std::min(lo, f.predicted.minCoeff()), hi = std::max(hi, f.predicted.maxCoeff());
  if (!(hi > lo)) hi = lo + 1e-9;
  QFont bold = p.font();
  bold.setBold(true);
  p.setFont(bold);
  QString title = QObject::tr("App. C.1: u on the %1 × %1 interior grid at α = %2, β = %3")
                      .arg(f.grid)
                      .arg(f.alpha, 0, 'f', 3)
                      .arg(f.beta, 0, 'f', 3);
  if (both) title += QObject::tr(" · max |error| %1").arg(f.maxError(), 0, 'g', 3);
  p.drawText(QRectF(r.left(), r.top() + 4, r.width(), 20), Qt::AlignCenter, title);
  p.setFont(QFont(bold.family(), bold.pointSize()));
  const int panels = both ? 3 : 1;
  const double side = std::max(20.0, std::min(r.height() - 80, (r.width() - 130) / panels - 24));
  double x = r.left() + (r.width() - panels * (side + 24) - 100) / 2;
  const double y = r.top() + 56;
  paintField(p, QRectF(x, y, side, side), fieldImage(f.exact, lo, hi),
             QObject::tr("exact (Newton, finite differences)"));
  if (both) {
    x += side + 24;
    paintField(p, QRectF(x, y, side, side), fieldImage(f.predicted, lo, hi),
               QObject::tr("LReg prediction"));
    x += side + 24;
    const RowMatrix err = (f.predicted - f.exact).cwiseAbs();
    const double e = std::max(err.maxCoeff(), 1e-300);
    paintField(p, QRectF(x, y, side, side), fieldImage(err, 0, e),
               QObject::tr("|error| (0 to %1)").arg(e, 0, 'g', 3));
  }
  colourBar(p, QRectF(x + side + 24, y, 18, side), lo, hi);
  if (!both) {
    p.setPen(QColor(110, 110, 110));
    p.drawText(QRectF(r.left(), y + side + 8, r.width(), 40), Qt::AlignCenter | Qt::TextWordWrap,
               QObject::tr("Fit the appc1 data set (or open an appc1 model) to see the "
                           "prediction beside it."));
  }
  p.restore();
}

}  // namespace lreg::studio
