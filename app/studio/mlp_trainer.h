// Trains the MLP of the app's MLP story with Adam on its own thread (a BackgroundJob): the UI
// gets the network so far, the network as an LReg model for drawing (converted on the same
// thread: a pass over the data) and its error curve every few epochs, and can cancel at any
// epoch.
#pragma once

#include <QObject>

#include <memory>
#include <vector>

#include <lreg/mlp/mlp.h>
#include "app/studio/background_job.h"
#include "app/studio/data_bundle.h"
#include "app/studio/mlp_conversion.h"
#include "app/studio/mlp_epoch.h"

namespace lreg::studio {

class MlpTrainer : public QObject {
  Q_OBJECT

 public:
  explicit MlpTrainer(QObject* parent = nullptr);

  /// Trains a fresh network on `data` (inputs mapped to the engine's unit domain) for
  /// options.epochs epochs; each report's network is converted with about `nodes` nodes in
  /// 2D/3D. False when a training is running already. Throws Error for invalid options (before
  /// any thread starts).
  bool train(DataPtr data, const MlpOptions& options, int nodes);
  /// Takes a saved network, its curve and its drawing (from a session) as if just trained.
  void restore(std::shared_ptr<const Mlp> mlp, std::vector<MlpEpoch> curve, MlpConversion shown);
  void cancel() { job_.cancel(); }
  bool isRunning() const { return job_.isRunning(); }

  /// The network as of the latest progress report (null before the first).
  std::shared_ptr<const Mlp> mlp() const { return mlp_; }
  /// mlp() as an LReg model (for drawing it); null model before the first report.
  const MlpConversion& shown() const { return shown_; }
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
  MlpConversion shown_;
  std::vector<MlpEpoch> curve_;
  int planned_ = 0;
  bool cancelled_ = false;
  int generation_ = 0;  // a training's reports are dropped once another one or a restore began
};

}  // namespace lreg::studio
