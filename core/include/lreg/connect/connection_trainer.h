// Training of an LReg connection on a frozen model: minibatch Adam on the connection's
// parameters only (W, b, c), and the MRC loop on every component's mesh, driven by the
// top-k hard samples of each batch (refine, interpolate, coarsen back to n nodes, as in 1D).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <lreg/connect/connection.h>
#include <lreg/connect/connection_data.h>

namespace lreg {

struct ConnectionOptions {
  ConnectionTask task = ConnectionTask::Classification;
  int components = 8;  ///< d
  int dof = 8;         ///< n nodes per component mesh
  int batchSize = 256;
  double learningRate = 1e-2;  ///< Adam rate of the coefficients c
  /// Adam rate of W and b. They act on standardised features (zero mean, unit variance per
  /// column), so the rate does not depend on the features' units.
  double projectionRate = 1e-3;
  int hardPerBatch = 16;        ///< top-k hard samples counted per batch
  int refineCount = 0;          ///< intervals refined per component and mesh update (0: n/2)
  int meshUpdatesPerEpoch = 1;  ///< MRC rounds per epoch (0: the meshes stay as initialised)
  double damping = 0.5;         ///< weight of the new node density against the current mesh
  double prior = 0.05;          ///< weight of the data-density prior
  double minWidth = 1e-4;       ///< smallest interval of a component mesh (on [0, 1])
  std::uint64_t seed = 1;

  /// Throws Error naming the first absurd parameter; `inputs` is C_in (d <= C_in).
  void validate(int inputs) const;
};

/// What one mesh update did to component j's mesh, for display.
struct ComponentMeshUpdate {
  std::vector<double> fine;    ///< the refined mesh's nodes
  std::vector<int> inserted;   ///< indices in `fine` of the inserted midpoints
  std::vector<int> removed;    ///< indices in `fine` of the nodes the coarsening dropped
  std::vector<double> coarse;  ///< the n nodes after coarsening
};

class ConnectionTrainer {
 public:
  /// Initialises W from the PCA of the standardised training features (the d leading
  /// directions, scaled so that each component of z is close to uniform on (0, 1)), b so that
  /// they are centred, the meshes at the quantiles of z, and c = 0: before training the
  /// connected model equals the frozen one. `train` must outlive the trainer. Throws Error for
  /// bad data or options.
  ConnectionTrainer(const ConnectionData& train, const ConnectionOptions& options);
  ~ConnectionTrainer();
  ConnectionTrainer(const ConnectionTrainer&) = delete;
  ConnectionTrainer& operator=(const ConnectionTrainer&) = delete;

  /// One epoch of shuffled minibatches; meshUpdatesPerEpoch times per epoch the meshes are
  /// updated from the hard-sample counts gathered since the last update (the update runs
  /// before the next batch, so the model returned after an epoch is always a trained one).
  /// Returns the mean training loss of the epoch's batches, as they were trained on.
  double trainEpoch();
  int epoch() const;

  /// The connection as trained so far, acting on raw features.
  ConnectionModel model() const;
  const ConnectionOptions& options() const;
  /// The last mesh update, one entry per component (empty before the first).
  const std::vector<ComponentMeshUpdate>& lastMeshUpdate() const;
  int meshUpdates() const;  ///< how many mesh updates ran

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lreg
