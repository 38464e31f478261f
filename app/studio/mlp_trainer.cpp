#include "app/studio/mlp_trainer.h"

#include <chrono>
#include <cmath>
#include <limits>

#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>

namespace lreg::studio {

MlpTrainer::MlpTrainer(QObject* parent) : QObject(parent) {
  connect(&job_, &BackgroundJob::failed, this, &MlpTrainer::failed);
  connect(&job_, &BackgroundJob::finished, this, [this] { emit finished(cancelled_); });
}

void MlpTrainer::restore(std::shared_ptr<const Mlp> mlp, std::vector<MlpEpoch> curve,
                         MlpConversion shown) {
  job_.cancel();
  ++generation_;
  mlp_ = std::move(mlp);
  curve_ = std::move(curve);
  shown_ = std::move(shown);
  planned_ = curve_.empty() ? 0 : curve_.back().epoch;
  cancelled_ = false;
  emit progress();
}

bool MlpTrainer::train(DataPtr data, const MlpOptions& options, int nodes) {
  if (job_.isRunning()) return false;
  // Built here so bad options throw to the caller instead of on the thread.
  auto net = std::make_shared<Mlp>(data->train.dim(), data->train.outputs(), options);
  mlp_.reset();
  shown_ = {};
  curve_.clear();
  planned_ = options.epochs;
  cancelled_ = false;
  const int generation = ++generation_;
  return job_.start([this, data, net, nodes, generation,
                     epochs = options.epochs](const std::atomic<bool>& cancel) {
    const Normalizer n = Normalizer::fit(data->train.X);
    const RowMatrix U = n.toUnit(data->train.X);
    const RowMatrix testU = data->hasTest() ? n.toUnit(data->test.X) : RowMatrix();
    // About 80 points on the curve, and at least one every half second on long trainings.
    const int every = std::max(1, epochs / 80);
    auto lastReport = std::chrono::steady_clock::now();
    for (int e = 1; e <= epochs; ++e) {
      if (cancel) {
        job_.post([this, generation] { cancelled_ = generation == generation_; });
        return;
      }
      net->trainEpoch(U, data->train.Y);
      const auto now = std::chrono::steady_clock::now();
      if (e % every != 0 && e != epochs && now - lastReport < std::chrono::milliseconds(500))
        continue;
      lastReport = now;
      MlpEpoch point;
      point.epoch = e;
      point.trainRmse = computeMetrics(data->train.Y, net->predict(U)).rmse;
      point.testRmse = data->hasTest() ? computeMetrics(data->test.Y, net->predict(testU)).rmse
                                       : std::numeric_limits<double>::quiet_NaN();
      auto copy = std::make_shared<const Mlp>(*net);  // the UI keeps it; training goes on
      // Drawn as what it is, a piecewise-linear function (exact in 1D).
      MlpConversion shown = convertMlp(*copy, *data, nodes);
      job_.post([this, point, copy, shown, generation] {
        if (generation != generation_) return;
        curve_.push_back(point);
        mlp_ = copy;
        shown_ = shown;
        emit progress();
      });
    }
  });
}

}  // namespace lreg::studio
