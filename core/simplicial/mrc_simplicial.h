// The MRC loop on triangles (d = 2) and tetrahedra (d = 3): refinement by longest-edge
// bisection of the hardest simplices, coarsening by removing the nodes whose removal changes
// the fitted function least and re-meshing (Delaunay) what remains.
#pragma once

#include <memory>
#include <vector>

#include <lreg/base/random.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "cuda/cuda_moments_nd.h"
#include "engine/adam.h"
#include "engine/training_set.h"
#include "simplicial/moments_nd.h"
#include "simplicial/polish_simplicial.h"
#include "simplicial/refine_simplicial.h"

namespace lreg::detail {

class MrcSimplicial : public MrcEngine {
 public:
  /// The loop runs on train.unitX / train.Y (the placement sample); train.full, when set, refits
  /// the final mesh on every sample.
  MrcSimplicial(TrainingSet train, const Dataset* validation, const MrcOptions& options);

  const SimplexMesh& mesh() const { return mesh_; }
  Metrics trainingMetrics(const Model& model) const override;
  Model referenceModel(const Model& fitted) override;
  double noiseLevel() const override;
  bool polishes() const override;
  /// Whether a fit reached the noise floor and the floor held there (checked or not).
  bool floorHeld() const { return floor_ == FloorCheck::Held; }

 protected:
  void train() override;
  void moveNodes() override;
  void refine() override;
  void interpolate() override;
  void coarsen() override;
  void reindex() override;
  void describeMesh(Snapshot& s) const override;
  RowMatrix evaluate(const RowMatrix& U) const override;
  void exportFunction(Model& m) const override;
  void adoptFunction(const Model& m) override;
  Metrics trainMetrics() const override;
  bool atNoiseFloor() const override;
  bool leavesPoorLoops() const override;
  void finalizeModel(Model& m) const override;

 private:
  void refitOnAll(Model& m) const;
  /// Locates the samples and sums the moments on a new mesh.
  void meshChanged();
  /// The same after a refine or coarsen (old node i is now nodeMap[i], -1 when removed).
  void meshChanged(const IndexMatrix& oldSimplices, const std::vector<int>& nodeMap);
  void computeMoments();
  /// Makes `mesh` the current mesh, bisected where the data are up to the node budget.
  void useStart(SimplexMesh mesh);
  void chooseTensorStart();
  SimplicialFit takeFit();
  void putFit(SimplicialFit fit);
  void refit(SimplicialFit& fit) const;
  /// Node movement: at most `steps` steps, none once the error is at or below `noiseFloor`.
  PolishReport polish(SimplicialFit& fit, int steps, double noiseFloor) const;
  /// Flips while they pay; `created` (when given) gets the flipped-in edges still in the mesh.
  int flip(SimplicialFit& fit, std::vector<std::array<int, 2>>* created = nullptr) const;
  bool flipsPayOnHeldOut(const SimplexMesh& mesh, int passes) const;
  Bisection bisectByGain(int k);
  /// The k edges refinement bisects in `mesh` (by error gain, as refine() does).
  std::vector<std::array<int, 2>> edgesByGain(const SimplexMesh& mesh,
                                              const LocatedSamples& located, const RowMatrix& coef,
                                              int k) const;
  /// The longest edges of the `k` simplices ranked first by `score` (as bisectHardest).
  std::vector<std::array<int, 2>> edgesOfHardest(const SimplexMesh& mesh, const Vector& score,
                                                 int k) const;
  void finish(SimplicialFit& fit) const;
  void growTo(SimplicialFit& fit, int dof) const;
  /// After a fit: the first fit at the noise floor is checked on held-out samples.
  void checkNoiseFloor();
  /// The noise estimates the loop works with: none once the check refuted the floor.
  const std::vector<double>& loopNoise() const;
  double noiseFloor() const;
  double minVolume() const;
  void fitCoefficients();
  void planCoarsening();
  Vector hardness() const;
  void measureHardness();
  /// Bisects the longest edges of the `k` simplices ranked first by `score` (distinct edges,
  /// none shorter than twice the minimum width).
  Bisection bisectHardest(const Vector& score, int k);

  SimplexMesh mesh_;
  RowMatrix trainU_, trainY_;  ///< the loop's samples: inputs in the unit domain, targets
  std::shared_ptr<const FullPasses> full_;  ///< passes over every sample (null: the loop's are all)
  Random rng_;  ///< batch orders of the Adam path and the counts indicator
  enum class FloorCheck { Pending, Held, Refuted } floor_ = FloorCheck::Pending;
  bool floorUnchecked_ = false;  ///< held because the check could not tell (floor_check.h)
  std::unique_ptr<SimplexLocator> locator_;
  LocatedSamples located_;
  MomentsND moments_;
  std::vector<double> noise_;      ///< per training sample: local noise variance estimate
  std::vector<int> removalOrder_;  ///< coarsening candidates, planned ones first
  AdamState adam_;
  mutable SimplexMesh flipsRefusedOn_;  ///< the last mesh whose flips did not pay held out
  std::unique_ptr<CudaMomentsND> gpu_;  ///< the data pass on the GPU, when the device is CUDA
};

}  // namespace lreg::detail
