// A named line series with its pen: the one way the app's charts (loss, MLP, scaling) make them.
#pragma once

#include <QColor>
#include <QString>

class QLineSeries;

namespace lreg::studio {

QLineSeries* makeLineSeries(const QString& name, QColor color, Qt::PenStyle style, double width);

}  // namespace lreg::studio
