// LReg Studio's main window: the widgets, wired to a StudioSession that holds all the logic
// (engine, data, history, jobs, files). Dataset and model panels on the left, the transport on
// top, the VTK view with its history slider and the MLP panel beside it, the loss and scaling
// charts below, the status line. The window asks the questions (discard a trained model? save
// before quitting? restore after a crash?) and shows the answers: snapshots are drawn at most
// ~30 times a second (FramePacer), the one the history slider selects when it is not live.
#pragma once

#include <QMainWindow>
#include <QSize>

#include <functional>

#include "app/studio/settings_dialog.h"
#include "app/studio/studio_metatypes.h"

class QAction;
class QTabWidget;

namespace lreg::studio {

class ConnectionView;
class DatasetPanel;
class FieldView;
class FileMenu;
class FramePacer;
class HistoryBar;
struct AnimationRequest;
class LossChart;
class MlpPanel;
class ModelPanel;
class PlotPanel;
class ScalingView;
class StatusLine;
class StudioSession;
class TransportBar;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  /// `interactive` false (headless runs): errors are reported by errorReported() instead of
  /// message boxes, and nothing is asked.
  explicit MainWindow(bool interactive = true, QWidget* parent = nullptr);
  ~MainWindow() override;

  StudioSession* session() const { return session_; }

  /// Applies compute settings, asking first when a device change would discard a trained
  /// model. Throws Error (nothing changes) as StudioSession::checkComputeSettings.
  void applyComputeSettings(const ComputeSettings& settings);
  /// Offers to restore the newest session of an instance that ended abnormally (asks once;
  /// the answer restores or discards it). True when a restore started.
  bool offerRestore();

  // --- the view ----------------------------------------------------------------------------
  /// The figure of the view (PNG at `size`, PDF or SVG by extension). Throws Error.
  void saveFigure(const QString& path, QSize size);
  /// Writes every kept snapshot as numbered PNG frames (see exportAnimation); returns how many.
  /// `progress(done, total)` false cancels.
  int saveAnimation(const AnimationRequest& request,
                    const std::function<bool(int, int)>& progress = {});
  /// Draws the latest (or the selected) snapshot now instead of at the next frame.
  void presentNow();
  /// The snapshot on screen.
  SnapshotPtr shownSnapshot() const { return shown_; }
  QString statusText() const;
  /// A dialog (interactive) and errorReported().
  void reportError(const QString& title, const QString& message);

  PlotPanel* plot() const { return plot_; }
  TransportBar* transport() const { return transport_; }
  DatasetPanel* datasetPanel() const { return datasetPanel_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  LossChart* lossChart() const { return lossChart_; }
  HistoryBar* historyBar() const { return historyBar_; }
  MlpPanel* mlpPanel() const { return mlpPanel_; }
  ScalingView* scalingView() const { return scalingView_; }
  void setMlpPanelVisible(bool on);
  /// The window's views (tabs): the MRC fit, the LReg connection, App. C.1's field.
  enum class View { Fit, Connection, Field };
  void showView(View view);
  ConnectionView* connectionView() const { return connectionView_; }
  FieldView* fieldView() const { return fieldView_; }

 signals:
  void snapshotShown();
  void errorReported(const QString& message);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildLayout();
  void buildMenus();
  void connectSession();
  void connectStory();  // the MLP and the scaling law (main_window_story.cpp)
  /// The best placement found, in the loss chart and the status bar (main_window_views.cpp).
  void showReference();
  /// The Connection and App. C.1 views (main_window_views.cpp).
  QWidget* buildViews(QWidget* fit);

  void present();
  void onDataLoaded();
  void onModelOpened(const ModelPtr& model, const QString& name);
  void backToLiveFit();
  void onOptionsEdited();
  void onNodeSelected(int node);
  void onMlpStarted();
  void onMlpProgress();
  void onMlpFinished(bool cancelled);
  void onMlpConverted();
  /// Pushes the views' choices to the session (so sessions keep them) and back on restore.
  void pushViewSettings();
  void applySettings();
  /// False when the user keeps the trained model instead of applying new settings.
  bool confirmDiscard();
  void computeSettingsDialog();
  void attempt(const QString& title, const std::function<void()>& action);

  bool interactive_;
  bool applyingSettings_ = false;
  StudioSession* session_ = nullptr;
  FramePacer* pacer_ = nullptr;
  FileMenu* fileMenu_ = nullptr;
  StatusLine* status_ = nullptr;

  DatasetPanel* datasetPanel_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  TransportBar* transport_ = nullptr;
  PlotPanel* plot_ = nullptr;
  LossChart* lossChart_ = nullptr;
  HistoryBar* historyBar_ = nullptr;
  MlpPanel* mlpPanel_ = nullptr;
  ScalingView* scalingView_ = nullptr;
  QTabWidget* bottomTabs_ = nullptr;
  QTabWidget* views_ = nullptr;
  ConnectionView* connectionView_ = nullptr;
  FieldView* fieldView_ = nullptr;
  QAction* mlpPanelAction_ = nullptr;
  QAction* logScaleAction_ = nullptr;
  QAction* findBestAction_ = nullptr;
  QAction* cancelBestAction_ = nullptr;

  SnapshotPtr shown_;  // the snapshot on screen
  bool historyChanged_ = false;
};

}  // namespace lreg::studio
