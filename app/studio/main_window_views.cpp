// The main window's other views: the LReg connection on a frozen model (its own session) and
// App. C.1's predicted field beside the exact one (the fit's best or the opened model).
#include <QTabWidget>

#include "app/studio/connection_view.h"
#include "app/studio/field_view.h"
#include "app/studio/loss_chart.h"
#include "app/studio/main_window.h"
#include "app/studio/reference_job.h"
#include "app/studio/status_line.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {

QWidget* MainWindow::buildViews(QWidget* fit) {
  connectionView_ = new ConnectionView;
  fieldView_ = new FieldView;
  views_ = new QTabWidget;
  views_->setDocumentMode(true);
  views_->addTab(fit, tr("Fit"));
  views_->addTab(connectionView_, tr("Connection"));
  views_->addTab(fieldView_, tr("App. C.1 field"));
  connect(connectionView_, &ConnectionView::errorReported, this, &MainWindow::reportError);
  connect(fieldView_, &FieldView::errorReported, this, &MainWindow::reportError);
  // The field view compares the model on screen: an opened one, else the fit's best so far.
  auto shownModel = [this] {
    fieldView_->setModel(session_->openedModel() ? session_->openedModel() : session_->bestModel());
  };
  for (auto signal : {&StudioSession::historyChanged, &StudioSession::engineStarted,
                      &StudioSession::openedModelClosed})
    connect(session_, signal, fieldView_, shownModel);
  connect(session_, &StudioSession::modelOpened, fieldView_, shownModel);
  return views_;
}

void MainWindow::showReference() {
  const ReferenceJob& job = session_->reference();
  if (job.result()) {
    const ReferenceResult& r = *job.result();
    lossChart_->setReference(
        r.referenceRmse, tr("best placement (%1 RMSE)").arg(r.onTest ? tr("test") : tr("train")));
  } else {
    lossChart_->clearReference();
  }
  status_->update();
  findBestAction_->setEnabled(!job.isRunning());
  cancelBestAction_->setEnabled(job.isRunning());
}

void MainWindow::showView(View view) {
  views_->setCurrentIndex(int(view));
}

}  // namespace lreg::studio
