#include "app/studio/chart_series.h"

#include <QLineSeries>
#include <QPen>

namespace lreg::studio {

QLineSeries* makeLineSeries(const QString& name, QColor color, Qt::PenStyle style, double width) {
  auto* s = new QLineSeries;
  s->setName(name);
  QPen pen(color);
  pen.setStyle(style);
  pen.setWidthF(width);
  s->setPen(pen);
  return s;
}

}  // namespace lreg::studio
