#include "app/studio/file_menu.h"

#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QProgressDialog>
#include <QStatusBar>

#include <lreg/base/error.h>
#include "app/studio/animation_export.h"
#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "app/studio/plot_panel.h"
#include "app/studio/resources.h"
#include "app/studio/scaling_job.h"
#include "app/studio/scaling_view.h"
#include "app/studio/session_file.h"
#include "app/studio/studio_session.h"

namespace lreg::studio {

FileMenu::FileMenu(MainWindow& window, StudioSession& session)
    : QObject(&window), window_(window), session_(session), lastDir_(QDir::currentPath()) {
  connect(&session_, &StudioSession::fileWritten, this, [this](const QString& path) {
    window_.statusBar()->showMessage(tr("Written: %1").arg(path), 5000);
  });
}

void FileMenu::build(QMenu* file) {
  file->addAction(tr("Open &Data…"), QKeySequence::Open, this, &FileMenu::openDataDialog)
      ->setToolTip(tr("A CSV (header, 1 to 3 input columns, then y) or a NumPy .npy array"));
  file->addAction(tr("Open &Model…"), QKeySequence(tr("Ctrl+Shift+O")), this,
                  &FileMenu::openModelDialog);
  file->addMenu(sampleMenu(&window_, [this](const DataRequest& r) { session_.loadData(r); }));
  file->addSeparator();
  file->addAction(tr("Open Sess&ion…"), QKeySequence(tr("Ctrl+Alt+O")), this,
                  &FileMenu::openSessionDialog);
  file->addAction(tr("Save &Session…"), QKeySequence(tr("Ctrl+Shift+S")), this,
                  &FileMenu::saveSessionDialog)
      ->setToolTip(tr("Data, settings, models, loss history and MLP, to carry on later"));
  file->addSeparator();
  file->addAction(tr("Export &Figure…"), QKeySequence(tr("Ctrl+E")), this,
                  &FileMenu::exportFigureDialog);
  file->addAction(tr("Export Mo&del…"), QKeySequence::Save, this, &FileMenu::exportModelDialog);
  file->addAction(tr("Export &Loss History…"), QKeySequence(tr("Ctrl+L")), this,
                  &FileMenu::exportLossDialog);
  file->addAction(tr("Export &Animation…"), this, &FileMenu::exportAnimationDialog)
      ->setToolTip(tr("Every snapshot of the history as numbered PNG frames"));
  file->addAction(tr("Export Mesh (.&vtu)…"), this, &FileMenu::exportMeshDialog)
      ->setToolTip(tr("The best model's mesh, fit and residuals for ParaView"));
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, &window_, &QWidget::close);
}

template <typename F>
void FileMenu::attempt(const QString& title, F action) {
  try {
    action();
  } catch (const Error& e) {
    window_.reportError(title, QString::fromStdString(e.what()));
  }
}

