// Trains the MLP of the app's MLP story with Adam on its own thread (a BackgroundJob): the UI
// gets the network so far and its error curve every few epochs, and can cancel at any epoch.
#pragma once

#include <QObject>

#include <memory>
#include <vector>

#include <lreg/mlp/mlp.h>
#include "app/studio/background_job.h"
#include "app/studio/data_bundle.h"

namespace lreg::studio {

/// The errors of the network after an epoch (testRmse is NaN without a test set).
struct MlpEpoch {
  int epoch = 0;
  double trainRmse = 0;
  double testRmse = 0;
};

class MlpTrainer : public QObject {
  Q_OBJECT

 public:
  explicit MlpTrainer(QObject* parent = nullptr);

  /// Trains a fresh network on `data` (inputs mapped to the engine's unit domain) for
  /// options.epochs epochs. False when a training is running already. Throws Error for invalid
  /// options (before any thread starts).
  bool train(DataPtr data, const MlpOptions& options);
  void cancel() { job_.cancel(); }
  bool isRunning() const { return job_.isRunning(); }

  /// The network as of the latest progress report (null before the first).
  std::shared_ptr<const Mlp> mlp() const { return mlp_; }
  const std::vector<MlpEpoch>& curve() const { return curve_; }
  int epochsPlanned() const { return planned_; }

 signals:
  /// A new network and new points on the curve.
  void progress();
  /// Training ended (`cancelled` when stopped early); the last network is mlp().
  void finished(bool cancelled);
  void failed(const QString& message);

 private:
  BackgroundJob job_;
  std::shared_ptr<const Mlp> mlp_;
  std::vector<MlpEpoch> curve_;
  int planned_ = 0;
  bool cancelled_ = false;
};

}  // namespace lreg::studio
