// The Connection view's logic without widgets (like StudioSession): the frozen model's data
// (three .npy files per set, or the built-in Fashion-MNIST demo), the connection trained on
// them epoch by epoch on a BackgroundJob (never on the UI thread; cancellable), and what the
// view draws: per-epoch loss and accuracy against the base's, each component's histogram and
// mesh, the confusion matrix before and after. Loads and training report by signal; a failed
// load keeps what was loaded and trained.
#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <string>
#include <vector>

#include <lreg/connect/connection_files.h>
#include <lreg/connect/connection_trainer.h>
#include "app/studio/background_job.h"
#include "app/studio/connection_analysis.h"
#include "app/studio/fashion_demo.h"

namespace lreg::studio {

/// The files of a training set and, optionally (features empty: none), a validation set.
struct ConnectionSources {
  ConnectionFiles train, val;
  ConnectionTask task = ConnectionTask::Classification;
};

/// What a connection is trained and evaluated on, with the frozen base's scores.
struct ConnectionSet {
  std::shared_ptr<const ConnectionData> train, val;  ///< val null: evaluated on train
  ConnectionTask task = ConnectionTask::Classification;
  std::string name;        ///< "Fashion-MNIST demo" or the features file's name
  ConnectionScore base;    ///< the base's outputs on the evaluation set
  ConfusionMatrix before;  ///< the base's confusion on the evaluation set (classification)

  const ConnectionData& evaluation() const { return val ? *val : *train; }
  bool classification() const { return task == ConnectionTask::Classification; }
};

/// The scores after one epoch, on the evaluation set (validation when there is one).
struct ConnectionEpoch {
  int epoch = 0;
  double trainLoss = 0;  ///< mean loss of the epoch's batches, as trained on
  ConnectionScore score;
  double seconds = 0;  ///< since the training started
};

/// The connection as of an epoch (epoch 0: as initialised, equal to the base) and its pictures.
struct ConnectionState {
  ConnectionModel model;
  int epoch = 0;
  std::vector<std::vector<long>> histograms;    ///< per component, z_j of the training set
  std::vector<ComponentMeshUpdate> meshUpdate;  ///< the last mesh update (empty before one)
  ConfusionMatrix after;                        ///< on the evaluation set (classification)
};

class ConnectionSession : public QObject {
  Q_OBJECT

 public:
  static constexpr int kHistogramBins = 40;

  explicit ConnectionSession(QObject* parent = nullptr);

  /// Reads the files on a background thread: loaded() or loadFailed(message naming the file).
  /// Throws Error while something runs.
  void loadFiles(const ConnectionSources& sources);
  /// Makes the Fashion-MNIST demo on a background thread (progress() says each step).
  /// Throws Error while something runs, or naming the missing file and the Debian package.
  void loadDemo(const FashionDemoOptions& options = {});
  /// Trains a fresh connection for `epochs` epochs on a background thread: trainingStarted,
  /// then epochFinished per epoch, then trainingFinished. Throws Error (before anything
  /// starts) without data, while something runs, or for bad options or epochs.
  void train(const ConnectionOptions& options, int epochs);
  /// Stops a training after its current epoch (or a demo between its base's epochs).
  void cancel() { job_.cancel(); }
  bool isBusy() const { return job_.isRunning(); }

  /// Writes the trained connection (the connection model file). Throws Error naming the file,
  /// or when nothing is trained.
  void saveModel(const QString& path) const;

  std::shared_ptr<const ConnectionSet> data() const { return data_; }
  /// The latest state (null before a training started).
  std::shared_ptr<const ConnectionState> state() const { return state_; }
  const std::vector<ConnectionEpoch>& epochs() const { return epochs_; }
  int epochsPlanned() const { return planned_; }

 signals:
  void loadStarted();
  void loaded();
  void loadFailed(const QString& message);
  void progress(const QString& message);
  void trainingStarted();
  void epochFinished();
  void trainingFinished(bool cancelled);
  void trainingFailed(const QString& message);
  /// A load or training ended (after its own signals): isBusy() is false.
  void idle();

 private:
  /// The base's scores, then the set replaces the current one (on the UI thread).
  void startLoad(std::function<std::shared_ptr<ConnectionSet>(const std::atomic<bool>&)> make);

  BackgroundJob job_;
  enum class Work { None, Load, Train } work_ = Work::None;
  bool cancelled_ = false;
  QString failure_;  // the running work's error, reported when its thread ends
  std::shared_ptr<const ConnectionSet> data_;
  std::shared_ptr<const ConnectionSet> loadedSet_;  // a finished load, until its thread ends
  std::shared_ptr<const ConnectionState> state_;
  std::vector<ConnectionEpoch> epochs_;
  int planned_ = 0;
};

}  // namespace lreg::studio
