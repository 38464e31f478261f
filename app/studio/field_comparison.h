// App. C.1 in the app (the paper's Figure A3): for a picked (alpha, beta), the field an LReg
// model predicts (2 inputs, m^2 outputs: the interior grid of the appc1 generator) beside the
// exact one, Newton's solution of the PDE on the same grid, as images on one colour scale.
#pragma once

#include <QPainter>
#include <QRectF>

#include <lreg/base/types.h>
#include <lreg/data/generators.h>
#include <lreg/model/model.h>

namespace lreg::studio {

struct FieldComparison {
  double alpha = 0, beta = 0;
  int grid = 0;             ///< m
  RowMatrix exact;          ///< m by m, row k is y = (k + 1) h
  RowMatrix predicted;      ///< m by m, the same layout (empty without a model)
  double maxError() const;  ///< largest |predicted - exact| (NaN without a prediction)
};

/// The grid side m of a model with m^2 outputs and 2 inputs; 0 when it cannot be an appc1 model.
int appc1Grid(const Model& model);

/// The exact field at (alpha, beta) on an m x m grid and, with `model` (appc1Grid(model) == m),
/// its prediction. Throws Error for m < 1 or a model of another shape.
FieldComparison compareField(double alpha, double beta, int m, const Model* model);

/// Exact | predicted | |error| images with a colour bar, titled with (alpha, beta).
void paintFieldComparison(QPainter& p, const QRectF& r, const FieldComparison& field);

}  // namespace lreg::studio
