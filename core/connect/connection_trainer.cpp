#include <lreg/connect/connection_trainer.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include "1d/basis1d.h"
#include "1d/coarsen1d.h"
#include "1d/refine1d.h"
#include "connect/connection_pass.h"
#include "connect/feature_pca.h"
#include "engine/adam.h"
#include "engine/hard_samples.h"

namespace lreg {
namespace {

// Samples per gradient block: a batch is cut into fixed blocks whose gradients are summed in
// block order, so the result does not depend on how many threads share the blocks.
constexpr int kBlock = 32;
// sigmoid(1.702 s) is within 0.01 of the normal CDF Phi(s): a component whose score s has unit
// variance (and a roughly normal spread) starts close to uniform on (0, 1).
constexpr double kLogisticToNormal = 1.702;

}  // namespace

void ConnectionOptions::validate(int inputs) const {
  auto bad = [](const std::string& what) { throw Error("invalid connection option: " + what); };
  if (components < 1 || components > inputs)
    bad("components must be between 1 and the number of features (" + std::to_string(inputs) +
        "), got " + std::to_string(components));
  if (dof < 2 || dof > 1000000) bad("dof must be between 2 and 1000000");
  if (!(minWidth > 0) || (dof - 1) * minWidth >= 1.0) bad("minimum width too large for the dof");
  if (batchSize < 1) bad("batch size must be >= 1");
  if (!(learningRate > 0) || !std::isfinite(learningRate)) bad("learning rate must be > 0");
  if (!(projectionRate >= 0) || !std::isfinite(projectionRate))
    bad("projection learning rate must be >= 0");
  if (hardPerBatch < 0) bad("hard samples per batch must be >= 0");
  if (refineCount < 0) bad("refine count must be >= 0");
  if (meshUpdatesPerEpoch < 0 || meshUpdatesPerEpoch > 100000)
    bad("mesh updates per epoch must be between 0 and 100000");
  if (!(damping > 0 && damping <= 1)) bad("damping must be in (0, 1]");
  if (!(prior >= 0 && prior < 1)) bad("prior must be in [0, 1)");
}

// One block's share of a batch: its gradient and the per-sample scratch space, sized once.
struct GradientBlock {
  RowMatrix W, c;
  Vector b;
  std::vector<double> x, out, grad, z, t;
  std::vector<int> cell;
};

struct ConnectionTrainer::Impl {
  Impl(const ConnectionData& train, const ConnectionOptions& o)
      : data(train), options(o), rng(o.seed) {}

  const ConnectionData& data;
  ConnectionOptions options;
  detail::FeatureScaling scaling;
  ConnectionModel params;  ///< W and b act on standardised features
  detail::AdamState adamW, adamB, adamC;
  Random rng;
  std::vector<long> order;
  std::vector<Vector> hard, occupancy;  ///< per component, per interval, since the last update
  std::vector<GradientBlock> blocks;
  std::vector<double> losses;  ///< #batch
  std::vector<int> cells;      ///< #d by batch: cells[j * batch + b]
  RowMatrix gradW, gradC;
  Vector gradB;
  std::vector<ComponentMeshUpdate> last;
  int epoch = 0, updates = 0;
  bool pending = false;

  int d() const { return params.components(); }
  int n() const { return params.dof(); }
  int C() const { return params.outputs(); }

