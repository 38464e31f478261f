// The engine's thread. An EngineWorker lives on its own QThread and owns the data and the
// MrcEngine; every command arrives through its inbox() (a Mailbox on its thread) and every
// result leaves as a signal emitted on its thread, which the session relays through its own
// mailbox, so the UI never waits on a fit. Runs advance one sub-step per event (the next sub-step
// is re-posted to this thread's event loop), so Pause, Step, Reset and loads get in between any two
// sub-steps.
#pragma once

#include <QObject>

#include <memory>
#include <mutex>

#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/node_trails.h>
#include "app/studio/mailbox.h"
#include "app/studio/studio_metatypes.h"

namespace lreg::studio {

class EngineWorker : public QObject {
  Q_OBJECT

 public:
  explicit EngineWorker(QObject* parent = nullptr);
  ~EngineWorker() override;

  /// A copy of the engine's state; safe from any thread.
  EngineStatus status() const;
  /// Calls posted here run on the worker's thread (it moves there with the worker).
  Mailbox* inbox() { return &inbox_; }

 public slots:
  /// Loads data (generator, file or embedded) and starts a fresh engine on it; with `restore`
  /// (a saved session) the engine resumes its fit: its current model, iteration count and best
  /// model. On failure the current data and engine stay as they are and loadFailed() names the
  /// problem.
  void load(const lreg::studio::DataRequest& request, const lreg::MrcOptions& options,
            const lreg::studio::SessionPtr& restore = {});
  /// A fresh engine with new options on the current data (a trained model is discarded).
  void configure(const lreg::MrcOptions& options);
  /// A fresh engine with the current options.
  void reset();
  /// A fresh engine on the current data that starts from `model` (e.g. a converted MLP): its
  /// mesh and coefficients, and its node count as D. On failure the engine stays as it was.
  void startFrom(lreg::studio::ModelPtr model);
  /// Runs until the engine converges (iteration budget or patience), or until the fit of
  /// iteration `untilIteration` when that is >= 0 (patience ignored then).
  void run(int untilIteration = -1);
  void pause();
  /// Runs sub-steps until the next fit is done (one MRC iteration); mid-run it stops the run
  /// there.
  void stepIteration();
  /// Exactly one sub-step (pauses a run first).
  void subStep();
  /// Milliseconds to wait between sub-steps while running (0: as fast as possible).
  void setPace(int milliseconds);

 signals:
  /// A fresh engine: new data (or the same with new options) and its starting snapshot;
  /// `restored` is the session it resumed (null unless load() was given one).
  void started(lreg::studio::DataPtr data, lreg::SnapshotPtr initial,
               lreg::studio::SessionPtr restored);
  void loadFailed(const QString& message, lreg::studio::SessionPtr restore);
  /// Configuration or a sub-step failed; the engine is as it was before the command.
  void failed(const QString& message);
  void snapshotReady(lreg::SnapshotPtr snapshot);
  /// After every Train sub-step: the errors of the new fit (and of the best model), the model it
  /// fitted and the best model so far (the fit with the best training RMSE, finalised).
  void fitted(lreg::studio::IterationRecord record, lreg::studio::ModelPtr current,
              lreg::studio::ModelPtr best);
  void runningChanged(bool running);
  /// A run reached its goal (convergence, or the requested iteration).
  void runFinished();

 private:
  enum class Goal { Converge, Iteration, NextFit };

  void startEngine(DataPtr data, const MrcOptions& options, const Model* start = nullptr,
                   const SessionPtr& restore = {});
  void startChain(Goal goal, int iteration);
  void stopChain();
  void chainStep(quint64 token);
  bool goalReached() const;
  /// One sub-step with its signals; false (and failed()) when the engine threw.
  bool advance();
  void reportFit(const Snapshot& s);  // the loss-history record of a Train sub-step
  BestModelFigures measureBest(const Model& best) const;  // a pass over the train and test data
  void publishStatus();

  Mailbox inbox_{this};
  DataPtr data_;
  MrcOptions options_;
  std::unique_ptr<MrcEngine> engine_;
  ModelPtr best_;  // the last best model reported, and its errors
  BestModelFigures bestFigures_;
  double lastFitTotal_ = 0;  // engine seconds at the previous fit, for time per iteration
  NodeTrails trails_;        // the moved nodes' paths over the last polish steps (2D trails)

  bool running_ = false;
  Goal goal_ = Goal::Converge;
  int goalIteration_ = -1;
  quint64 token_ = 0;  // identifies the current chain; stale re-posted steps see another value
  int paceMs_ = 0;

  mutable std::mutex statusMutex_;
  EngineStatus status_;
};

}  // namespace lreg::studio
