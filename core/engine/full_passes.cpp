#include "engine/full_passes.h"

#include <algorithm>

#include <lreg/base/parallel.h>
#include <lreg/simplicial/barycentric.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/basis1d.h"
#include "1d/hat.h"
#include "1d/least_squares1d.h"
#include "1d/samples1d.h"

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

// Per-chunk sums over every block of `source`: `accumulate(partial, X, Y, n)` adds n rows into a
// zeroed partial of `size` values; the partials are added to the total in chunk order. Chunks are
// `chunk` consecutive rows of this process (blocks hold whole chunks), so the sums depend neither
// on the thread count nor on whether the rows are in memory or streamed.
template <class Accumulate>
std::vector<double> chunkedSums(const SampleSource& source, long size,
                                const Accumulate& accumulate) {
  const long chunk = std::max(1L << 15, 4 * size);
  const int d = source.dim, C = source.outputs;
  std::vector<double> total(size_t(size), 0.0);
  const int wave = threadCount();
  std::vector<std::vector<double>> partial(wave, std::vector<double>(size));
  source.forEachBlock(
      [&](const double* X, const double* Y, long n, long) {
        const long chunks = (n + chunk - 1) / chunk;
        for (long c0 = 0; c0 < chunks; c0 += wave) {
          const long w = std::min<long>(wave, chunks - c0);
          parallelFor(w, [&](long a, long b) {
            for (long i = a; i < b; ++i) {
              const long first = (c0 + i) * chunk, m = std::min(chunk, n - first);
              std::fill(partial[size_t(i)].begin(), partial[size_t(i)].end(), 0.0);
              accumulate(partial[size_t(i)].data(), X + first * d, Y + first * C, m);
            }
          });
          for (long i = 0; i < w; ++i)
            for (long k = 0; k < size; ++k) total[size_t(k)] += partial[size_t(i)][size_t(k)];
        }
      },
      chunk);
  return total;
}

// The unit-domain map of the normalizer, as Normalizer::toUnit computes it.
struct UnitMap {
  Eigen::RowVectorXd lo, scale;
  explicit UnitMap(const Normalizer& n)
      : lo(n.lo.transpose()), scale((n.hi - n.lo).cwiseInverse().transpose()) {}
  void apply(const double* x, double* u) const {
    for (Eigen::Index k = 0; k < lo.size(); ++k) u[k] = (x[k] - lo(k)) * scale(k);
  }
};

// 1D sums of rows that are not sorted: each sample finds its interval by binary search.
Moments1D blockMoments1D(const Mesh1D& mesh, const SampleSource& source, const UnitMap& unit) {
  const int M = mesh.intervals(), C = source.outputs;
  std::vector<double> inverse(M);
  for (int j = 0; j < M; ++j) inverse[size_t(j)] = 1.0 / mesh.width(j);
  // Layout of a partial: aa, ab, bb, yy, count (M each), then ay, by (M by C each).
  const long size = long(M) * (5 + 2 * C);
  const std::vector<double> total =
      chunkedSums(source, size, [&](double* p, const double* X, const double* Y, long n) {
        double* ay = p + 5L * M;
        double* by = ay + long(M) * C;
        for (long i = 0; i < n; ++i) {
          double u;
          unit.apply(X + i, &u);
          const int j = mesh.locate(u);
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

// The sums of one sample in its simplex's record: G's upper triangle (row by row), B (v by C),
// |y|^2 and the count. One record per simplex keeps a sample's updates in one or two cache
// lines; G is symmetric, so its lower half is copied at the end.
template <int v>
void addToRecord(double* r, const double* lambda, const double* y, int C) {
  for (int a = 0; a < v; ++a)
    for (int c = a; c < v; ++c) *r++ += lambda[a] * lambda[c];
  for (int a = 0; a < v; ++a)
    for (int k = 0; k < C; ++k) *r++ += lambda[a] * y[k];
  double yy = 0;
  for (int k = 0; k < C; ++k) yy += y[k] * y[k];
  r[0] += yy;
  r[1] += 1.0;
}

MomentsND blockMomentsND(const SimplexMesh& mesh, const SimplexLocator& locator,
                         const SampleSource& source, const UnitMap& unit) {
  const int d = mesh.dim, v = d + 1, C = source.outputs, nt = mesh.simplexCount();
  const int upper = v * (v + 1) / 2, R = upper + v * C + 2;
  const std::vector<double> total =
      chunkedSums(source, long(nt) * R, [&](double* p, const double* X, const double* Y, long n) {
        double u[3], lambda[4];
        for (long i = 0; i < n; ++i) {
          unit.apply(X + i * d, u);
          double* r = p + long(locator.locate(u, lambda)) * R;
          d == 2 ? addToRecord<3>(r, lambda, Y + i * C, C) : addToRecord<4>(r, lambda, Y + i * C, C);
        }
      });
  MomentsND m;
  m.dim = d;
  m.outputs = C;
  m.G.resize(nt, v * v);
  m.B.resize(nt, v * C);
  m.yy.resize(nt);
  m.count.resize(nt);
  for (int t = 0; t < nt; ++t) {
    const double* r = total.data() + long(t) * R;
    for (int a = 0, q = 0; a < v; ++a)
      for (int c = a; c < v; ++c, ++q) m.G(t, a * v + c) = m.G(t, c * v + a) = r[q];
    for (int q = 0; q < v * C; ++q) m.B(t, q) = r[upper + q];
    m.yy(t) = r[R - 2];
    m.count(t) = r[R - 1];
  }
  return m;
}

// Predictions of `model` for n raw rows, a block at a time (the model's own normalizer).
class Predictor {
 public:
  explicit Predictor(const Model& model) : model_(model), unit_(model.normalizer) {
    if (model.dim == 1) {
      mesh1_ = Mesh1D(std::vector<double>(model.nodes.data(), model.nodes.data() + model.dof()));
      return;
    }
    mesh_ = SimplexMesh{model.dim, model.nodes, model.simplices};
    locator_ = std::make_unique<SimplexLocator>(mesh_);
  }
  void predict(const double* X, long n, double* P) const {
    const int d = model_.dim, C = model_.outputs;
    double u[3], lambda[4];
    for (long i = 0; i < n; ++i) {
      unit_.apply(X + i * d, u);
      double* out = P + i * C;
      if (d == 1) {
        const HatWeights w = hatWeights(mesh1_, u[0]);
        for (int k = 0; k < C; ++k)
          out[k] = w.wLeft * model_.coefficients(w.left, k) +
                   w.wRight * model_.coefficients(w.left + 1, k);
        continue;
      }
      const int t = locator_->locate(u, lambda);
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
  SimplexMesh mesh_;
  std::unique_ptr<SimplexLocator> locator_;
};

MetricSums blockMetricSums(const Model& model, const SampleSource& source) {
  const Predictor predictor(model);
  const int C = source.outputs;
  const std::vector<double> total =
      chunkedSums(source, 4L * C + 1, [&](double* p, const double* X, const double* Y, long n) {
        std::vector<double> P(size_t(n * C));
        predictor.predict(X, n, P.data());
        MetricSums s(C);
        s.add(Y, P.data(), n);
        std::copy_n(s.sums.data(), 4 * C, p);
        p[4 * C] = s.count;
      });
  MetricSums s(C);
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
      return std::make_shared<SortedPasses1D>(Samples1D::sorted(rows->X, rows->Y, lo, scale), comm);
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
