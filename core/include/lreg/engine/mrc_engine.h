// The MRC loop (Algorithms 1-3): a stepping engine the CLI runs to the end and the app steps
// one sub-step at a time. Not thread-safe: one thread drives it; snapshots are immutable and
// may be handed to other threads.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <lreg/data/dataset.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/engine/snapshot.h>
#include <lreg/engine/training_data.h>
#include <lreg/model/model.h>

namespace lreg {
namespace detail {
struct TrainingSet;
}

using SnapshotObserver = std::function<void(const SnapshotPtr&)>;

class MrcEngine {
 public:
  virtual ~MrcEngine() = default;

  /// Restarts the loop from a given function (e.g. a converted MLP): its mesh and coefficients
  /// become the current state and D becomes its node count. Throws Error when the model's
  /// dimension or outputs differ from the data's.
  void startFrom(const Model& model);
  /// Continues a saved fit (the app's sessions): `current` becomes the function as with
  /// startFrom, the loop counts on from `iteration` completed mesh updates (the budget and the
  /// snapshots' numbers continue), and `best` is the best model so far; its validation error
  /// is measured here, so a later fit replaces it only when it is better. Throws Error as
  /// startFrom, or when `best` doesn't fit the data or `iteration` is negative.
  void resume(const Model& current, int iteration, const Model& best);
  /// The snapshot of the starting mesh (Phase::Initial); sent to the observer once.
  SnapshotPtr initialSnapshot();
  /// Runs the next sub-step (after Reindex: Train of the next iteration) and returns its
  /// snapshot. Also sends it to the observer.
  SnapshotPtr step();
  /// Runs sub-steps until the current iteration has reached Reindex.
  SnapshotPtr iterate();
  /// Steps until converged() or `cancel` becomes true (checked between sub-steps, after the
  /// first fit); returns the best model. A sub-step that throws Error after a first fit ends
  /// the loop early: the best model so far is returned, its training["stopped"] saying why.
  Model run(const std::atomic<bool>* cancel = nullptr);

