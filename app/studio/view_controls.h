// The 2D/3D view's toolbar above the plot: colour by value or residual, which output component,
// the wireframe, the top-down heat map and the polish trails (2D), the clipping plane's axis and
// position (3D). Hidden for 1D data, where the plot has no such choices.
#pragma once

#include <QWidget>

#include <string>
#include <vector>

#include "render/field_view_options.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace lreg::studio {

class ViewControls : public QWidget {
  Q_OBJECT

 public:
  explicit ViewControls(QWidget* parent = nullptr);

  /// Shows the controls that apply to `dim` inputs (none for 1D) and lists the outputs.
  void configure(int dim, const std::vector<std::string>& inputNames,
                 const std::vector<std::string>& outputNames);
  render::FieldViewOptions options() const { return options_; }
  /// Sets the controls (without emitting optionsChanged).
  void setOptions(const render::FieldViewOptions& options);

 signals:
  void optionsChanged(const lreg::render::FieldViewOptions& options);

 private:
  void readControls();  // controls -> options_, then emit

  render::FieldViewOptions options_;
  QComboBox* colorBy_;
  QComboBox* output_;
  QLabel* outputLabel_;
  QCheckBox* wireframe_;
  QCheckBox* heatMap_;
  QCheckBox* trails_;
  QLabel* clipLabel_;
  QComboBox* clipAxis_;
  QSlider* clipPosition_;
};

}  // namespace lreg::studio
