// LReg Studio's logic without widgets (3D Slicer's pattern): a StudioSession owns the engine's
// worker thread, the data, every snapshot and their bounded history, the loss history, the
// current and best model, the MLP and scaling-law jobs, the settings, and the session file with
// its autosave. It takes commands (load data, run, pause, step, sub-step, reset, open a model,
// train and convert an MLP, run the scaling law, export, save and open sessions) and reports by
// signals. The main window wires widgets to it; tests drive whole fits through it without any
// widget or display. Nothing that costs a pass over the data runs on the session's own thread
// (the UI's): fits and data loads run on the worker, the rest on background tasks, and their
// results arrive by signal.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

#include <lreg/data/metrics.h>
#include "app/studio/loss_history.h"
#include "app/studio/mailbox.h"
#include "app/studio/mlp_conversion.h"
#include "app/studio/session_file.h"
#include "app/studio/settings_dialog.h"
#include "app/studio/snapshot_history.h"
#include "app/studio/studio_metatypes.h"

class QThread;

namespace lreg::studio {

class AutosaveStore;
class BackgroundTasks;
class EngineWorker;
class MlpTrainer;
class ReferenceJob;
class ScalingJob;
struct CrashedSession;

class StudioSession : public QObject {
  Q_OBJECT

 public:
  explicit StudioSession(QObject* parent = nullptr);
  /// Stops the worker after its current sub-step; a clean end removes the autosave.
  ~StudioSession() override;

  // --- data and options (studio_session.cpp) ---------------------------------------------
  /// Loads data on the worker; dataLoaded() or loadFailed() follows. A failed load keeps the
  /// current data, engine and history.
  void loadData(const DataRequest& request);
  bool isLoading() const { return loads_ > 0; }
  /// New options for the current data: a fresh engine (the model so far is discarded; the
  /// window asks first). Throws Error, changing nothing, when they are invalid for the data.
  void setOptions(const MrcOptions& options);
  const MrcOptions& options() const { return options_; }

  // --- transport ---------------------------------------------------------------------------
  /// Pauses a run, or runs until the loop converges.
  void runPause();
  /// Runs until the loop converges, or until the fit of iteration `k` when k >= 0.
  void run(int k = -1);
  void pause();
  /// One MRC iteration (to the next fit); mid-run it ends the run there.
  void step();
  /// Exactly one sub-step (pauses a run first).
  void subStep();
  /// A fresh engine with the current options.
  void reset();
  /// Milliseconds between sub-steps while running (0: as fast as possible).
  void setPace(int milliseconds);
  int pace() const { return paceMs_; }

  // --- a saved model on screen (studio_session_jobs.cpp) -----------------------------------
  /// Reads a model file (throws Error naming it, changing nothing), pauses a run and shows it
  /// (modelOpened); its errors on the loaded data follow (openedModelEvaluated). Any engine
  /// command returns to the live fit (openedModelClosed).
  void openModel(const QString& path);
  ModelPtr openedModel() const { return opened_; }

  // --- the MLP of equal size ---------------------------------------------------------------
  /// Trains an MLP with the LReg model's parameter count on its own thread (mlpStarted,
  /// mlpProgress, mlpFinished). Throws Error without data, while one trains, or for bad epochs.
  void trainMlp(int epochs);
  void cancelMlp();
  const MlpTrainer& mlpTrainer() const { return *mlpTrainer_; }
  /// The trained network (null before any).
  std::shared_ptr<const Mlp> mlp() const;
  /// The network can be converted for the loaded data (trained on it, not training).
  bool mlpConvertible() const;
  /// Converts the MLP into an LReg model on a background task (exact in 1D); mlpConverted()
  /// then the MRC loop runs on from it. Throws Error when there is nothing to convert.
  void convertMlp();
  const MlpConversion& mlpConversion() const { return conversion_; }

  // --- the scaling law ---------------------------------------------------------------------
  /// Fits the data at each budget on its own thread (scaling()'s signals). Throws Error as
  /// ScalingJob::run.
  void runScaling(const std::vector<int>& dofs);
  void cancelScaling();
  const ScalingJob& scaling() const { return *scaling_; }

