// The MRC loop on a 1D mesh (Algorithms 1-3 of the paper, plus the residual-energy variant).
#pragma once

#include <vector>

#include <memory>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/random.h>
#include <lreg/engine/mrc_engine.h>
#include "1d/adam1d.h"
#include "1d/curvature_starts.h"
#include "1d/moments1d.h"
#include "1d/samples1d.h"
#include "cuda/cuda_samples1d.h"
#include "engine/training_set.h"

namespace lreg::detail {

class Mrc1D : public MrcEngine {
 public:
  /// The loop runs on train.sorted (the placement sample); train.full, when set, refits the final
  /// mesh on every sample.
  Mrc1D(TrainingSet train, const Dataset* validation, const MrcOptions& options);

  const Mesh1D& mesh() const { return mesh_; }
  Metrics trainingMetrics(const Model& model) const override;
  Model referenceModel(const Model& fitted) override;
  double noiseLevel() const override;

 protected:
  void train() override;
  void refine() override;
  void interpolate() override;
  void coarsen() override;
  void reindex() override;
  void describeMesh(Snapshot& s) const override;
  RowMatrix evaluate(const RowMatrix& U) const override;
  void exportFunction(Model& m) const override;
  void adoptFunction(const Model& m) override;
  Metrics trainMetrics() const override;
  void finalizeModel(Model& m) const override;

 private:
  void setMesh(Mesh1D mesh);
  void fitCoefficients();
  Moments1D computeMoments(const Mesh1D& mesh, const std::vector<long>& start) const;
  void measureHardness();
  void planCoarsening();
  Vector approximationEnergy(const Vector& residual) const;
  Vector coarseningMass() const;
  Vector capByData(Vector mass) const;
  Vector smoothedShares(const Vector& share) const;
  void keepOrRevert();
  void rememberSnapshot();
  struct Best;
  Best polishedFit(std::vector<double> nodes, bool all, int steps) const;
  CurvatureField pilotField(const Mesh1D& mesh) const;
  Best scored(Best b, const CurvatureField& field) const;
  static bool consider(Best& incumbent, Best candidate, double margin = 0);
  void curvatureRestarts(Best& best, const CurvatureField& field, int steps) const;
  void pilotRestarts(Best& best, const CurvatureField& field, int steps) const;
  bool nodeExchanges(Best& best, const CurvatureField& field, int steps) const;
  /// The margin a placement of `placed` fitted positions must win by on noisy data.
  double chanceMargin(double placed, const std::vector<int>& intervals,
                      const std::vector<long>& start) const;
  /// Invalid (valid = false) when no node would move.
  Best pastFloorFit(const std::vector<double>& nodes, int steps, const CurvatureField& field,
                    double& margin) const;
  std::vector<int> cellOfSamples() const;

  Samples1D samples_;  ///< the samples the loop places nodes on (every one, or a placement sample)
  std::shared_ptr<const FullPasses> full_;  ///< passes over every sample (null: samples_ is all)
  Mesh1D mesh_;
  std::vector<long> start_;      ///< samples_.intervalStarts(mesh_)
  Moments1D moments_;            ///< interval sums of the last least-squares fit
  std::vector<char> original_;   ///< per node of a refined mesh: was it a node before Refine?
  std::vector<double> planned_;  ///< the coarse nodes Coarsen will install
  std::unique_ptr<CudaSamples1D> gpu_;  ///< the data pass on the GPU, when the device is CUDA
  AdamState adam_;
  Random rng_;
  struct Best {
    bool valid = false;
    double sse = 0;
    Mesh1D mesh;
    RowMatrix coefficients;
    double loo = 0;          ///< the score on samples_: leave-one-out energy (set by scored())
  } best_;                   ///< the least-squares fit with the smallest training error so far
  Best snapshot_;            ///< the loop's fit with the smallest leave-one-out energy so far
  double damping_ = 0;       ///< the current weight of the new density (options.damping at most)
  double targetSpread_ = 0;  ///< squared norm of the targets' per-column range (curvature bound)
};

}  // namespace lreg::detail
