// LReg Studio's main window: dataset and model panels on the left, the transport on top, the
// VTK view of the loop with the loss chart below it, and the status bar. It owns the engine's
// worker thread: commands go to the EngineWorker as queued signals, snapshots come back as
// queued signals and are drawn at most ~30 times a second (the latest one wins).
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSize>
#include <QTimer>

#include <functional>

#include "app/studio/loss_history.h"
#include "app/studio/mlp_conversion.h"
#include "app/studio/settings_dialog.h"
#include "app/studio/snapshot_history.h"
#include "app/studio/studio_types.h"

class QLabel;
class QTabWidget;
class QThread;

namespace lreg::studio {

class DatasetPanel;
class EngineWorker;
class HistoryBar;
struct AnimationRequest;
class LossChart;
class MlpPanel;
class MlpTrainer;
class ModelPanel;
class PlotPanel;
class ScalingView;
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

  // --- the MLP story (main_window_mlp.cpp) ---------------------------------------------------
  /// Trains an MLP with the LReg model's parameter count on the worker's side thread; shows the
  /// MLP panel. mlpFinished() follows. Throws Error (no data, a training is running).
  void trainMlp(int epochs);
  void cancelMlp();
  /// Converts the trained MLP into an LReg model (exact in 1D), shows max |MLP − LReg| on the
  /// data, and continues the MRC loop from it (a run follows). Throws Error without an MLP.
  void convertMlpToLreg();
  /// The trained network (null before any) and the last conversion.
  std::shared_ptr<const Mlp> mlp() const;
  const MlpConversion& mlpConversion() const { return mlpConversion_; }
  MlpPanel* mlpPanel() const { return mlpPanel_; }
  void setMlpPanelVisible(bool on);

  // --- the scaling law (main_window_files.cpp for its export) ------------------------------
  /// Runs the scaling experiment on the current data and options (shows its tab); the view's
  /// finished() follows, scalingFinished() too. Throws Error without data or test set.
  void runScalingLaw();
  /// The scaling figure as PNG (at `size`) or SVG. Throws Error naming the file.
  void saveScalingFigure(const QString& path, QSize size);
  ScalingView* scalingView() const { return scalingView_; }

  // --- compute settings (main_window_settings.cpp) -----------------------------------------
  /// Applies a device (restarts the engine like any option change, asking first when a model
  /// would be lost) and the thread count (at once). Throws Error when CUDA is asked for but
  /// unusable, with the reason; nothing changes then.
  void applyComputeSettings(const ComputeSettings& settings);
  ComputeSettings computeSettings() const;

  // --- exports (throw Error naming the file) --------------------------------------------
  void saveFigure(const QString& path, QSize size);
  void saveModel(const QString& path);
  void saveLossHistory(const QString& path);
  /// The best model's mesh with its fit and the training residuals as a .vtu file.
  void saveMesh(const QString& path);
  /// Writes every kept snapshot as numbered PNG frames (see exportAnimation); returns how many.
  /// `progress(done, total)` false cancels.
  int saveAnimation(const AnimationRequest& request,
                    const std::function<bool(int, int)>& progress = {});
  /// Draws the latest snapshot now instead of at the next frame.
  void presentNow();

  // --- state -------------------------------------------------------------------------------
  DataPtr data() const { return data_; }
  SnapshotPtr latestSnapshot() const { return latest_; }
  SnapshotPtr shownSnapshot() const { return shown_; }
  ModelPtr bestModel() const { return best_; }
  const LossHistory& history() const { return history_; }
  /// Every snapshot of the current engine, thinned within its memory budget.
  const SnapshotHistory& snapshots() const { return snapshots_; }
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
  HistoryBar* historyBar() const { return historyBar_; }

 signals:
  void dataLoaded();
  void loadFailed(const QString& message);
  void snapshotShown();
  void runFinished();
  void errorReported(const QString& message);
  /// An MLP training ended (finished or cancelled).
  void mlpFinished();
  void scalingFinished();

  // Commands to the worker thread (queued connections).
  void requestLoad(const lreg::studio::DataRequest& request, const lreg::MrcOptions& options);
  void requestConfigure(const lreg::MrcOptions& options);
  void requestReset();
  void requestStartFrom(lreg::studio::ModelPtr model);
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
  void buildMlpStory();
  void onMlpProgress();
  void onMlpFinished(bool cancelled);
  void mlpAction(const std::function<void()>& action);
  double bestLregTestRmse() const;

  // Menu actions with dialogs.
  void openCsvDialog();
  void openModelDialog();
  void exportFigureDialog();
  void exportModelDialog();
  void exportLossDialog();
  void exportAnimationDialog();
  void exportMeshDialog();
  void exportScalingDialog();
  void computeSettingsDialog();
  /// Validates and applies new options (asks when a trained model would be lost); false when
  /// refused or invalid (reported), the options stay then.
  bool applyOptions(const MrcOptions& wanted);
  QString askSavePath(const QString& title, const QString& name, const QString& filter);

  bool interactive_;
  QThread* thread_ = nullptr;
  EngineWorker* worker_ = nullptr;

  DatasetPanel* datasetPanel_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  TransportBar* transport_ = nullptr;
  PlotPanel* plot_ = nullptr;
  LossChart* lossChart_ = nullptr;
  HistoryBar* historyBar_ = nullptr;
  MlpPanel* mlpPanel_ = nullptr;
  ScalingView* scalingView_ = nullptr;
  QTabWidget* bottomTabs_ = nullptr;
  MlpTrainer* mlpTrainer_ = nullptr;
  QAction* mlpPanelAction_ = nullptr;
  DataPtr mlpData_;  // the data the MLP was trained on
  MlpConversion mlpConversion_;
  int threads_ = 0;  // CPU threads (0: every core)
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
  SnapshotHistory snapshots_;
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
