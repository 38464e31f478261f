// The Connection view's figure, one painting for the screen and the exported file: the
// per-epoch loss and accuracy of base + connection against the base's line; the learned
// correction c_{j,., k} of a chosen component j and class k over z_j, with the mesh's nodes
// (and the last update's inserted and removed ones) over the histogram of z_j; the confusion
// matrix before and after.
#pragma once

#include <QPainter>
#include <QRectF>

#include <memory>
#include <vector>

#include "app/studio/connection_session.h"

namespace lreg::studio {

struct ConnectionPicture {
  std::shared_ptr<const ConnectionSet> data;     ///< null: nothing loaded
  std::shared_ptr<const ConnectionState> state;  ///< null: not trained
  std::vector<ConnectionEpoch> epochs;
  int planned = 0;
  int component = 0;    ///< j (clamped to the model's)
  int outputIndex = 0;  ///< k (clamped)

  static ConnectionPicture of(const ConnectionSession& session, int component, int output);
};

void paintConnectionFigure(QPainter& p, const QRectF& r, const ConnectionPicture& picture);

// The panels (connection_figure.cpp).
void paintEpochPanel(QPainter& p, const QRectF& r, const ConnectionPicture& picture);
void paintComponentPanel(QPainter& p, const QRectF& r, const ConnectionPicture& picture);
void paintConfusionPanel(QPainter& p, const QRectF& r, const ConfusionMatrix& m,
                         const QString& title);

}  // namespace lreg::studio
