// The main window's comparisons (the paper's Figures 1, 3 and 4): the MLP panel beside the
// LReg view (its network drawn as the piecewise-linear function it is, its error curve, the
// conversion into an LReg model that the MRC loop continues from) and the scaling-law tab.
// The work runs in the session; these are its widgets.
#include <QStatusBar>
#include <QTabWidget>

#include <cmath>

#include <lreg/base/error.h>
#include "app/studio/main_window.h"
#include "app/studio/mlp_conversion.h"
#include "app/studio/mlp_panel.h"
#include "app/studio/mlp_trainer.h"
#include "app/studio/plot_panel.h"
#include "app/studio/scaling_view.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {

void MainWindow::connectStory() {
  connect(mlpPanel_, &MlpPanel::trainRequested, this, [this] {
    attempt(tr("MLP comparison"), [this] { session_->trainMlp(mlpPanel_->epochs()); });
  });
  connect(mlpPanel_, &MlpPanel::cancelRequested, session_, &StudioSession::cancelMlp);
  connect(mlpPanel_, &MlpPanel::convertRequested, this,
          [this] { attempt(tr("MLP comparison"), [this] { session_->convertMlp(); }); });
  connect(session_, &StudioSession::mlpStarted, this, &MainWindow::onMlpStarted);
  connect(session_, &StudioSession::mlpProgress, this, &MainWindow::onMlpProgress);
  connect(session_, &StudioSession::mlpFinished, this, &MainWindow::onMlpFinished);
  connect(session_, &StudioSession::mlpConverted, this, &MainWindow::onMlpConverted);

  connect(scalingView_, &ScalingView::runRequested, this, [this](const std::vector<int>& dofs) {
    attempt(tr("Scaling law"), [&] { session_->runScaling(dofs); });
  });
  connect(scalingView_, &ScalingView::cancelRequested, session_, &StudioSession::cancelScaling);
}

void MainWindow::onMlpStarted() {
  const DataBundle& data = *session_->data();
  const int dof = session_->options().dof;
  const QString why = equalSizeExplanation(dof, data.dim(), data.train.outputs());
  setMlpPanelVisible(true);
  mlpPanel_->setExplanation(why);
  mlpPanel_->setConversionText({});
  mlpPanel_->setTraining(true, session_->mlpTrainer().epochsPlanned());
  mlpPanel_->setCurve({}, session_->bestTestRmse());
  mlpPanel_->plot()->setData(data);
  statusBar()->showMessage(tr("Training the MLP (Adam): %1").arg(why), 8000);
}

void MainWindow::onMlpProgress() {
  const MlpTrainer& trainer = session_->mlpTrainer();
  mlpPanel_->setCurve(trainer.curve(), session_->bestTestRmse());
  mlpPanel_->setConvertible(session_->mlpConvertible());
  const std::shared_ptr<const Mlp> net = trainer.mlp();
  if (!net || !trainer.shown().model || trainer.curve().empty()) return;
  const MlpEpoch& e = trainer.curve().back();
  QString title = tr("MLP %1 ReLU · epoch %2 · train RMSE %3")
                      .arg(net->weights().front().rows())
                      .arg(e.epoch)
                      .arg(e.trainRmse, 0, 'g', 4);
  if (std::isfinite(e.testRmse)) title += tr(" · test %1").arg(e.testRmse, 0, 'g', 4);
  attempt(tr("Cannot show the MLP"),
          [&] { mlpPanel_->plot()->showModel(*trainer.shown().model, title); });
}

void MainWindow::onMlpFinished(bool cancelled) {
  mlpPanel_->setTraining(false);
  mlpPanel_->setConvertible(session_->mlpConvertible());
  const std::vector<MlpEpoch>& curve = session_->mlpTrainer().curve();
  if (curve.empty()) return;
  statusBar()->showMessage(tr("MLP %1 after %2 epochs: train RMSE %3")
                               .arg(cancelled ? tr("cancelled") : tr("trained"))
                               .arg(curve.back().epoch)
                               .arg(curve.back().trainRmse, 0, 'g', 4),
                           8000);
}

void MainWindow::onMlpConverted() {
  const MlpConversion& c = session_->mlpConversion();
  const QString how =
      c.exact ? tr("exact: the network's breakpoints are the nodes")
              : tr("an approximation: the network sampled on a grid; its kinks are not mesh edges");
  mlpPanel_->setConversionText(tr("Converted: D = %1 nodes · max |MLP − LReg| on the %2 training "
                                  "points = %3 (%4) · MRC continues from it")
                                   .arg(c.model->dof())
                                   .arg(session_->data()->train.size())
                                   .arg(c.maxDifference, 0, 'g', 3)
                                   .arg(how));
}

}  // namespace lreg::studio
