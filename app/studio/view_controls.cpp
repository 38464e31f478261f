#include "app/studio/view_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <cmath>

namespace lreg::studio {
namespace {
constexpr int kClipSteps = 100;  // slider resolution along the clipped axis
}

ViewControls::ViewControls(QWidget* parent) : QWidget(parent) {
  colorBy_ = new QComboBox;
  colorBy_->addItem(tr("Value"));
  colorBy_->addItem(tr("|Residual|"));
  colorBy_->setToolTip(
      tr("Colour the mesh by the fitted value, or by the RMS residual of the training points "
         "under each node's basis function (interpolated between nodes)"));
  outputLabel_ = new QLabel(tr("Output"));
  output_ = new QComboBox;
  output_->setToolTip(tr("Which output component the surface and colours show"));
  wireframe_ = new QCheckBox(tr("Mesh"));
  wireframe_->setToolTip(tr("Draw the mesh edges"));
  heatMap_ = new QCheckBox(tr("Heat map"));
  heatMap_->setToolTip(tr("Top-down map with a colour bar instead of the 3D surface"));
  trails_ = new QCheckBox(tr("Trails"));
  trails_->setToolTip(
      tr("After a polish sub-step: where each moved node was, joined to where it "
         "is (amber)"));
  clipLabel_ = new QLabel(tr("Clip"));
  clipAxis_ = new QComboBox;
  clipAxis_->setToolTip(tr("Normal of the clipping plane: the part beyond it is cut away"));
  clipPosition_ = new QSlider(Qt::Horizontal);
  clipPosition_->setRange(0, kClipSteps);
  clipPosition_->setMinimumWidth(120);
  clipPosition_->setToolTip(tr("Where the clipping plane cuts"));

  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);  // a toolbar: the plot gets the rest
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Colour")));
  layout->addWidget(colorBy_);
  layout->addWidget(outputLabel_);
  layout->addWidget(output_);
  layout->addWidget(wireframe_);
  layout->addWidget(heatMap_);
  layout->addWidget(trails_);
  layout->addWidget(clipLabel_);
  layout->addWidget(clipAxis_);
  layout->addWidget(clipPosition_, 1);
  layout->addStretch();

  setOptions(options_);
  for (QComboBox* box : {colorBy_, output_, clipAxis_})
    connect(box, &QComboBox::currentIndexChanged, this, &ViewControls::readControls);
  for (QCheckBox* box : {wireframe_, heatMap_, trails_})
    connect(box, &QCheckBox::toggled, this, &ViewControls::readControls);
  connect(clipPosition_, &QSlider::valueChanged, this, &ViewControls::readControls);
  configure(1, {}, {});
}

void ViewControls::configure(int dim, const std::vector<std::string>& inputNames,
                             const std::vector<std::string>& outputNames) {
  setVisible(dim >= 2);
  {
    const QSignalBlocker block(output_);
    output_->clear();
    for (size_t c = 0; c < std::max<size_t>(1, outputNames.size()); ++c)
      output_->addItem(c < outputNames.size() && !outputNames[c].empty()
                           ? QString::fromStdString(outputNames[c])
                           : QString("y%1").arg(c + 1));
    if (options_.output >= output_->count()) options_.output = 0;
    output_->setCurrentIndex(options_.output);
  }
  const bool vector = output_->count() > 1;
  outputLabel_->setVisible(vector);
  output_->setVisible(vector);
  heatMap_->setVisible(dim == 2);
  trails_->setVisible(dim == 2);
  for (QWidget* w : {static_cast<QWidget*>(clipLabel_), static_cast<QWidget*>(clipAxis_),
                     static_cast<QWidget*>(clipPosition_)})
    w->setVisible(dim == 3);
  const QSignalBlocker block(clipAxis_);
  clipAxis_->clear();
  for (int a = 0; a < 3; ++a)
    clipAxis_->addItem(a < int(inputNames.size()) ? QString::fromStdString(inputNames[size_t(a)])
                                                  : QString("x%1").arg(a + 1));
  clipAxis_->setCurrentIndex(options_.clipAxis);
}

void ViewControls::setOptions(const render::FieldViewOptions& options) {
  options_ = options;
  const QSignalBlocker b1(colorBy_), b2(output_), b3(wireframe_), b4(heatMap_), b5(clipAxis_),
      b6(clipPosition_), b7(trails_);
  colorBy_->setCurrentIndex(options.colorBy == render::ColorBy::Value ? 0 : 1);
  if (options.output < output_->count()) output_->setCurrentIndex(options.output);
  wireframe_->setChecked(options.wireframe);
  heatMap_->setChecked(options.heatMap);
  trails_->setChecked(options.trails);
  if (options.clipAxis < clipAxis_->count()) clipAxis_->setCurrentIndex(options.clipAxis);
  clipPosition_->setValue(int(std::lround(options.clipPosition * kClipSteps)));
}

void ViewControls::readControls() {
  options_.colorBy =
      colorBy_->currentIndex() == 0 ? render::ColorBy::Value : render::ColorBy::Residual;
  options_.output = std::max(0, output_->currentIndex());
  options_.wireframe = wireframe_->isChecked();
  options_.heatMap = heatMap_->isChecked();
  options_.trails = trails_->isChecked();
  options_.clipAxis = std::max(0, clipAxis_->currentIndex());
  options_.clipPosition = double(clipPosition_->value()) / kClipSteps;
  emit optionsChanged(options_);
}

}  // namespace lreg::studio
