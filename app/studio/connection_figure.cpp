#include "app/studio/connection_figure.h"

#include <QObject>

#include <algorithm>
#include <cmath>

#include "app/studio/painted_figure.h"

namespace lreg::studio {
namespace {

const QColor kBase(120, 120, 120), kConnected(31, 119, 180), kAccuracy(214, 110, 20),
    kHistogram(205, 215, 228), kInserted(44, 160, 44), kRemoved(214, 39, 40);

void message(QPainter& p, const QRectF& r, const QString& text) {
  p.save();
  p.setPen(QColor(110, 110, 110));
  p.drawText(r, Qt::AlignCenter | Qt::TextWordWrap, text);
  p.restore();
}

// One metric per epoch (epoch 0: the base) against the base's dashed line.
void paintSeries(QPainter& p, const QRectF& outer, const ConnectionPicture& pic, bool accuracy) {
  const ConnectionSet& set = *pic.data;
  const bool classes = set.classification();
  const QString loss = classes ? QObject::tr("cross-entropy") : QObject::tr("MSE");
  const QString on = set.val ? QObject::tr("validation") : QObject::tr("training");
  const double base = accuracy ? set.base.accuracy : set.base.loss;
  std::vector<double> values{base};
  for (const ConnectionEpoch& e : pic.epochs)
    values.push_back(accuracy ? e.score.accuracy : e.score.loss);
  QString title = QObject::tr("%1 %2: base %3")
                      .arg(on, accuracy ? QObject::tr("accuracy") : loss)
                      .arg(base, 0, 'f', 4);
  if (values.size() > 1)
    title +=
        QObject::tr(" → %1 after %2 epoch(s)").arg(values.back(), 0, 'f', 4).arg(values.size() - 1);
  const QRectF inner = plotFrame(p, outer, title);
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  double y0 = *lo, y1 = *hi;
  const double pad = std::max((y1 - y0) * 0.15, std::max(std::abs(y1), 1e-3) * 0.002);
  y0 -= pad, y1 += pad;
  const int last = std::max({pic.planned, int(pic.epochs.size()), 1});
  const PlotMap m{inner, 0, double(last), y0, y1};
  drawAxes(p, m, QString(), accuracy ? QObject::tr("accuracy") : loss, true);
  p.save();
  p.setClipRect(inner);
  p.setPen(QPen(kBase, 1.5, Qt::DashLine));
  p.drawLine(m(0, base), m(last, base));
  const QColor c = accuracy ? kAccuracy : kConnected;
  p.setPen(QPen(c, 2));
  QPolygonF line;
  for (size_t e = 0; e < values.size(); ++e) line << m(double(e), values[e]);
  p.drawPolyline(line);
  p.setBrush(c);
  for (const QPointF& q : line) p.drawEllipse(q, 3.5, 3.5);
  p.restore();
  // The legend below the axis, left of its label.
  p.save();
  const QRectF below(inner.left(), inner.bottom() + 18, inner.width(), 18);
  p.setPen(kBase);
  p.drawText(below, Qt::AlignLeft | Qt::AlignVCenter,
             QObject::tr("- - base   ── base + connection"));
  p.setPen(QColor(90, 90, 90));
  p.drawText(below, Qt::AlignRight | Qt::AlignVCenter, QObject::tr("epoch"));
  p.restore();
}

// Cell colour: white (none of the true class) to dark blue (all of it).
QColor cellColor(double share) {
  const double s = std::clamp(share, 0.0, 1.0);
  return QColor::fromRgbF(1 - 0.88 * s, 1 - 0.6 * s, 1 - 0.25 * s);
}

}  // namespace

ConnectionPicture ConnectionPicture::of(const ConnectionSession& s, int component, int output) {
  ConnectionPicture pic;
  pic.data = s.data();
  pic.state = s.state();
  pic.epochs = s.epochs();
  pic.planned = s.epochsPlanned();
  pic.component = component;
  pic.outputIndex = output;
  return pic;
}

void paintEpochPanel(QPainter& p, const QRectF& r, const ConnectionPicture& pic) {
  if (!pic.data->classification()) {
    paintSeries(p, r, pic, false);
    return;
  }
  paintSeries(p, QRectF(r.left(), r.top(), r.width(), r.height() * 0.5), pic, false);
  paintSeries(p, QRectF(r.left(), r.top() + r.height() * 0.5, r.width(), r.height() * 0.5), pic,
              true);
}

void paintComponentPanel(QPainter& p, const QRectF& r, const ConnectionPicture& pic) {
  const ConnectionModel& model = pic.state->model;
  const int j = std::clamp(pic.component, 0, model.components() - 1);
  const int k = std::clamp(pic.outputIndex, 0, model.outputs() - 1);
  const int n = model.dof();
  const QRectF inner = plotFrame(
      p, r,
      QObject::tr("correction c_{j,·,k} over z_j: component j = %1, class k = %2, epoch %3")
          .arg(j + 1)
          .arg(k)
          .arg(pic.state->epoch));
  std::vector<double> c(static_cast<size_t>(n));
  double extent = 1e-3;
  for (int i = 0; i < n; ++i) {
    c[size_t(i)] = model.coefficients(j * n + i, k);
    extent = std::max(extent, std::abs(c[size_t(i)]));
  }
  extent *= 1.15;
  const PlotMap m{inner, 0, 1, -extent, extent};
  // The histogram of z_j behind, scaled to the panel's height.
  const std::vector<long>& h = pic.state->histograms[size_t(j)];
  const long peak = std::max(1L, *std::max_element(h.begin(), h.end()));
  p.save();
  p.setPen(Qt::NoPen);
  p.setBrush(kHistogram);
  for (size_t b = 0; b < h.size(); ++b) {
    const double x0 = double(b) / double(h.size()), x1 = double(b + 1) / double(h.size());
    const QPointF top = m(x0, -extent + 2 * extent * double(h[b]) / double(peak) * 0.9);
    p.drawRect(QRectF(top, m(x1, -extent)));
  }
  p.restore();
  drawAxes(p, m, QObject::tr("z_j (histogram of the training samples behind)"),
           QObject::tr("c_{j,i,k}"));
  p.save();
  p.setClipRect(inner.adjusted(-6, -6, 6, 6));
  p.setPen(QPen(kBase, 1, Qt::DotLine));
  p.drawLine(m(0, 0), m(1, 0));
  const Mesh1D& mesh = model.meshes[size_t(j)];
  QPolygonF curve;
  for (int i = 0; i < n; ++i) curve << m(mesh.node(i), c[size_t(i)]);
  p.setPen(QPen(kConnected, 2));
  p.drawPolyline(curve);
  p.setBrush(kConnected);
  for (const QPointF& q : curve) p.drawEllipse(q, 4, 4);
  // The last mesh update: inserted midpoints (green) and nodes coarsened away (red), on the axis.
  if (size_t(j) < pic.state->meshUpdate.size()) {
    const ComponentMeshUpdate& u = pic.state->meshUpdate[size_t(j)];
    p.setPen(QPen(kInserted, 2));
    for (int i : u.inserted) {
      const QPointF a = m(u.fine[size_t(i)], -extent);
      p.drawLine(a, a - QPointF(0, 10));
    }
    p.setPen(QPen(kRemoved, 2));
    for (int i : u.removed) {
      const QPointF a = m(u.fine[size_t(i)], -extent) - QPointF(0, 14);
      p.drawLine(a + QPointF(-4, -4), a + QPointF(4, 4));
      p.drawLine(a + QPointF(-4, 4), a + QPointF(4, -4));
    }
  }
  p.restore();
  p.save();
  p.setPen(kBase);
  p.drawText(inner.adjusted(6, 2, -6, -2), Qt::AlignTop | Qt::AlignLeft,
             QObject::tr("● %1 nodes   | inserted   × removed (last MRC update)").arg(n));
  p.restore();
}

void paintConfusionPanel(QPainter& p, const QRectF& r, const ConfusionMatrix& m,
                         const QString& title) {
  const QRectF inner = plotFrame(p, r, title);
  const int C = m.classes;
  if (C == 0) return;
  const double cell = std::min(inner.width(), inner.height()) / C;
  const QRectF grid(inner.center().x() - cell * C / 2, inner.top(), cell * C, cell * C);
  p.save();
  QFont f = p.font();
  f.setPointSizeF(std::clamp(cell * 0.28, 5.0, f.pointSizeF()));
  p.setFont(f);
  for (int t = 0; t < C; ++t) {
    long row = 0;
    for (int q = 0; q < C; ++q) row += m.at(t, q);
    for (int q = 0; q < C; ++q) {
      const QRectF box(grid.left() + q * cell, grid.top() + t * cell, cell, cell);
      const double share = row ? double(m.at(t, q)) / double(row) : 0;
      p.fillRect(box, cellColor(share));
      p.setPen(share > 0.5 ? Qt::white : Qt::black);
      if (cell >= 16) p.drawText(box, Qt::AlignCenter, QString::number(m.at(t, q)));
    }
    p.setPen(Qt::black);
    p.drawText(QRectF(grid.left() - 24, grid.top() + t * cell, 20, cell),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(t));
    p.drawText(QRectF(grid.left() + t * cell, grid.bottom() + 2, cell, 14), Qt::AlignCenter,
               QString::number(t));
  }
  p.setPen(QColor(90, 90, 90));
  p.drawRect(grid);
  p.drawText(QRectF(grid.left(), grid.bottom() + 16, grid.width(), 16), Qt::AlignCenter,
             QObject::tr("predicted class (rows: true class)"));
  p.restore();
}

void paintConnectionFigure(QPainter& p, const QRectF& r, const ConnectionPicture& pic) {
  if (!pic.data) {
    message(p, r,
            QObject::tr("No data: open the frozen model's features, outputs and labels "
                        "(.npy), or the Fashion-MNIST demo."));
    return;
  }
  const double w = r.width() / 2, h = r.height() / 2;
  const QRectF topLeft(r.left(), r.top(), w, h), topRight(r.left() + w, r.top(), w, h),
      bottomLeft(r.left(), r.top() + h, w, h), bottomRight(r.left() + w, r.top() + h, w, h);
  paintEpochPanel(p, topLeft, pic);
  if (pic.state)
    paintComponentPanel(p, topRight, pic);
  else
    message(p, topRight, QObject::tr("Train the connection to see its components."));
  const ConnectionSet& set = *pic.data;
  if (!set.classification()) {
    message(p, QRectF(r.left(), r.top() + h, r.width(), h),
            QObject::tr("Regression: no confusion matrix (MSE per epoch above)."));
    return;
  }
  const QString on = set.val ? QObject::tr("validation") : QObject::tr("training");
  const auto accuracy = [](const ConfusionMatrix& m) {
    return m.total() ? double(m.correct()) / double(m.total()) : 0.0;
  };
  paintConfusionPanel(p, bottomLeft, set.before,
                      QObject::tr("before: the base on %1 (accuracy %2)")
                          .arg(on)
                          .arg(accuracy(set.before), 0, 'f', 4));
  if (pic.state && !pic.epochs.empty())
    paintConfusionPanel(p, bottomRight, pic.state->after,
                        QObject::tr("after: base + connection, epoch %1 (accuracy %2)")
                            .arg(pic.state->epoch)
                            .arg(accuracy(pic.state->after), 0, 'f', 4));
  else
    message(p, bottomRight, QObject::tr("After training: the confusion of base + connection."));
}

}  // namespace lreg::studio