  void initialise();
  void placeInitialMeshes();
  void resetCounts();
  double trainBatch(long first, int B);
  void accumulate(GradientBlock& g, long sample, int b, int B);
  void updateMeshes();
  ConnectionModel exported() const;
};

void ConnectionTrainer::Impl::initialise() {
  const int Cin = data.inputs(), dd = options.components, nn = options.dof, CC = data.outputCount();
  scaling = detail::standardiseColumns(data.features);
  const detail::PrincipalComponents pc = detail::principalComponents(data.features, scaling, dd);
  params.task = options.task;
  params.W.resize(dd, Cin);
  for (int j = 0; j < dd; ++j) {
    // A direction without variance (d above the features' rank) gives a constant z = 1/2.
    const double v = pc.variances(j);
    params.W.row(j) = (v > 0 ? kLogisticToNormal / std::sqrt(v) : 0.0) * pc.directions.row(j);
  }
  params.b = Vector::Zero(dd);  // standardised features are centred
  params.meshes.assign(size_t(dd), Mesh1D::uniform(nn));
  params.coefficients = RowMatrix::Zero(long(dd) * nn, CC);  // epoch 0 is the frozen model
  placeInitialMeshes();
  adamW.reset(dd, Cin);
  adamB.reset(dd, 1);
  adamC.reset(dd * nn, CC);
  order.resize(size_t(data.size()));
  std::iota(order.begin(), order.end(), 0L);
  const int B = int(std::min<long>(options.batchSize, data.size()));
  blocks.resize(size_t((B + kBlock - 1) / kBlock));
  for (GradientBlock& g : blocks) {
    g.W.resize(dd, Cin);
    g.b.resize(dd);
    g.c.resize(long(dd) * nn, CC);
    g.x.resize(size_t(Cin));
    g.out.resize(size_t(CC));
    g.grad.resize(size_t(CC));
    g.z.resize(size_t(dd));
    g.t.resize(size_t(dd));
    g.cell.resize(size_t(dd));
  }
  losses.resize(size_t(B));
  cells.resize(size_t(dd) * size_t(B));
  resetCounts();
}

// The meshes start at the quantiles of half the density of z, half uniform (as in 1D): nodes
// where the samples are, without leaving sparse ends empty.
void ConnectionTrainer::Impl::placeInitialMeshes() {
  const RowMatrix Z = exported().components(data.features);
  const Mesh1D reference = Mesh1D::uniform(std::max(4 * options.dof, 64) + 1);
  for (int j = 0; j < d(); ++j) {
    Vector share = Vector::Zero(reference.intervals());
    for (long s = 0; s < Z.rows(); ++s) share(reference.locate(Z(s, j))) += 1.0 / double(Z.rows());
    Vector mass(reference.intervals());
    for (int q = 0; q < reference.intervals(); ++q)
      mass(q) = 0.5 * share(q) + 0.5 * reference.width(q);
    params.meshes[size_t(j)] =
        Mesh1D(detail::equalFrequencyNodes(reference, mass, options.dof, options.minWidth));
  }
}

void ConnectionTrainer::Impl::resetCounts() {
  hard.assign(size_t(d()), Vector::Zero(n() - 1));
  occupancy.assign(size_t(d()), Vector::Zero(n() - 1));
}

// Forward and backward pass of one sample (index `sample`, position b in the batch) into g.
void ConnectionTrainer::Impl::accumulate(GradientBlock& g, long sample, int b, int B) {
  const int Cin = data.inputs(), dd = d(), nn = n(), CC = C();
  const double* raw = data.features.row(sample).data();
  for (int k = 0; k < Cin; ++k)
    g.x[size_t(k)] = (raw[k] - scaling.mean(k)) * scaling.inverseScale(k);
  std::copy_n(data.outputs.row(sample).data(), CC, g.out.data());
  detail::connectionForward(params, g.x.data(), {g.z.data(), g.cell.data(), g.t.data()},
                            g.out.data());
  const int label =
      options.task == ConnectionTask::Classification ? data.labels[size_t(sample)] : 0;
  const double* target =
      options.task == ConnectionTask::Regression ? data.targets.row(sample).data() : nullptr;
  losses[size_t(b)] =
      detail::connectionLoss(options.task, g.out.data(), CC, label, target, g.grad.data());
  for (int j = 0; j < dd; ++j) {
    const int i = g.cell[size_t(j)];
    const double t = g.t[size_t(j)], z = g.z[size_t(j)];
    cells[size_t(j) * size_t(B) + size_t(b)] = i;
    const long row = long(j) * nn + i;
    const double* c0 = params.coefficients.row(row).data();
    const double* c1 = params.coefficients.row(row + 1).data();
    double* g0 = g.c.row(row).data();
    double* g1 = g.c.row(row + 1).data();
    double slope = 0;  // d out / d z_j, dotted with d loss / d out
    for (int k = 0; k < CC; ++k) {
      const double gk = g.grad[size_t(k)];
      g0[k] += (1 - t) * gk;
      g1[k] += t * gk;
      slope += gk * (c1[k] - c0[k]);
    }
    const double da = slope / params.meshes[size_t(j)].width(i) * z * (1 - z);
    if (da == 0) continue;
    double* gw = g.W.row(j).data();
    for (int k = 0; k < Cin; ++k) gw[k] += da * g.x[size_t(k)];
    g.b(j) += da;
  }
}

double ConnectionTrainer::Impl::trainBatch(long first, int B) {
  const long blockCount = (B + kBlock - 1) / kBlock;
  parallelFor(blockCount, [&](long a, long e) {
    for (long q = a; q < e; ++q) {
      GradientBlock& g = blocks[size_t(q)];
      g.W.setZero();
      g.b.setZero();
      g.c.setZero();
      const int last = std::min(B, int(q + 1) * kBlock);
      for (int b = int(q) * kBlock; b < last; ++b) accumulate(g, order[size_t(first + b)], b, B);
    }
  });
  gradW = blocks[0].W;
  gradB = blocks[0].b;
  gradC = blocks[0].c;
  for (long q = 1; q < blockCount; ++q) {  // in block order: independent of the thread count
    gradW += blocks[size_t(q)].W;
    gradB += blocks[size_t(q)].b;
    gradC += blocks[size_t(q)].c;
  }
  const double scale = 1.0 / B;
  gradW *= scale;
  gradB *= scale;
  gradC *= scale;
  adamC.apply(params.coefficients, gradC, options.learningRate);
  if (options.projectionRate > 0) {
    adamW.apply(params.W, gradW, options.projectionRate);
    adamB.apply(params.b.data(), gradB.data(), long(gradB.size()), options.projectionRate);
  }
  for (int j = 0; j < d(); ++j) {
    const int* cellOf = cells.data() + size_t(j) * size_t(B);
    detail::countTopK(losses.data(), cellOf, B, options.hardPerBatch, hard[size_t(j)]);
    for (int b = 0; b < B; ++b) occupancy[size_t(j)](cellOf[b]) += 1;
  }
  double sum = 0;
  for (int b = 0; b < B; ++b) sum += losses[size_t(b)];
  return sum;
}

// The MRC step on every component's mesh: refine the hardest intervals (the function is
// unchanged), coarsen back to n nodes by equal-frequency binning of the hard-sample density,
// and carry the coefficients over by interpolation.
void ConnectionTrainer::Impl::updateMeshes() {
  const int nn = n();
  const int k = options.refineCount > 0 ? options.refineCount : std::max(1, nn / 2);
  last.assign(size_t(d()), {});
  for (int j = 0; j < d(); ++j) {
    const Mesh1D& mesh = params.meshes[size_t(j)];
    const RowMatrix c = params.coefficients.middleRows(long(j) * nn, nn);
    detail::RefinedMesh1D r = detail::refineHardest(mesh, hard[size_t(j)], k, options.minWidth);
    const RowMatrix fineC = detail::interpolate1D(mesh, c, r.fine);
    const double seen = occupancy[size_t(j)].sum();
    const Vector share = detail::splitAmounts(
        r.original, seen > 0 ? Vector(occupancy[size_t(j)] / seen) : occupancy[size_t(j)]);
    const Vector mass = detail::coarseningMass(r.fine, r.original, r.hardness, share, nn - 1,
                                               options.damping, options.prior);
    Mesh1D coarse(detail::equalFrequencyNodes(r.fine, mass, nn, options.minWidth));
    ComponentMeshUpdate& u = last[size_t(j)];
    u.fine = r.fine.nodes();
    u.inserted = r.inserted;
    u.removed = detail::unmatchedNodes(r.fine.nodes(), coarse.nodes());
    u.coarse = coarse.nodes();
    params.coefficients.middleRows(long(j) * nn, nn) = detail::interpolate1D(r.fine, fineC, coarse);
    params.meshes[size_t(j)] = std::move(coarse);
  }
  adamC.reset(d() * nn, C());  // the moments belonged to nodes that moved
  resetCounts();
  ++updates;
}

ConnectionModel ConnectionTrainer::Impl::exported() const {
  // W x_hat + b with x_hat = (x - mean) .* s is (W diag(s)) x + (b - W (mean .* s)).
  ConnectionModel m = params;
  m.W = params.W * scaling.inverseScale.asDiagonal();
  m.b = params.b - params.W * scaling.mean.cwiseProduct(scaling.inverseScale);
  m.training["components"] = std::to_string(options.components);
  m.training["dof"] = std::to_string(options.dof);
  m.training["epochs"] = std::to_string(epoch);
  m.training["mesh_updates"] = std::to_string(updates);
  m.training["batch"] = std::to_string(options.batchSize);
  m.training["seed"] = std::to_string(options.seed);
  m.training["samples"] = std::to_string(data.size());
  return m;
}

ConnectionTrainer::ConnectionTrainer(const ConnectionData& train, const ConnectionOptions& options)
    : impl_(std::make_unique<Impl>(train, options)) {
  train.validate(options.task);
  options.validate(train.inputs());
  impl_->initialise();
}

ConnectionTrainer::~ConnectionTrainer() = default;

double ConnectionTrainer::trainEpoch() {
  Impl& s = *impl_;
  const long N = s.data.size();
  const long B = std::min<long>(s.options.batchSize, N);
  const long batches = (N + B - 1) / B;
  const long U = s.options.meshUpdatesPerEpoch;
  s.rng.shuffle(s.order);
  double total = 0;
  for (long q = 0; q < batches; ++q) {
    if (s.pending) {
      s.updateMeshes();
      s.pending = false;
    }
    const long first = q * B;
    total += s.trainBatch(first, int(std::min(B, N - first)));
    // U updates per epoch, spread evenly: after the batches where floor(q U / batches) steps.
    if (U > 0 && (q + 1) * U / batches > q * U / batches) s.pending = true;
  }
  ++s.epoch;
  return total / double(N);
}

int ConnectionTrainer::epoch() const {
  return impl_->epoch;
}

ConnectionModel ConnectionTrainer::model() const {
  return impl_->exported();
}

const ConnectionOptions& ConnectionTrainer::options() const {
  return impl_->options;
}

const std::vector<ComponentMeshUpdate>& ConnectionTrainer::lastMeshUpdate() const {
  return impl_->last;
}

int ConnectionTrainer::meshUpdates() const {
  return impl_->updates;
}

}  // namespace lreg
