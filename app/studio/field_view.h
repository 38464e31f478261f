// The App. C.1 view's widgets: sliders pick (alpha, beta); the exact field and the shown
// model's prediction (field_comparison.h) are drawn side by side, and exported as a figure.
#pragma once

#include <QWidget>

#include "app/studio/field_comparison.h"
#include "app/studio/studio_types.h"

class QLabel;
class QSlider;

namespace lreg::studio {

class FieldView : public QWidget {
  Q_OBJECT

 public:
  explicit FieldView(QWidget* parent = nullptr);

  /// The model to compare (null, or one that is not an appc1 model: the exact field alone).
  void setModel(ModelPtr model);
  ModelPtr model() const { return model_; }
  void setParameters(double alpha, double beta);
  double alpha() const;
  double beta() const;
  /// What is drawn now (computed on the fly: one Newton solve and one prediction).
  const FieldComparison& comparison() const { return field_; }
  /// The figure at `size` (.png, .svg or .pdf). Throws Error naming the file.
  void exportFigure(const QString& path, QSize size) const;

 signals:
  void errorReported(const QString& title, const QString& message);

 private:
  void recompute();
  void exportFigureDialog();

  ModelPtr model_;
  FieldComparison field_;
  QSlider *alpha_, *beta_;
  QLabel* note_;
  QWidget* canvas_;
};

}  // namespace lreg::studio