  /// True when the iteration budget is spent, validation stopped improving (patience) or the
  /// training error is down to the estimated noise.
  bool converged() const;
  Phase phase() const { return phase_; }
  /// Whether the loop moves nodes each iteration in a Polish sub-step after Train (2D least
  /// squares with node movement on); elsewhere Train completes the fit and Polish is skipped.
  virtual bool polishes() const { return false; }
  int iteration() const { return iteration_; }
  SnapshotPtr snapshot() const { return last_; }
  /// The model with the best validation RMSE seen after a fit (Train, or Polish: completesFit).
  Model bestModel() const;
  /// The model as it stands now.
  Model currentModel() const;
  /// A model's errors on every training sample, from the samples the engine keeps (no second
  /// copy of the data; in 1D one sorted pass), over all processes (collective).
  virtual Metrics trainingMetrics(const Model& model) const = 0;
  /// The best placement of the same number of nodes this engine can find for its data, to
  /// measure a fit against: several starts (the fitted model's mesh among them), each moved to
  /// a local minimum of the least-squares error (exact coefficients, node movement run to
  /// convergence; flips in 2D), the one with the smallest training error kept. Much slower
  /// than run(), and it leaves the engine's state undefined: call it last. With a cancel flag
  /// set (setCancelFlag) that becomes true, the search stops within a polish step (no further
  /// step or start) and returns the best placement so far, in 1D as in 2D/3D.
  virtual Model referenceModel(const Model& fitted) = 0;
  /// A flag the long searches (referenceModel) poll; null: none. It must outlive the calls.
  void setCancelFlag(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  /// The estimated standard deviation of the noise on one output (from the samples' local
  /// noise estimates; 0 without noise awareness).
  virtual double noiseLevel() const = 0;
  const MrcOptions& options() const { return options_; }
  const Normalizer& normalizer() const { return normalizer_; }
  int dim() const { return dim_; }
  /// The current coefficients, #D by C.
  const RowMatrix& coefficients() const { return coef_; }
  /// Receives every snapshot. With `metricsEveryPhase` each sub-step's snapshot carries fresh
  /// metrics (a pass over the data); without, only those completing a fit do (others repeat
  /// them).
  void setObserver(SnapshotObserver observer, bool metricsEveryPhase = true) {
    observer_ = std::move(observer);
    metricsEveryPhase_ = metricsEveryPhase;
  }

 protected:
  MrcEngine(const detail::TrainingSet& train, const Dataset* validation, const MrcOptions& options);

  // One method per sub-step; each leaves the engine in a consistent state.
  virtual void train() = 0;
  /// The Polish sub-step (only called when polishes()): moves nodes, sets moved_/movedFrom_.
  virtual void moveNodes() {}
  virtual void refine() = 0;
  virtual void interpolate() = 0;
  virtual void coarsen() = 0;
  virtual void reindex() = 0;
  /// Fills the mesh part of a snapshot: nodes and simplices.
  virtual void describeMesh(Snapshot& s) const = 0;
  /// Predictions on unit-domain inputs U (#N by d) with the current function.
  virtual RowMatrix evaluate(const RowMatrix& U) const = 0;
  /// Fills the mesh part of a model (nodes, simplices, coefficients) with the current function.
  virtual void exportFunction(Model& m) const = 0;
  /// Makes the model's mesh and coefficients (unit domain) the current function.
  virtual void adoptFunction(const Model& m) = 0;
  /// Last touch on the model bestModel() returns (the 1D engine refits a subsampled placement
  /// on all samples here). Default: nothing.
  virtual void finalizeModel(Model& m) const { (void)m; }
  /// True when the current fit's training error is no more than noise explains (with noise
  /// awareness; the engines estimate the noise from the data). Default: never.
  virtual bool atNoiseFloor() const { return false; }
  /// True when the loop may end early once its first fits all trained clearly worse than the
  /// start's (converged()). Default: never.
  virtual bool leavesPoorLoops() const { return false; }
  /// Metrics of the current function on the training samples the engine keeps.
  virtual Metrics trainMetrics() const = 0;
  Metrics validationMetrics(const Metrics& train) const;
  /// The flag of setCancelFlag (null: none).
  const std::atomic<bool>* cancelFlag() const { return cancel_; }
  bool cancelled() const { return cancel_ && cancel_->load(); }
  /// A new Train starts: no nodes inserted, planned for removal, removed or moved.
  void clearHighlights();
  /// A new mesh numbering (Reindex, a new function): no highlights and `cells` zero counts.
  void resetHighlights(int cells);

  MrcOptions options_;
  Normalizer normalizer_;
  int dim_ = 1;
  int outputs_ = 1;
  RowMatrix validU_, validY_;  ///< validation set (the training set when none was given)
  bool hasValidation_ = false;
  std::vector<std::string> inputNames_, outputNames_;
  // The function and the loop's highlights, in the current mesh's numbering; every snapshot
  // carries them (finish()).
  RowMatrix coef_;             ///< #D by C coefficients
  Vector hardness_;            ///< per simplex: residual energy or hard-sample counts
  std::vector<int> inserted_;  ///< nodes the last Refine inserted
  std::vector<int> toRemove_;  ///< nodes the coming Coarsen removes
  RowMatrix removed_;          ///< #k by d positions of the nodes the last Coarsen removed
  std::vector<int> moved_;     ///< nodes the last Polish moved
  RowMatrix movedFrom_;        ///< #k by d positions of those nodes before it
  std::vector<std::array<int, 2>> flipped_;  ///< edges the last Train's flips created

 private:
  SnapshotPtr finish(Phase done, double seconds);
  void recordFit(double validationRmse);

  Phase phase_ = Phase::Initial;
  int iteration_ = 0;
  int sinceImprovement_ = 0;
  double startLoss_ = 0;     ///< the first fit's loss
  int worseThanStart_ = -1;  ///< fits since the first, all clearly worse than it (-1: not so)
  double bestLoss_ = 0;
  bool haveBest_ = false;
  Model best_;
  SnapshotPtr last_;
  SnapshotObserver observer_;
  bool metricsEveryPhase_ = true;
  const std::atomic<bool>* cancel_ = nullptr;
  double totalSeconds_ = 0;
};

/// Makes the engine for the data's dimension: intervals for d = 1, triangles or tetrahedra for
/// d = 2, 3. Throws Error for other dimensions, absurd options or too little data. The engine
/// copies the training samples into its own layout: `train` need not outlive the call.
std::unique_ptr<MrcEngine> makeEngine(const DatasetView& train, const Dataset* validation,
                                      const MrcOptions& options);
/// The same for a data set in memory (read where it is, not copied first).
std::unique_ptr<MrcEngine> makeEngine(const Dataset& train, const Dataset* validation,
                                      const MrcOptions& options);
/// The same for training data that may be spread over processes or streamed (collective: every
/// process of the data's communicator makes its engine, and runs it, in step). The loop places
/// nodes on a placement sample that every process holds whole, so every process takes the same
/// decisions; the passes over all samples (the final refit and polish, training errors) sum on
/// each process and then over the processes.
std::unique_ptr<MrcEngine> makeEngine(const TrainingData& train, const Dataset* validation,
                                      const MrcOptions& options);

/// Fits to the end, as `lreg fit` does: makeEngine(train, validation, options)->run(cancel),
/// the best model by validation RMSE (the training set's when `validation` is null).
Model fit(const DatasetView& train, const MrcOptions& options = {},
          const Dataset* validation = nullptr, const std::atomic<bool>* cancel = nullptr);

}  // namespace lreg
