// The model panel: node budget D, top-k, fit method, indicator, λ, learning rate, iteration
// budget and seed. Every committed change emits optionsEdited(); the main window decides
// whether it may apply it (asking first when a trained model would be lost) or rolls it back.
#pragma once

#include <QGroupBox>

#include <lreg/engine/mrc_options.h>
#include "app/studio/studio_metatypes.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace lreg::studio {

class ModelPanel : public QGroupBox {
  Q_OBJECT

 public:
  explicit ModelPanel(QWidget* parent = nullptr);

  /// The options the controls show (everything else keeps its default).
  MrcOptions options() const;
  /// Shows `options` without emitting optionsEdited().
  void setOptions(const MrcOptions& options);

 signals:
  void optionsEdited();

 private:
  void updateEnabled();

  QSpinBox* dof_;
  QSpinBox* topK_;
  QComboBox* fit_;
  QComboBox* indicator_;
  QDoubleSpinBox* lambda_;
  QDoubleSpinBox* learningRate_;
  QSpinBox* iterations_;
  QSpinBox* seed_;
  QLabel* lambdaLabel_;
  MrcOptions base_;  // defaults of the fields the panel doesn't show
};

}  // namespace lreg::studio
