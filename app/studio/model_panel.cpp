#include "app/studio/model_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace lreg::studio {
namespace {

QSpinBox* spin(int lo, int hi, const QString& tip) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setKeyboardTracking(false);  // one change per edit, not one per keystroke
  s->setToolTip(tip);
  return s;
}

QDoubleSpinBox* realSpin(double lo, double hi, int decimals, double step, const QString& tip) {
  auto* s = new QDoubleSpinBox;
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setSingleStep(step);
  s->setKeyboardTracking(false);
  s->setToolTip(tip);
  return s;
}

}  // namespace

ModelPanel::ModelPanel(QWidget* parent) : QGroupBox(tr("Model"), parent) {
  dof_ = spin(2, 1'000'000, tr("D, the node budget: nodes of the mesh after each coarsening"));
  topK_ = spin(0, 1'000'000,
               tr("Simplices refined per iteration (auto: D/2 intervals in 1D, D/8 in 2D/3D)"));
  topK_->setSpecialValueText(tr("auto"));
  fit_ = new QComboBox;
  fit_->addItem(tr("least squares"), int(FitMethod::LeastSquares));
  fit_->addItem(tr("Adam (paper)"), int(FitMethod::Adam));
  fit_->setToolTip(tr("Exact least squares on each mesh, or the paper's Adam epochs"));
  indicator_ = new QComboBox;
  indicator_->addItem(tr("residual energy"), int(Indicator::ResidualEnergy));
  indicator_->addItem(tr("hard-sample counts"), int(Indicator::HardSampleCounts));
  indicator_->setToolTip(tr("What ranks the intervals for refinement (the histogram)"));
  lambda_ = realSpin(0, 1e6, 6, 0.001, QString());
  learningRate_ = realSpin(1e-6, 10, 6, 0.01, tr("Adam's learning rate"));
  iterations_ = spin(1, 100'000,
                     tr("MRC iteration budget (Run stops there, or earlier when "
                        "the error stops improving)"));
  seed_ = spin(0, 1'000'000'000, tr("Seed of the batch order (Adam) and hard-sample draws"));
  lambdaLabel_ = new QLabel(tr("λ"));
  dof_->setObjectName("dof");
  topK_->setObjectName("topK");
  fit_->setObjectName("fit");
  indicator_->setObjectName("indicator");
  lambda_->setObjectName("lambda");
  learningRate_->setObjectName("learningRate");
  iterations_->setObjectName("iterations");
  seed_->setObjectName("seed");

  auto* form = new QFormLayout(this);
  form->addRow(tr("Nodes D"), dof_);
  form->addRow(tr("Top-k"), topK_);
  form->addRow(tr("Fit"), fit_);
  form->addRow(tr("Indicator"), indicator_);
  form->addRow(lambdaLabel_, lambda_);
  form->addRow(tr("Learning rate"), learningRate_);
  form->addRow(tr("Iterations"), iterations_);
  form->addRow(tr("Seed"), seed_);

  setOptions(MrcOptions{});
  for (QSpinBox* s : {dof_, topK_, iterations_, seed_}) {
    connect(s, &QSpinBox::valueChanged, this, &ModelPanel::optionsEdited);
  }
  for (QDoubleSpinBox* s : {lambda_, learningRate_}) {
    connect(s, &QDoubleSpinBox::valueChanged, this, &ModelPanel::optionsEdited);
  }
  for (QComboBox* c : {fit_, indicator_}) {
    connect(c, &QComboBox::currentIndexChanged, this, [this] {
      updateEnabled();
      emit optionsEdited();
    });
  }
}

void ModelPanel::updateEnabled() {
  const bool adam = fit_->currentData().toInt() == int(FitMethod::Adam);
  learningRate_->setEnabled(adam);
  lambda_->setToolTip(adam ? tr("λ of the L1 penalty on second differences of c")
                           : tr("λ of the second-difference smoothing penalty"));
}

MrcOptions ModelPanel::options() const {
  MrcOptions o = base_;
  o.dof = dof_->value();
  o.refineCount = topK_->value();
  o.fit = FitMethod(fit_->currentData().toInt());
  o.indicator = Indicator(indicator_->currentData().toInt());
  if (o.fit == FitMethod::Adam) {
    o.l1Lambda = lambda_->value();
  } else {
    o.smoothing = lambda_->value();
  }
  o.learningRate = learningRate_->value();
  o.iterations = iterations_->value();
  o.seed = std::uint64_t(seed_->value());
  return o;
}

void ModelPanel::setOptions(const MrcOptions& o) {
  const QSignalBlocker b1(dof_), b2(topK_), b3(fit_), b4(indicator_), b5(lambda_),
      b6(learningRate_), b7(iterations_), b8(seed_);
  base_ = o;
  dof_->setValue(o.dof);
  topK_->setValue(o.refineCount);
  fit_->setCurrentIndex(fit_->findData(int(o.fit)));
  indicator_->setCurrentIndex(indicator_->findData(int(o.indicator)));
  lambda_->setValue(o.fit == FitMethod::Adam ? o.l1Lambda : o.smoothing);
  learningRate_->setValue(o.learningRate);
  iterations_->setValue(o.iterations);
  seed_->setValue(int(o.seed));
  updateEnabled();
}

}  // namespace lreg::studio