  // --- the distance to the best placement ------------------------------------------------
  /// Searches the best placement of the best model's node count for the loaded data on its own
  /// thread (reference()'s signals; referenceChanged when its result appears or goes). The
  /// result goes when the data or the node budget change. Throws Error as ReferenceJob::run.
  void findBestPlacement();
  void cancelBestPlacement();
  const ReferenceJob& reference() const { return *reference_; }

  // --- compute and view settings -----------------------------------------------------------
  /// Throws Error when CUDA is asked for but unusable (with the reason) or threads < 0.
  static void checkComputeSettings(const ComputeSettings& settings);
  /// The thread count applies at once; another device restarts the engine like setOptions.
  /// Throws Error as checkComputeSettings, changing nothing.
  void applyComputeSettings(const ComputeSettings& settings);
  ComputeSettings computeSettings() const;
  /// The window's choices, kept here so sessions save and restore them.
  const ViewSettings& viewSettings() const { return view_; }
  void setViewSettings(const ViewSettings& view);

  // --- exports -----------------------------------------------------------------------------
  /// The best model as a model file. Throws Error naming the file.
  void saveModel(const QString& path) const;
  /// The loss history as CSV. Throws Error naming the file.
  void saveLossHistory(const QString& path) const;
  /// The best model's mesh with its fit and the training residuals as .vtu, written on a
  /// background task: fileWritten(path) or writeFailed(path, message) follows. Throws Error
  /// before that when there is no model yet.
  void saveMesh(const QString& path);

  // --- sessions (studio_session_files.cpp) -------------------------------------------------
  /// Everything needed to carry on later, in memory (what saveSession writes).
  SessionFile sessionFile() const;
  /// Writes the session on a background task: fileWritten(path) or writeFailed(). Throws
  /// Error when there is no data to save.
  void saveSession(const QString& path);
  /// Reads a session on a background task and restores it: data, settings, models, history,
  /// MLP (sessionOpened). A bad file or missing data: sessionFailed(message) with the file,
  /// line or key and the problem; nothing loaded is lost.
  void openSession(const QString& path);
  /// The file last saved to or opened (empty: none).
  QString sessionPath() const { return sessionPath_; }
  /// Something changed since the last save to or open of a session file.
  bool hasUnsavedChanges() const { return changes_ != savedChanges_ && data_ != nullptr; }

  /// Keeps the session in `directory` (AutosaveStore) at most every `intervalMs` while
  /// something changed. Throws Error when the folder cannot be made.
  void enableAutosave(const QString& directory, int intervalMs = 30000);
  void setAutosaveInterval(int milliseconds);
  bool autosaveEnabled() const { return autosave_ != nullptr; }
  /// This instance's autosave file (empty without autosave).
  QString autosavePath() const;
  /// Sessions of instances that ended abnormally, newest first (empty without autosave).
  std::vector<CrashedSession> crashedSessions() const;
  /// Restores a crashed instance's session (openSession); its files go once it is restored.
  void restoreCrashed(const CrashedSession& crashed);
  /// Forgets a crashed instance's session (its files are removed).
  void discardCrashed(const CrashedSession& crashed);
  /// Writes the autosave now when something changed and no write is under way.
  void autosaveNow();

  // --- state -------------------------------------------------------------------------------
  DataPtr data() const { return data_; }
  /// The newest snapshot received (null before any data).
  SnapshotPtr latestSnapshot() const { return latest_; }
  ModelPtr bestModel() const { return best_; }
  /// The model of the latest fit (null before the first).
  ModelPtr currentModel() const { return current_; }
  const LossHistory& history() const { return history_; }
  /// Every snapshot of the current engine, thinned within its memory budget.
  const SnapshotHistory& snapshots() const { return snapshots_; }
  /// Replaces the history's budget (it applies from the next snapshot on).
  void setHistoryLimits(const SnapshotHistory::Limits& limits);
  /// A copy of the engine's state, from its thread.
  EngineStatus engineStatus() const;
  bool isRunning() const { return running_; }
  /// True once the engine has fitted anything (so new options would discard a model).
  bool hasTrainedModel() const;
  /// The best model's test RMSE (the model Save Model writes; in a history restored from an
  /// older session file, the lowest test RMSE of its fits; NaN without a test set).
  double bestTestRmse() const;

