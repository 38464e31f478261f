#include "simplicial/moments_nd.h"

#include <Eigen/SparseCholesky>
#include <algorithm>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "simplicial/cached_ldlt.h"
#include "simplicial/gradient_jump.h"

namespace lreg::detail {
namespace {

// A node "has data" when the sum of psi_i^2 over its samples reaches two samples sitting on
// it; below that its coefficient is tied to its neighbours, the more the less data it has.
// Nodes with enough data are not biased at all.
constexpr double kEnoughSupport = 2.0;
constexpr double kSupportTie = 0.1;

// The sums of simplices [t0, t1), whose samples are order[start[t] .. start[t+1]). v = d+1 is
// a compile-time constant so the local sums stay in registers.
template <int v>
void sumSimplices(const LocatedSamples& located, const RowMatrix& Y, const std::vector<long>& start,
                  const std::vector<long>& order, long t0, long t1, MomentsND& m) {
  const int C = int(Y.cols());
  for (long t = t0; t < t1; ++t) {
    double G[v * v] = {}, yy = 0;
    double* B = m.B.row(t).data();  // v by C, row-major
    for (long i = start[t]; i < start[t + 1]; ++i) {
      const long n = order[i];
      const double* l = located.lambda.row(n).data();
      const double* y = Y.row(n).data();
      for (int a = 0; a < v; ++a) {
        for (int b = 0; b < v; ++b) G[a * v + b] += l[a] * l[b];
        for (int k = 0; k < C; ++k) B[a * C + k] += l[a] * y[k];
      }
      for (int k = 0; k < C; ++k) yy += y[k] * y[k];
    }
    std::copy(G, G + v * v, m.G.row(t).data());
    m.yy(t) = yy;
    m.count(t) = double(start[t + 1] - start[t]);
  }
}

}  // namespace

SimplexBuckets::SimplexBuckets(const std::vector<int>& simplex, int simplexCount)
    : start(simplexCount + 1, 0), order(simplex.size()) {
  for (int t : simplex) ++start[t + 1];
  for (int t = 0; t < simplexCount; ++t) start[t + 1] += start[t];
  std::vector<long> fill(start.begin(), start.end() - 1);
  for (long n = 0; n < long(order.size()); ++n) order[fill[simplex[n]]++] = n;
}

MomentsND MomentsND::zero(int dim, int outputs, int simplices) {
  const int v = dim + 1;
  MomentsND m;
  m.dim = dim;
  m.outputs = outputs;
  m.G = RowMatrix::Zero(simplices, v * v);
  m.B = RowMatrix::Zero(simplices, v * outputs);
  m.yy = Vector::Zero(simplices);
  m.count = Vector::Zero(simplices);
  return m;
}

MomentsND MomentsND::compute(const SimplexMesh& mesh, const LocatedSamples& located,
                             const RowMatrix& Y) {
  const int d = mesh.dim, nt = mesh.simplexCount();
  MomentsND m = zero(d, int(Y.cols()), nt);
  // Samples bucketed by simplex, so each simplex's sums are written by one thread only and the
  // result does not depend on the thread count.
  const SimplexBuckets buckets(located.simplex, nt);
  const std::vector<long>&start = buckets.start, &order = buckets.order;
  parallelFor(
      nt,
      [&](long t0, long t1) {
        if (d == 2)
          sumSimplices<3>(located, Y, start, order, t0, t1, m);
        else
          sumSimplices<4>(located, Y, start, order, t0, t1, m);
      },
      64);
  return m;
}

double MomentsND::residualEnergy(const SimplexMesh& mesh, int t, const RowMatrix& c) const {
  const int v = dim + 1;
  double e = yy(t);
  for (int k = 0; k < outputs; ++k)
    for (int a = 0; a < v; ++a) {
      const double ca = c(mesh.simplices(t, a), k);
      e -= 2 * ca * B(t, a * outputs + k);
      for (int b = 0; b < v; ++b) e += ca * G(t, a * v + b) * c(mesh.simplices(t, b), k);
    }
  return std::max(e, 0.0);
}

Vector MomentsND::residualEnergy(const SimplexMesh& mesh, const RowMatrix& c) const {
  Vector e(mesh.simplexCount());
  for (int t = 0; t < mesh.simplexCount(); ++t) e(t) = residualEnergy(mesh, t, c);
  return e;
}

RowMatrix solveLeastSquaresND(const SimplexMesh& mesh, const MomentsND& m, double smoothing) {
  const int D = mesh.nodeCount(), v = mesh.dim + 1, C = m.outputs;
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(size_t(mesh.simplexCount()) * v * v + size_t(D) * 8);
  Eigen::MatrixXd rhs = Eigen::MatrixXd::Zero(D, C);
  double trace = 0;
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int a = 0; a < v; ++a) {
      const int i = mesh.simplices(t, a);
      for (int b = 0; b < v; ++b) triplets.emplace_back(i, mesh.simplices(t, b), m.G(t, a * v + b));
      for (int k = 0; k < C; ++k) rhs(i, k) += m.B(t, a * C + k);
      trace += m.G(t, a * v + a);
    }
  // Edge penalties |c_i - c_j|^2: the user's smoothing and a tiny share that keeps nodes
  // without data defined.
  const double base = smoothing * m.count.sum() + 1e-9 * (trace / D + 1e-300);
  for (const auto& e : mesh.edges()) {
    triplets.emplace_back(e[0], e[0], base);
    triplets.emplace_back(e[1], e[1], base);
    triplets.emplace_back(e[0], e[1], -base);
    triplets.emplace_back(e[1], e[0], -base);
  }
  // A tie for nodes with little data under their hat (sum of psi^2 small against one sample's
  // worth): without it, a node whose support holds a sample or two near its far edge takes a
  // wild value that fits the noise. It penalises the gradient's jumps across faces (zero on a
  // linear function: exact linear data stay exact), not differences of coefficients.
  Vector tie = Vector::Zero(D);
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int a = 0; a < v; ++a) tie(mesh.simplices(t, a)) += m.G(t, a * v + a);
  for (int i = 0; i < D; ++i) {
    const double lack = std::max(0.0, 1.0 - tie(i) / kEnoughSupport);
    tie(i) = kSupportTie * lack * lack;
  }
  if (tie.maxCoeff() > 0) addGradientJumpPenalty(mesh, tie, triplets);
  for (int i = 0; i < D; ++i) triplets.emplace_back(i, i, 1e-14 * (trace / D + 1e-300));
  Eigen::SparseMatrix<double> A(D, D);
  A.setFromTriplets(triplets.begin(), triplets.end());
  // Refits of one mesh topology (flips aside, every polish step and trial) share the pattern:
  // each thread keeps its last analysis.
  thread_local CachedLdlt ldlt;
  const CachedLdlt::Solver& solver = ldlt.factorize(A);
  if (solver.info() != Eigen::Success) throw Error("normal equations could not be factorised");
  const Eigen::MatrixXd c = solver.solve(rhs);
  if (solver.info() != Eigen::Success || !c.allFinite())
    throw Error("normal equations could not be solved");
  return c;
}

}  // namespace lreg::detail
