#include "engine/full_passes.h"

#include <algorithm>

#include <lreg/base/parallel.h>
#include <lreg/simplicial/barycentric.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/basis1d.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"
#include "1d/samples1d.h"
#include "engine/chunked_sums.h"
#include "engine/interval_grid.h"
#include "engine/simplex_records.h"
#include "simplicial/pass_locator.h"

namespace lreg::detail {
namespace {

// Packs arrays into one buffer, sums it over the processes (one collective), unpacks.
template <class... Arrays>
void sumAll(Communicator& comm, Arrays&... arrays) {
  if (comm.size() == 1) return;
  std::vector<double> buffer;
  (buffer.insert(buffer.end(), arrays.data(), arrays.data() + arrays.size()), ...);
  comm.sum(buffer.data(), long(buffer.size()));
  const double* at = buffer.data();
  ((std::copy_n(at, arrays.size(), arrays.data()), at += arrays.size()), ...);
}

// 1D sums of rows that are not sorted: each sample finds its interval by binary search.
Moments1D blockMoments1D(const Mesh1D& mesh, const SampleSource& source, const UnitMap& unit) {
  const int M = mesh.intervals(), C = source.outputs;
  std::vector<double> inverse(M);
  for (int j = 0; j < M; ++j) inverse[size_t(j)] = 1.0 / mesh.width(j);
  const IntervalGrid grid(mesh);
  // Layout of a partial: aa, ab, bb, yy, count (M each), then ay, by (M by C each).
  const long size = long(M) * (5 + 2 * C);
  const std::vector<double> total =
      chunkedSums(source, size, [&](double* p, const double* X, const double* Y, long n) {
        double* ay = p + 5L * M;
        double* by = ay + long(M) * C;
        for (long i = 0; i < n; ++i) {
          double u;
          unit.apply(X + i, &u);
          const int j = grid.locate(u);
          const double t = hatPosition(u, mesh.node(j), inverse[size_t(j)]), a = 1.0 - t;
          p[j] += a * a;
          p[M + j] += a * t;
          p[2 * M + j] += t * t;
          p[4 * M + j] += 1.0;
          for (int k = 0; k < C; ++k) {
            const double y = Y[i * C + k];
            ay[j * C + k] += a * y;
            by[j * C + k] += t * y;
            p[3 * M + j] += y * y;
          }
        }
      });
  Moments1D m;
  auto column = [&](long offset) { return Eigen::Map<const Vector>(total.data() + offset, M); };
  m.aa = column(0);
  m.ab = column(M);
  m.bb = column(2L * M);
  m.yy = column(3L * M);
  m.count = column(4L * M);
  m.ay = Eigen::Map<const RowMatrix>(total.data() + 5L * M, M, C);
  m.by = Eigen::Map<const RowMatrix>(total.data() + 5L * M + long(M) * C, M, C);
  return m;
}

// Predictions of `model` for n raw rows, a block at a time (the model's own normalizer).
class Predictor {
 public:
  explicit Predictor(const Model& model) : model_(model), unit_(model.normalizer) {
    if (model.dim == 1) {
      mesh1_ = Mesh1D(std::vector<double>(model.nodes.data(), model.nodes.data() + model.dof()));
      grid1_ = std::make_unique<IntervalGrid>(mesh1_);
      return;
    }
    mesh_ = SimplexMesh{model.dim, model.nodes, model.simplices};
    frames_ = std::make_unique<SimplexLocator>(mesh_);
    if (model.dim == 2)
      locate2_ = std::make_unique<PassLocator<2>>(mesh_, *frames_);
    else
      locate3_ = std::make_unique<PassLocator<3>>(mesh_, *frames_);
  }
  void predict(const double* X, long n, double* P) const {
    const int d = model_.dim, C = model_.outputs;
    double u[3], lambda[4];
    for (long i = 0; i < n; ++i) {
      unit_.apply(X + i * d, u);
      double* out = P + i * C;
      if (d == 1) {
        const HatWeights w = hatWeights(mesh1_, grid1_->locate(u[0]), u[0]);
        for (int k = 0; k < C; ++k)
          out[k] = w.wLeft * model_.coefficients(w.left, k) +
                   w.wRight * model_.coefficients(w.left + 1, k);
        continue;
      }
      const int t = d == 2 ? locate2_->locate(u, lambda) : locate3_->locate(u, lambda);
      for (int k = 0; k < C; ++k) out[k] = 0;
      for (int a = 0; a <= d; ++a)
        for (int k = 0; k < C; ++k)
          out[k] += lambda[a] * model_.coefficients(mesh_.simplices(t, a), k);
    }
  }

