// The main window's files: open a saved model, export figure / model / loss history (with
// their dialogs), and drag-and-drop of a CSV (data) or JSON (model) file.
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QProgressDialog>
#include <QStatusBar>

#include <lreg/base/error.h>
#include <lreg/data/metrics.h>
#include <lreg/io/vtu_export.h>
#include <lreg/model/model_io.h>
#include "app/studio/animation_export.h"
#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "app/studio/plot_panel.h"
#include "app/studio/scaling_view.h"

namespace lreg::studio {
namespace {

QString number(double v) {
  return QString::number(v, 'g', 4);
}

QString localFileOf(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    const QString path = url.toLocalFile();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (!path.isEmpty() && (suffix == "csv" || suffix == "json")) return path;
  }
  return {};
}

}  // namespace

void MainWindow::openModel(const QString& path) {
  const Model model = loadModel(path.toStdString());
  const QString name = QFileInfo(path).fileName();
  plot_->showModel(model, tr("%1 · saved model · D = %2").arg(name).arg(model.dof()));
  emit requestPause();
  modelView_ = true;
  QString message =
      tr("Showing %1 (D = %2, %3)")
          .arg(name)
          .arg(model.dof())
          .arg(QString::fromStdString(model.training.count("method") ? model.training.at("method")
                                                                     : "unknown method"));
  if (data_ && model.dim == data_->train.dim() && model.outputs == data_->train.outputs()) {
    const Metrics m = computeMetrics(data_->train.Y, model.predict(data_->train.X));
    message += tr(" · on the loaded data: RMSE %1, MAE %2").arg(number(m.rmse), number(m.mae));
  }
  statusBar()->showMessage(message + tr(" · Step, Run or Reset returns to the fit"));
  lastDir_ = QFileInfo(path).absolutePath();
}

// --- exports -------------------------------------------------------------------------------

void MainWindow::saveFigure(const QString& path, QSize size) {
  plot_->exportFigure(path.toStdString(), size.width(), size.height());
}

void MainWindow::saveModel(const QString& path) {
  if (!best_) throw Error(path.toStdString() + ": no trained model yet (Step fits one)");
  lreg::saveModel(*best_, path.toStdString());
}

void MainWindow::saveLossHistory(const QString& path) {
  if (history_.empty()) throw Error(path.toStdString() + ": no loss history yet (Step fits one)");
  history_.save(path.toStdString());
}

int MainWindow::saveAnimation(const AnimationRequest& request,
                              const std::function<bool(int, int)>& progress) {
  AnimationRequest r = request;
  if (r.dataName.isEmpty() && data_) r.dataName = QString::fromStdString(data_->name);
  // Frames are drawn by the live plot: hold the frame timer off, then put the view back.
  frameTimer_.stop();
  int written = 0;
  try {
    written = exportAnimation(*plot_, snapshots_, r, progress);
  } catch (...) {
    shown_.reset();
    presentNow();
    throw;
  }
  shown_.reset();
  presentNow();
  return written;
}

void MainWindow::runScalingLaw() {
  bottomTabs_->setCurrentWidget(scalingView_);
  scalingView_->setInputs(data_, options_);
  scalingView_->run();
}

void MainWindow::saveScalingFigure(const QString& path, QSize size) {
  scalingView_->exportFigure(path, size);
}

void MainWindow::saveMesh(const QString& path) {
  if (!best_) throw Error(path.toStdString() + ": no trained model yet (Step fits one)");
  writeVtu(*best_, path.toStdString(), data_ ? &data_->train : nullptr);
}

// --- dialogs -------------------------------------------------------------------------------

QString MainWindow::askSavePath(const QString& title, const QString& name, const QString& filter) {
  QString selected;
  const QString path =
      QFileDialog::getSaveFileName(this, title, lastDir_ + "/" + name, filter, &selected);
  if (path.isEmpty()) return {};
  lastDir_ = QFileInfo(path).absolutePath();
  return withExtension(path, selected);
}

void MainWindow::openCsvDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open CSV"), lastDir_,
                                                    tr(kCsvFilter) + ";;" + tr("All files (*)"));
  if (!path.isEmpty()) openCsv(path);
}

