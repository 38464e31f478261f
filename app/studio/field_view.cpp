#include "app/studio/field_view.h"

#include <QFormLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

#include <lreg/base/error.h>
#include "app/studio/exports.h"
#include "app/studio/painted_figure.h"

namespace lreg::studio {
namespace {

constexpr int kSteps = 1000;
constexpr double kAlphaLo = -std::numbers::pi / 2, kAlphaHi = std::numbers::pi / 2;
constexpr double kBetaLo = 0, kBetaHi = 2 * std::numbers::pi;

class Canvas : public QWidget {
 public:
  explicit Canvas(const FieldComparison& field) : field_(field) { setMinimumSize(480, 300); }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    paintFieldComparison(p, QRectF(rect()), field_);
  }

 private:
  const FieldComparison& field_;
};

QSlider* slider() {
  auto* s = new QSlider(Qt::Horizontal);
  s->setRange(0, kSteps);
  return s;
}

double at(const QSlider* s, double lo, double hi) {
  return lo + (hi - lo) * s->value() / kSteps;
}

}  // namespace

FieldView::FieldView(QWidget* parent) : QWidget(parent) {
  alpha_ = slider();
  beta_ = slider();
  alpha_->setToolTip(tr("α ∈ [−π/2, π/2]"));
  beta_->setToolTip(tr("β ∈ [0, 2π]"));
  note_ = new QLabel;
  note_->setWordWrap(true);
  auto* exportButton = new QPushButton(tr("Export Figure…"));
  auto* controls = new QWidget;
  controls->setFixedWidth(290);
  auto* form = new QFormLayout(controls);
  auto* about =
      new QLabel(tr("<b>App. C.1</b>: −Δu + (u − β)² = (α cos x sin y − 1)² + 1 "
                    "on [0, 1]², u = β on the boundary; the field at the (α, β) "
                    "picked here, exact and as the model predicts it."));
  about->setWordWrap(true);
  form->addRow(about);
  form->addRow(tr("α"), alpha_);
  form->addRow(tr("β"), beta_);
  form->addRow(note_);
  form->addRow(exportButton);
  canvas_ = new Canvas(field_);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(controls);
  layout->addWidget(canvas_, 1);
  for (QSlider* s : {alpha_, beta_})
    connect(s, &QSlider::valueChanged, this, &FieldView::recompute);
  connect(exportButton, &QPushButton::clicked, this, &FieldView::exportFigureDialog);
  setParameters(0.6, 2.0);
  recompute();
}

void FieldView::setModel(ModelPtr model) {
  if (model == model_) return;
  model_ = std::move(model);
  recompute();
}

void FieldView::setParameters(double alpha, double beta) {
  const QSignalBlocker a(alpha_), b(beta_);
  alpha_->setValue(int(std::lround((alpha - kAlphaLo) / (kAlphaHi - kAlphaLo) * kSteps)));
  beta_->setValue(int(std::lround((beta - kBetaLo) / (kBetaHi - kBetaLo) * kSteps)));
  recompute();
}

double FieldView::alpha() const {
  return at(alpha_, kAlphaLo, kAlphaHi);
}

double FieldView::beta() const {
  return at(beta_, kBetaLo, kBetaHi);
}

void FieldView::recompute() {
  const int grid = model_ ? appc1Grid(*model_) : 0;
  const Model* model = grid > 0 ? model_.get() : nullptr;
  try {
    field_ = compareField(alpha(), beta(), grid > 0 ? grid : 16, model);
  } catch (const Error& e) {
    emit errorReported(tr("Cannot compute the App. C.1 field"), QString::fromStdString(e.what()));
    return;
  }
  if (model)
    note_->setText(
        tr("Model: %1 nodes, 2 inputs, %2 outputs.").arg(model->dof()).arg(model->outputs));
  else if (model_)
    note_->setText(tr("The fitted model has %1 inputs and %2 outputs: not an appc1 model "
                      "(2 inputs, m² outputs). Showing the exact field.")
                       .arg(model_->dim)
                       .arg(model_->outputs));
  else
    note_->setText(
        tr("No model: fit the appc1 data set (Dataset: appc1) or open an appc1 "
           "model. Showing the exact field."));
  canvas_->update();
}

void FieldView::exportFigure(const QString& path, QSize size) const {
  const FieldComparison f = field_;
  exportPainted([&f](QPainter& p, const QRectF& r) { paintFieldComparison(p, r, f); }, path, size,
                tr("App. C.1 field"));
}

void FieldView::exportFigureDialog() {
  QSize size = canvas_->size();
  const QString path =
      askFigurePath(this, tr("Export App. C.1 Figure"), "appc1.png", tr(kFigureFilter), size);
  if (path.isEmpty()) return;
  try {
    exportFigure(path, size);
  } catch (const Error& e) {
    emit errorReported(tr("Cannot export the figure"), QString::fromStdString(e.what()));
  }
}

}  // namespace lreg::studio
