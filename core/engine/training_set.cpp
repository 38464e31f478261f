#include "engine/training_set.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <lreg/base/number_text.h>
#include <lreg/base/parallel.h>
#include <lreg/base/random.h>
#include <lreg/data/dataset.h>

namespace lreg::detail {
namespace {

// The first row (from 0) with a target beyond kLargestTarget, and its column; row -1: none.
struct LargeTarget {
  long row = -1;
  int column = 0;
  double value = 0;
};

// One block: the input range (lo, hi, widened) and the rows the placement keeps, appended
// row-major (inputs, then targets), in order; the block is split over threads and the pieces
// joined in order.
void scanBlock(const double* X, const double* Y, long n, long first, int d, int C, long every,
               std::vector<double>& lo, std::vector<double>& hi, std::vector<double>& out,
               LargeTarget& large) {
  const int T = threadCount();
  std::vector<std::vector<double>> part(T), low(T), high(T);
  std::vector<LargeTarget> larges(T);
  parallelFor(T, [&](long t0, long t1) {
    for (long t = t0; t < t1; ++t) {
      std::vector<double> l = lo, h = hi;  // locals: no false sharing between threads
      for (long i = n * t / T; i < n * (t + 1) / T; ++i) {
        for (int k = 0; k < d; ++k) {
          l[size_t(k)] = std::min(l[size_t(k)], X[i * d + k]);
          h[size_t(k)] = std::max(h[size_t(k)], X[i * d + k]);
        }
        for (int k = 0; k < C && larges[size_t(t)].row < 0; ++k)
          if (std::abs(Y[i * C + k]) > kLargestTarget)
            larges[size_t(t)] = {first + i, k, Y[i * C + k]};
        if (every > 1 && Random::hash(std::uint64_t(first + i)) % std::uint64_t(every) != 0)
          continue;
        part[size_t(t)].insert(part[size_t(t)].end(), X + i * d, X + (i + 1) * d);
        part[size_t(t)].insert(part[size_t(t)].end(), Y + i * C, Y + (i + 1) * C);
      }
      low[size_t(t)] = std::move(l);
      high[size_t(t)] = std::move(h);
    }
  });
  for (const LargeTarget& l : larges)
    if (large.row < 0 && l.row >= 0) large = l;  // threads in row order: the first row
  for (int t = 0; t < T; ++t)
    for (int k = 0; k < d; ++k) {
      lo[size_t(k)] = std::min(lo[size_t(k)], low[size_t(t)][size_t(k)]);
      hi[size_t(k)] = std::max(hi[size_t(k)], high[size_t(t)][size_t(k)]);
    }
  for (const auto& p : part) out.insert(out.end(), p.begin(), p.end());
}

}  // namespace

TrainingSet TrainingSet::make(const TrainingData& data, const MrcOptions& options) {
  Communicator& comm = data.comm();
  const SampleSource& source = data.samples();
  const int d = data.dim(), C = data.outputs();
  TrainingSet set;
  set.comm = &comm;
  set.size = data.size();
  set.dim = d;
  set.outputs = C;
  set.inputNames = data.inputNames();
  set.outputNames = data.outputNames();
  set.source = data.source();
  const std::string named = set.source.empty() ? "the training data" : set.source;
  const long N = set.size;
  const long limit =
      options.placementSamples > 0 ? std::max(options.placementSamples, 64L * options.dof) : 0;
  const bool everySample = limit == 0 || N <= limit;
  const long every = everySample ? 1
                     : d == 1    ? std::max(1L, N / (16 * limit))
                                 : (N + limit - 1) / limit;

  // One pass: the input range and the kept rows. A malformed block (streamed) stops every
  // process here, before any fitting.
  std::vector<double> lo(d, HUGE_VAL), hi(d, -HUGE_VAL), kept;
  std::string failure;
  try {
    LargeTarget large;
    source.forEachBlock(
        [&](const double* X, const double* Y, long n, long first) {
          scanBlock(X, Y, n, first, d, C, every, lo, hi, kept, large);
        },
        1);
    if (large.row >= 0)
      failure = named + ": row " + std::to_string(large.row + 1) + ", target column " +
                std::to_string(large.column + 1) + ": " + largeTargetText(large.value);
  } catch (const Error& e) {
    failure = e.what();
  }
  comm.agree(failure);
  comm.min(lo.data(), d);
  comm.max(hi.data(), d);
  set.normalizer.lo = Eigen::Map<const Vector>(lo.data(), d);
  set.normalizer.hi = Eigen::Map<const Vector>(hi.data(), d);
  // 1D: every sample at one x leaves every interval but one without data (2D/3D: a constant
  // column still leaves a lower-dimensional fit, and any unit scale works for it).
  if (d == 1 && !(set.normalizer.hi(0) > set.normalizer.lo(0)))
    throw Error(named + ": the input column is constant (every x is " +
                significant(set.normalizer.lo(0)) + "): a 1D fit needs at least two distinct x");
  for (int k = 0; k < d; ++k) {  // a constant column: any unit scale works
    const double lo0 = set.normalizer.lo(k), hi0 = set.normalizer.hi(k), width = hi0 - lo0;
    if (!(hi0 > lo0)) {
      set.normalizer.hi(k) = lo0 + 1.0;
      continue;
    }
    // The unit domain is (x - lo) / width: a width that overflows, or one so small that its
    // inverse does (subnormal), has no such map (the fit failed with "normal equations are not
    // positive definite").
    const std::string column = named + ": input column " + std::to_string(k + 1) + " spans [" +
                               significant(lo0) + ", " + significant(hi0) + "]";
    if (!std::isfinite(width))
      throw Error(column + ", a range wider than the largest double: scale the inputs");
    if (width < std::numeric_limits<double>::min())
      throw Error(column + ", a range narrower than the smallest normal double (" +
                  significant(std::numeric_limits<double>::min()) + "): scale the inputs");
  }

  const std::vector<double> rows = comm.gather(kept);
  std::vector<double>().swap(kept);
  const long n = long(rows.size()) / (d + C);
  const Eigen::Map<const RowMatrix> all(rows.data(), n, d + C);
  const RowMatrix X = all.leftCols(d), Y = all.rightCols(C);
  set.meanY = Y.colwise().mean();
  if (d == 1) {
    const double lo0 = set.normalizer.lo(0), scale = 1.0 / (set.normalizer.hi(0) - lo0);
    set.sorted = Samples1D::sorted(X, Y, lo0, scale, std::pair{0.0, 1.0});  // lo/hi: of all rows
    if (!everySample && set.sorted.size() > limit) set.sorted = set.sorted.subset(limit);
  } else {
    set.unitX = set.normalizer.toUnit(X);
    set.Y = Y;
  }
  if (!everySample) set.full = makeFullPasses(data.sharedSamples(), set.normalizer, comm);
  return set;
}

}  // namespace lreg::detail