 private:
  const Model& model_;
  UnitMap unit_;
  Mesh1D mesh1_;
  std::unique_ptr<IntervalGrid> grid1_;
  SimplexMesh mesh_;
  std::unique_ptr<SimplexLocator> frames_;
  std::unique_ptr<PassLocator<2>> locate2_;
  std::unique_ptr<PassLocator<3>> locate3_;
};

MetricSums blockMetricSums(const Model& model, const SampleSource& source) {
  const Predictor predictor(model);
  const int C = source.outputs;
  const std::vector<double> total =
      chunkedSums(source, 4L * C + 1, [&](double* p, const double* X, const double* Y, long n) {
        std::vector<double> P(size_t(n * C));
        predictor.predict(X, n, P.data());
        MetricSums s = MetricSums::aboutCoefficients(model.coefficients);
        s.add(Y, P.data(), n);
        std::copy_n(s.sums.data(), 4 * C, p);
        p[4 * C] = s.count;
      });
  MetricSums s = MetricSums::aboutCoefficients(model.coefficients);
  std::copy_n(total.data(), 4 * C, s.sums.data());
  s.count = total[size_t(4 * C)];
  return s;
}

// 1D samples in memory, sorted once: each pass is the engine's own sorted pass.
class SortedPasses1D final : public FullPasses {
 public:
  SortedPasses1D(Samples1D samples, Communicator& comm)
      : samples_(std::move(samples)), comm_(comm) {}
  Moments1D moments(const Mesh1D& mesh) const override {
    ++passes_;
    Moments1D m = Moments1D::compute(mesh, samples_, samples_.intervalStarts(mesh));
    reduce(m, comm_);
    return m;
  }
  MomentsND moments(const SimplexMesh&, const SimplexLocator&) const override {
    throw Error("internal: a 2D/3D pass over 1D samples");
  }
  Metrics metrics(const Model& model) const override {
    ++passes_;
    const Mesh1D mesh(std::vector<double>(model.nodes.data(), model.nodes.data() + model.dof()));
    MetricSums s =
        metricSumsSorted1D(mesh, model.coefficients, samples_, samples_.intervalStarts(mesh));
    reduce(s, comm_);
    return finishMetrics(s);
  }

 private:
  Samples1D samples_;
  Communicator& comm_;
};

// Rows visited a block at a time (streamed, or 2D/3D in memory): each pass locates every sample.
class BlockPasses final : public FullPasses {
 public:
  BlockPasses(std::shared_ptr<const SampleSource> source, const Normalizer& normalizer,
              Communicator& comm)
      : source_(std::move(source)), unit_(normalizer), comm_(comm) {}
  Moments1D moments(const Mesh1D& mesh) const override {
    ++passes_;
    Moments1D m = blockMoments1D(mesh, *source_, unit_);
    reduce(m, comm_);
    return m;
  }
  MomentsND moments(const SimplexMesh& mesh, const SimplexLocator& locator) const override {
    ++passes_;
    MomentsND m = blockMomentsND(mesh, locator, *source_, unit_);
    reduce(m, comm_);
    return m;
  }
  Metrics metrics(const Model& model) const override {
    ++passes_;
    return metricsOf(model, *source_, comm_);
  }

 private:
  std::shared_ptr<const SampleSource> source_;
  UnitMap unit_;
  Communicator& comm_;
};

}  // namespace

std::shared_ptr<const FullPasses> makeFullPasses(std::shared_ptr<const SampleSource> source,
                                                 const Normalizer& normalizer, Communicator& comm) {
  if (const Dataset* rows = source->inMemory()) {
    if (source->dim == 1) {
      const double lo = normalizer.lo(0), scale = 1.0 / (normalizer.hi(0) - normalizer.lo(0));
      // [lo, hi] bounds these rows (for MPI: every process's rows), so the units lie in [0, 1].
      return std::make_shared<SortedPasses1D>(
          Samples1D::sorted(rows->X, rows->Y, lo, scale, std::pair{0.0, 1.0}), comm);
    }
    if (!source->owned()) {  // borrowed rows may not outlive the engine's constructor: copy
      auto copy = std::make_shared<Dataset>(*rows);
      source = memorySource(*copy, source->firstRow, copy);
    }
  }
  return std::make_shared<BlockPasses>(std::move(source), normalizer, comm);
}

Metrics metricsOf(const Model& model, const SampleSource& source, Communicator& comm) {
  MetricSums s = blockMetricSums(model, source);
  reduce(s, comm);
  return finishMetrics(s);
}

void reduce(Moments1D& m, Communicator& comm) {
  sumAll(comm, m.aa, m.ab, m.bb, m.ay, m.by, m.yy, m.count);
}

void reduce(MomentsND& m, Communicator& comm) {
  sumAll(comm, m.G, m.B, m.yy, m.count);
}

void reduce(MetricSums& s, Communicator& comm) {
  Vector count = Vector::Constant(1, s.count);
  sumAll(comm, s.sums, count);
  s.count = count(0);
}

}  // namespace lreg::detail