void FileMenu::remember(const QString& path) {
  const QFileInfo info(path);
  lastDir_ = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

QString FileMenu::askSavePath(const QString& title, const QString& name, const QString& filter) {
  const QString path = studio::askSavePath(&window_, title, lastDir_ + "/" + name, filter);
  if (!path.isEmpty()) remember(path);
  return path;
}

QString FileMenu::askOpenPath(const QString& title, const QString& filter) {
  const QString path =
      QFileDialog::getOpenFileName(&window_, title, lastDir_, filter + ";;" + tr("All files (*)"));
  if (!path.isEmpty()) remember(path);
  return path;
}

void FileMenu::openPath(const QString& path) {
  remember(path);
  const std::string file = path.toStdString();
  if (isDataFile(file)) {
    session_.loadData(DataRequest::file(file));
  } else if (looksLikeSession(file)) {
    session_.openSession(path);
  } else {
    attempt(tr("Cannot open the model"), [&] { session_.openModel(path); });
  }
}

void FileMenu::openDataDialog() {
  const QString path = askOpenPath(tr("Open Data"), tr(kDataFilter));
  if (!path.isEmpty()) session_.loadData(DataRequest::file(path.toStdString()));
}

void FileMenu::openModelDialog() {
  const QString path = askOpenPath(tr("Open Model"), tr(kModelFilter));
  if (!path.isEmpty()) attempt(tr("Cannot open the model"), [&] { session_.openModel(path); });
}

void FileMenu::openSessionDialog() {
  const QString path = askOpenPath(tr("Open Session"), tr(kSessionFilter));
  if (!path.isEmpty()) session_.openSession(path);
}

QString FileMenu::askSessionPath() {
  const QString current = session_.sessionPath();
  const QString name =
      current.isEmpty() ? "studio.lreg-session.json" : QFileInfo(current).fileName();
  return askSavePath(tr("Save Session"), name, tr(kSessionFilter));
}

void FileMenu::saveSessionDialog() {
  const QString path = askSessionPath();
  if (!path.isEmpty()) attempt(tr("Cannot save the session"), [&] { session_.saveSession(path); });
}

bool FileMenu::saveSessionAndWait() {
  const QString path = askSessionPath();
  if (path.isEmpty()) return false;
  QEventLoop loop;
  connect(&session_, &StudioSession::fileWritten, &loop, [&](const QString& written) {
    if (written == path) loop.exit(0);
  });
  connect(&session_, &StudioSession::writeFailed, &loop, [&](const QString& failed) {
    if (failed == path) loop.exit(1);
  });
  try {
    session_.saveSession(path);
  } catch (const Error& e) {
    window_.reportError(tr("Cannot save the session"), QString::fromStdString(e.what()));
    return false;
  }
  return loop.exec() == 0;
}

void FileMenu::exportFigureDialog() {
  const DataPtr data = session_.data();
  const QString name = data ? QString::fromStdString(data->name).section('.', 0, 0) : "figure";
  const QString path = askSavePath(tr("Export Figure"), name + ".png", tr(kFigureFilter));
  if (path.isEmpty()) return;
  QSize size = figureSize_;
  if (QFileInfo(path).suffix().toLower() == "png") {
    if (!askFigureSize(&window_, size)) return;
    figureSize_ = size;
  } else if (window_.plot()->hasView()) {
    size = window_.plot()->size();  // vector figures: the view's proportions
  }
  attempt(tr("Cannot export the figure"), [&] {
    window_.saveFigure(path, size);
    window_.statusBar()->showMessage(tr("Figure written to %1").arg(path), 5000);
  });
}

void FileMenu::exportDialog(const QString& title, const QString& name, const QString& filter,
                            const QString& failure,
                            void (StudioSession::*write)(const QString&) const) {
  const QString path = askSavePath(title, name, filter);
  if (path.isEmpty()) return;
  attempt(failure, [&] {
    (session_.*write)(path);
    window_.statusBar()->showMessage(tr("Written: %1").arg(path), 5000);
  });
}

void FileMenu::exportModelDialog() {
  exportDialog(tr("Export Model"), "model.json", tr(kModelFilter), tr("Cannot export the model"),
               &StudioSession::saveModel);
}

void FileMenu::exportLossDialog() {
  exportDialog(tr("Export Loss History"), "loss.csv", tr(kCsvFilter),
               tr("Cannot export the loss history"), &StudioSession::saveLossHistory);
}

void FileMenu::exportAnimationDialog() {
  const SnapshotHistory& snapshots = session_.snapshots();
  if (snapshots.empty()) {
    window_.reportError(tr("Cannot export the animation"),
                        tr("Nothing to animate yet: Step or Run first."));
    return;
  }
  const QString folder = QFileDialog::getExistingDirectory(
      &window_, tr("Export Animation: an empty folder for the frames"), lastDir_);
  if (folder.isEmpty()) return;
  remember(folder);
  QSize size = figureSize_;
  if (!askFigureSize(&window_, size)) return;
  figureSize_ = size;
  QProgressDialog progress(tr("Writing frames…"), tr("Cancel"), 0, snapshots.size(), &window_);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  attempt(tr("Cannot export the animation"), [&] {
    AnimationRequest request;
    request.folder = folder;
    request.size = size;
    const int n = window_.saveAnimation(request, [&progress](int done, int total) {
      progress.setMaximum(total);
      progress.setValue(done);
      return !progress.wasCanceled();
    });
    window_.statusBar()->showMessage(
        tr("%1 frames written to %2 (frame_0000.png …)").arg(n).arg(folder), 8000);
  });
}

void FileMenu::exportMeshDialog() {
  const QString path = askSavePath(tr("Export Mesh"), "mesh.vtu", tr(kVtuFilter));
  if (!path.isEmpty()) attempt(tr("Cannot export the mesh"), [&] { session_.saveMesh(path); });
}

void FileMenu::exportScalingDialog() {
  if (session_.scaling().points().empty()) {
    window_.reportError(tr("Cannot export the scaling figure"),
                        tr("Nothing measured yet: Compare → Run Scaling Law first."));
    return;
  }
  const QString path =
      askSavePath(tr("Export Scaling Figure"), "scaling.png", tr(kScalingFigureFilter));
  if (path.isEmpty()) return;
  QSize size = window_.scalingView()->size();
  if (!askPngSize(&window_, path, size)) return;
  attempt(tr("Cannot export the scaling figure"), [&] {
    window_.scalingView()->exportFigure(path, size);
    window_.statusBar()->showMessage(tr("Scaling figure written to %1").arg(path), 5000);
  });
}

}  // namespace lreg::studio
