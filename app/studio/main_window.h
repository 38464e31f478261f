// LReg Studio's main window: dataset and model panels on the left, the transport on top, the
// VTK view of the loop with the loss chart below it, and the status bar. It owns the engine's
// worker thread: commands go to the EngineWorker as queued signals, snapshots come back as
// queued signals and are drawn at most ~30 times a second (the latest one wins).
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSize>
#include <QTimer>

#include "app/studio/loss_history.h"
#include "app/studio/studio_types.h"

class QLabel;
class QThread;

namespace lreg::studio {

class DatasetPanel;
class EngineWorker;
class LossChart;
class ModelPanel;
class PlotPanel;
class TransportBar;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  /// `interactive` false (headless runs): errors are reported by errorReported() instead of
  /// message boxes, and option changes never ask.
  explicit MainWindow(bool interactive = true, QWidget* parent = nullptr);
  ~MainWindow() override;

  // --- commands (the menus, panels and transport call these too) -------------------------
  void loadData(const DataRequest& request);
  void openCsv(const QString& path);
  /// Shows a saved model over the current data (pauses a run). Throws Error.
  void openModel(const QString& path);
  /// Replaces the model options without asking (command line); restarts the engine.
  void setOptions(const MrcOptions& options);
  void runPause();
  /// Runs until the fit of iteration `k` (patience ignored); runFinished() follows.
  void runToIteration(int k);
  void stepIteration();
  void subStep();
  void resetEngine();
  void fitView();

  // --- exports (throw Error naming the file) --------------------------------------------
  void saveFigure(const QString& path, QSize size);
  void saveModel(const QString& path);
  void saveLossHistory(const QString& path);
  /// Draws the latest snapshot now instead of at the next frame.
  void presentNow();

  // --- state -------------------------------------------------------------------------------
  DataPtr data() const { return data_; }
  SnapshotPtr latestSnapshot() const { return latest_; }
  SnapshotPtr shownSnapshot() const { return shown_; }
  ModelPtr bestModel() const { return best_; }
  const LossHistory& history() const { return history_; }
  const MrcOptions& options() const { return options_; }
  EngineStatus engineStatus() const;
  bool isRunning() const { return running_; }
  /// True once the engine has fitted anything (so new options would discard a model).
  bool hasTrainedModel() const;
  QString statusText() const;

  PlotPanel* plot() const { return plot_; }
  TransportBar* transport() const { return transport_; }
  DatasetPanel* datasetPanel() const { return datasetPanel_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  LossChart* lossChart() const { return lossChart_; }

 signals:
  void dataLoaded();
  void loadFailed(const QString& message);
  void snapshotShown();
  void runFinished();
  void errorReported(const QString& message);

  // Commands to the worker thread (queued connections).
  void requestLoad(const lreg::studio::DataRequest& request, const lreg::MrcOptions& options);
  void requestConfigure(const lreg::MrcOptions& options);
  void requestReset();
  void requestRun(int untilIteration);
  void requestPause();
  void requestStep();
  void requestSubStep();
  void requestPace(int milliseconds);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildLayout();
  void buildMenus();
  void buildStatusBar();
  void connectWorker();

  void onStarted(DataPtr data, SnapshotPtr initial);
  void onLoadFailed(const QString& message);
  void onSnapshot(SnapshotPtr snapshot);
  void onIteration(const IterationRecord& record);
  void onRunning(bool running);
  void onRunFinished();
  void onOptionsEdited();
  void onNodeSelected(int node);
  void scheduleFrame();
  void present();
  void updateStatus();
  void reportError(const QString& title, const QString& message);
  void leaveModelView();

  // Menu actions with dialogs.
  void openCsvDialog();
  void openModelDialog();
  void exportFigureDialog();
  void exportModelDialog();
  void exportLossDialog();
  QString askSavePath(const QString& title, const QString& name, const QString& filter);

  bool interactive_;
  QThread* thread_ = nullptr;
  EngineWorker* worker_ = nullptr;

  DatasetPanel* datasetPanel_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  TransportBar* transport_ = nullptr;
  PlotPanel* plot_ = nullptr;
  LossChart* lossChart_ = nullptr;
  QLabel* statusIteration_ = nullptr;
  QLabel* statusPhase_ = nullptr;
  QLabel* statusDof_ = nullptr;
  QLabel* statusLoss_ = nullptr;
  QLabel* statusTime_ = nullptr;
  QLabel* statusNode_ = nullptr;

  DataPtr data_;
  MrcOptions options_;
  SnapshotPtr latest_;  // the newest snapshot received
  SnapshotPtr shown_;   // the one on screen
  ModelPtr best_;
  LossHistory history_;
  bool historyChanged_ = false;
  bool running_ = false;
  bool modelView_ = false;  // a saved model is on screen: snapshots don't replace it
  QTimer frameTimer_;
  QElapsedTimer sinceFrame_;
  double lastFrameMs_ = 0;  // UI time of the last frame (present and repaint), to space frames
  QString lastDir_;
  QSize figureSize_{1600, 1000};
};

}  // namespace lreg::studio
