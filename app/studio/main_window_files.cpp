// The main window's files: open a saved model, export figure / model / loss history (with
// their dialogs), and drag-and-drop of a CSV (data) or JSON (model) file.
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QStatusBar>

#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "app/studio/plot_panel.h"
#include "core/error.h"
#include "core/metrics.h"
#include "core/model_io.h"

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
