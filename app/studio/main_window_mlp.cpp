// The main window's MLP story (the paper's Figures 1 and 4): train an MLP with LReg's parameter
// count on a side thread, show its fit beside LReg's, convert it into an LReg model, and
// continue the MRC loop from there (the local minimum moving towards the global one, live).
#include <QAction>
#include <QStatusBar>

#include <cmath>
#include <limits>

#include <lreg/base/error.h>
#include "app/studio/history_bar.h"
#include "app/studio/main_window.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/plot_panel.h"

namespace lreg::studio {

void MainWindow::buildMlpStory() {
  mlpTrainer_ = new MlpTrainer(this);
  connect(mlpTrainer_, &MlpTrainer::progress, this, &MainWindow::onMlpProgress);
  connect(mlpTrainer_, &MlpTrainer::finished, this, &MainWindow::onMlpFinished);
  connect(mlpTrainer_, &MlpTrainer::failed, this,
          [this](const QString& message) { reportError(tr("MLP training failed"), message); });
  connect(mlpPanel_, &MlpPanel::trainRequested, this,
          [this] { mlpAction([this] { trainMlp(mlpPanel_->epochs()); }); });
  connect(mlpPanel_, &MlpPanel::cancelRequested, this, &MainWindow::cancelMlp);
  connect(mlpPanel_, &MlpPanel::convertRequested, this,
          [this] { mlpAction([this] { convertMlpToLreg(); }); });
}

void MainWindow::mlpAction(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    reportError(tr("MLP comparison"), QString::fromStdString(e.what()));
  }
}

void MainWindow::setMlpPanelVisible(bool on) {
  mlpPanel_->setVisible(on);
  mlpPanelAction_->setChecked(on);
}

std::shared_ptr<const Mlp> MainWindow::mlp() const {
  return mlpTrainer_->mlp();
}

void MainWindow::trainMlp(int epochs) {
  if (!data_) throw Error("no data loaded: open or generate a data set first");
  if (mlpTrainer_->isRunning()) throw Error("an MLP is being trained already");
  const int d = data_->train.dim(), c = data_->train.outputs();
  MlpOptions o = equalSizeMlp(options_.dof, d, c);
  o.epochs = epochs;
  o.seed = options_.seed;
  const QString why = equalSizeExplanation(options_.dof, d, c);
  mlpTrainer_->train(data_, o);
  mlpData_ = data_;
  mlpConversion_ = {};
  setMlpPanelVisible(true);
  mlpPanel_->setExplanation(why);
  mlpPanel_->setConversionText({});
  mlpPanel_->setTraining(true, epochs);
  mlpPanel_->setCurve({}, bestLregTestRmse());
  mlpPanel_->plot()->setData(*data_);
  statusBar()->showMessage(tr("Training the MLP (Adam): %1").arg(why), 8000);
}

void MainWindow::cancelMlp() {
  mlpTrainer_->cancel();
}

double MainWindow::bestLregTestRmse() const {
  double best = std::numeric_limits<double>::quiet_NaN();
  for (const IterationRecord& r : history_.records()) {
    if (r.hasTest && !(r.test.rmse >= best)) best = r.test.rmse;
  }
  return best;
}

void MainWindow::onMlpProgress() {
  const std::shared_ptr<const Mlp> net = mlpTrainer_->mlp();
  mlpPanel_->setCurve(mlpTrainer_->curve(), bestLregTestRmse());
  if (!net || mlpData_ != data_) return;
  // Drawn as what it is, a piecewise-linear function (exact in 1D).
  const MlpConversion shown = convertMlp(*net, *data_, options_.dof);
  const MlpEpoch& e = mlpTrainer_->curve().back();
  QString title = tr("MLP %1 ReLU · epoch %2 · train RMSE %3")
                      .arg(net->weights().front().rows())
                      .arg(e.epoch)
                      .arg(e.trainRmse, 0, 'g', 4);
  if (std::isfinite(e.testRmse)) title += tr(" · test %1").arg(e.testRmse, 0, 'g', 4);
  try {
    mlpPanel_->plot()->showModel(*shown.model, title);
  } catch (const Error& err) {
    reportError(tr("Cannot show the MLP"), QString::fromStdString(err.what()));
  }
}

void MainWindow::onMlpFinished(bool cancelled) {
  mlpPanel_->setTraining(false);
  mlpPanel_->setConvertible(mlp() != nullptr);
  if (!mlpTrainer_->curve().empty()) {
    const MlpEpoch& e = mlpTrainer_->curve().back();
    statusBar()->showMessage(tr("MLP %1 after %2 epochs: train RMSE %3")
                                 .arg(cancelled ? tr("cancelled") : tr("trained"))
                                 .arg(e.epoch)
                                 .arg(e.trainRmse, 0, 'g', 4),
                             8000);
  }
  emit mlpFinished();
}

void MainWindow::convertMlpToLreg() {
  const std::shared_ptr<const Mlp> net = mlp();
  if (!net) throw Error("no trained MLP yet: Train MLP first");
  if (mlpTrainer_->isRunning()) throw Error("the MLP is still training: wait or cancel first");
  if (!data_ || mlpData_ != data_)
    throw Error("the MLP was trained on other data: train it again on this data set");
  mlpConversion_ = convertMlp(*net, *data_, options_.dof);
  const QString how =
      mlpConversion_.exact
          ? tr("exact: the network's breakpoints are the nodes")
          : tr("an approximation: the network sampled on a grid; its kinks are not mesh edges");
  mlpPanel_->setConversionText(tr("Converted: D = %1 nodes · max |MLP − LReg| on the %2 training "
                                  "points = %3 (%4) · MRC continues from it")
                                   .arg(mlpConversion_.model->dof())
                                   .arg(data_->train.size())
                                   .arg(mlpConversion_.maxDifference, 0, 'g', 3)
                                   .arg(how));
  leaveModelView();
  historyBar_->goLive();
  emit requestStartFrom(mlpConversion_.model);
  emit requestRun(-1);
}

}  // namespace lreg::studio