 signals:
  /// Data (or a session's data) are being loaded on the worker.
  void loadStarted();
  void dataLoaded();
  void loadFailed(const QString& message);
  /// A fresh engine (new data, new options, reset, a converted MLP, a restored session): the
  /// snapshots and loss history start again.
  void engineStarted();
  /// The options changed (setOptions, a device change, a session).
  void optionsChanged();
  void snapshotAdded();
  /// The loss history gained (or, with a new engine, lost) records.
  void historyChanged();
  void runningChanged(bool running);
  /// A run reached its goal (convergence, or the requested iteration).
  void runFinished();
  /// The engine was told to move (run, step, sub-step, reset): views of the past go live.
  void engineCommanded();

  void modelOpened(lreg::studio::ModelPtr model, const QString& name);
  /// The opened model's errors on the loaded data (only when its inputs and outputs match).
  void openedModelEvaluated(const lreg::Metrics& metrics);
  void openedModelClosed();

  void mlpStarted();
  /// A new network and points on its curve (mlpTrainer()).
  void mlpProgress();
  /// An MLP training ended (finished or cancelled).
  void mlpFinished(bool cancelled);
  void mlpConverted();

  void fileWritten(const QString& path);
  void writeFailed(const QString& path, const QString& message);
  void sessionOpened(const QString& path);
  void sessionFailed(const QString& message);
  /// Options, compute settings, pace and view settings came from a session.
  void settingsRestored();
  void autosaved(const QString& path);
  /// A best-placement search started or ended, or its result appeared or went.
  void referenceChanged();
  /// Any failure of background work, for a dialog (the specific signals come too).
  void errorOccurred(const QString& title, const QString& message);

  // Commands to the worker thread (relayed through its mailbox).
  void requestLoad(const lreg::studio::DataRequest& request, const lreg::MrcOptions& options,
                   const lreg::studio::SessionPtr& restore);
  void requestConfigure(const lreg::MrcOptions& options);
  void requestReset();
  void requestStartFrom(lreg::studio::ModelPtr model);
  void requestRun(int untilIteration);
  void requestPause();
  void requestStep();
  void requestSubStep();
  void requestPace(int milliseconds);

 private:
  void connectWorker();
  void connectJobs();
  void onStarted(DataPtr data, SnapshotPtr initial, SessionPtr restored);
  void onLoadFailed(const QString& message, SessionPtr restore);
  void onSnapshot(SnapshotPtr snapshot);
  void onFitted(const IterationRecord& record, ModelPtr current, ModelPtr best);
  void onRunning(bool running);
  /// Before any engine command: back from an opened model to the live fit.
  void commandEngine();
  void closeOpenedModel();
  /// Restores what the worker doesn't: history, models, MLP, settings (studio_session_files).
  void applyRestored(const SessionFile& session);
  void changed() { ++changes_; }
  /// Writes sessionFile() to `path` on a background task.
  void writeSessionFile(const QString& path, std::function<void(quint64 changes)> written,
                        std::function<void(const QString&)> failed);
  void failBackground(const QString& title, const QString& message);

  Mailbox inbox_{this};  // the worker's results, on this thread
  QThread* thread_ = nullptr;
  EngineWorker* worker_ = nullptr;
  BackgroundTasks* tasks_ = nullptr;
  MlpTrainer* mlpTrainer_ = nullptr;
  ScalingJob* scaling_ = nullptr;
  ReferenceJob* reference_ = nullptr;

  DataPtr data_;
  MrcOptions options_;
  int paceMs_ = 0;
  int threads_ = 0;  // CPU threads (0: every core)
  ViewSettings view_;
  SnapshotPtr latest_;
  ModelPtr best_, current_;
  LossHistory history_;
  SnapshotHistory snapshots_;
  bool running_ = false;
  int loads_ = 0;  // loads sent to the worker and not answered yet
  ModelPtr opened_;
  DataPtr mlpData_;  // the data the MLP was trained on
  MlpConversion conversion_;

  QString sessionPath_;
  quint64 changes_ = 0, savedChanges_ = 0, autosavedChanges_ = 0;
  std::unique_ptr<AutosaveStore> autosave_;
  QTimer autosaveTimer_;
  bool autosaving_ = false;
  bool autosaveFailing_ = false;
  QString restoringCrashed_;  // marker of the crashed instance being restored
};

}  // namespace lreg::studio
