// The File menu and its dialogs: open data (CSV or NumPy .npy), a model or a session; save the
// session; export the figure, model, loss history, animation frames, mesh and scaling figure.
// It remembers the folder last used and the figure size last asked for; what fails is shown
// in the window's dialog. Dropped files open here too.
#pragma once

#include <QObject>
#include <QSize>
#include <QString>

class QMenu;

namespace lreg::studio {

class MainWindow;
class StudioSession;

class FileMenu : public QObject {
  Q_OBJECT

 public:
  FileMenu(MainWindow& window, StudioSession& session);

  /// Adds the menu's actions to `menu`.
  void build(QMenu* menu);
  /// Opens a file by its kind: data (.csv, .npy), a session or a model (.json, by content).
  void openPath(const QString& path);
  void exportScalingDialog();
  void openDataDialog();
  /// Save Session… and waits until the file is written; false when cancelled or failed.
  bool saveSessionAndWait();

 private:
  QString askSavePath(const QString& title, const QString& name, const QString& filter);
  QString askOpenPath(const QString& title, const QString& filter);
  QString askSessionPath();
  void remember(const QString& path);
  /// Runs `action`; an Error goes to the window's dialog under `title`.
  template <typename F>
  void attempt(const QString& title, F action);
  void openModelDialog();
  void openSessionDialog();
  void saveSessionDialog();
  void exportFigureDialog();
  /// Asks for a path and writes it with `write` (synchronous: the file is small).
  void exportDialog(const QString& title, const QString& name, const QString& filter,
                    const QString& failure, void (StudioSession::*write)(const QString&) const);
  void exportModelDialog();
  void exportLossDialog();
  void exportAnimationDialog();
  void exportMeshDialog();

  MainWindow& window_;
  StudioSession& session_;
  QString lastDir_;
  QSize figureSize_{1600, 1000};
};

}  // namespace lreg::studio