void MainWindow::openModelDialog() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open Model"), lastDir_, tr(kModelFilter));
  if (path.isEmpty()) return;
  try {
    openModel(path);
  } catch (const Error& e) {
    reportError(tr("Cannot open the model"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportFigureDialog() {
  const QString name = data_ ? QString::fromStdString(data_->name).section('.', 0, 0) : "figure";
  const QString path = askSavePath(tr("Export Figure"), name + ".png", tr(kFigureFilter));
  if (path.isEmpty()) return;
  QSize size = figureSize_;
  if (QFileInfo(path).suffix().toLower() == "png") {
    if (!askFigureSize(this, size)) return;
    figureSize_ = size;
  } else if (plot_->hasView()) {
    size = plot_->size();  // vector figures: the view's proportions
  }
  try {
    saveFigure(path, size);
    statusBar()->showMessage(tr("Figure written to %1").arg(path), 5000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the figure"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportModelDialog() {
  const QString path = askSavePath(tr("Export Model"), "model.json", tr(kModelFilter));
  if (path.isEmpty()) return;
  try {
    saveModel(path);
    statusBar()->showMessage(tr("Model written to %1").arg(path), 5000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the model"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportLossDialog() {
  const QString path = askSavePath(tr("Export Loss History"), "loss.csv", tr(kCsvFilter));
  if (path.isEmpty()) return;
  try {
    saveLossHistory(path);
    statusBar()->showMessage(tr("Loss history written to %1").arg(path), 5000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the loss history"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportAnimationDialog() {
  if (snapshots_.empty()) {
    reportError(tr("Cannot export the animation"),
                tr("Nothing to animate yet: Step or Run first."));
    return;
  }
  const QString folder = QFileDialog::getExistingDirectory(
      this, tr("Export Animation: an empty folder for the frames"), lastDir_);
  if (folder.isEmpty()) return;
  lastDir_ = folder;
  QSize size = figureSize_;
  if (!askFigureSize(this, size)) return;
  figureSize_ = size;
  QProgressDialog progress(tr("Writing frames…"), tr("Cancel"), 0, snapshots_.size(), this);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  try {
    AnimationRequest request;
    request.folder = folder;
    request.size = size;
    const int n = saveAnimation(request, [&progress](int done, int total) {
      progress.setMaximum(total);
      progress.setValue(done);
      return !progress.wasCanceled();
    });
    statusBar()->showMessage(tr("%1 frames written to %2 (frame_0000.png …)").arg(n).arg(folder),
                             8000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the animation"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportMeshDialog() {
  const QString path = askSavePath(tr("Export Mesh"), "mesh.vtu", tr(kVtuFilter));
  if (path.isEmpty()) return;
  try {
    saveMesh(path);
    statusBar()->showMessage(tr("Mesh written to %1").arg(path), 5000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the mesh"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportScalingDialog() {
  if (scalingView_->points().empty()) {
    reportError(tr("Cannot export the scaling figure"),
                tr("Nothing measured yet: Compare → Run Scaling Law first."));
    return;
  }
  const QString path =
      askSavePath(tr("Export Scaling Figure"), "scaling.png", tr(kScalingFigureFilter));
  if (path.isEmpty()) return;
  QSize size = scalingView_->size();
  if (QFileInfo(path).suffix().toLower() == "png" && !askFigureSize(this, size)) return;
  try {
    saveScalingFigure(path, size);
    statusBar()->showMessage(tr("Scaling figure written to %1").arg(path), 5000);
  } catch (const Error& e) {
    reportError(tr("Cannot export the scaling figure"), QString::fromStdString(e.what()));
  }
}

// --- drag and drop -------------------------------------------------------------------------

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!localFileOf(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = localFileOf(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  if (QFileInfo(path).suffix().toLower() == "json") {
    try {
      openModel(path);
    } catch (const Error& e) {
      reportError(tr("Cannot open the model"), QString::fromStdString(e.what()));
    }
  } else {
    openCsv(path);
  }
}

}  // namespace lreg::studio
