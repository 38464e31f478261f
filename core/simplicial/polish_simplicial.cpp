#include "simplicial/polish_simplicial.h"

#include <Eigen/SparseCholesky>
#include <algorithm>
#include <cmath>

#include "engine/lm_damping.h"
#include "simplicial/cached_ldlt.h"

namespace lreg::detail {
namespace {

// Largest share of a node's smallest altitude in its star that one step may move it: moving
// one vertex by less than its altitude cannot invert a simplex on its own.
constexpr double kAltitudeShare = 0.3;

// Gradient of barycentric coordinate a on simplex t, from the locator's frame (row-major
// (d+1) by (d+1): lambda_a = sum_tau x_tau S[tau][a] + S[d][a]).
inline double gradLambda(const SimplexLocator& loc, int t, int a, int tau) {
  return loc.frame(t)[tau * (loc.dim() + 1) + a];
}

struct Normal {
  Eigen::SparseMatrix<double> JtJ;
  Eigen::VectorXd Jtr;
};

// Unknowns node by node: [c_i (C values), p_i (d values)].
Normal assemble(const SimplicialFit& fit) {
  const SimplexMesh& mesh = fit.mesh;
  const int D = mesh.nodeCount(), d = mesh.dim, v = d + 1;
  const int C = int(fit.coefficients.cols()), B = C + d;
  std::vector<Eigen::Triplet<double>> trip;
  trip.reserve(size_t(mesh.simplexCount()) * v * v * B * B);
  Normal n{Eigen::SparseMatrix<double>(D * B, D * B), Eigen::VectorXd::Zero(D * B)};
  Eigen::MatrixXd g(C, d), R(v, C);
  for (int t = 0; t < mesh.simplexCount(); ++t) {
    if (fit.moments.count(t) == 0) continue;  // no sample: no term
    g.setZero();
    for (int a = 0; a < v; ++a)
      for (int k = 0; k < C; ++k)
        for (int tau = 0; tau < d; ++tau)
          g(k, tau) +=
              fit.coefficients(mesh.simplices(t, a), k) * gradLambda(*fit.locator, t, a, tau);
    for (int a = 0; a < v; ++a)
      for (int k = 0; k < C; ++k) {
        double r = -fit.moments.B(t, a * C + k);
        for (int b = 0; b < v; ++b)
          r += fit.moments.G(t, a * v + b) * fit.coefficients(mesh.simplices(t, b), k);
        R(a, k) = r;
      }
    const Eigen::MatrixXd gg = g.transpose() * g;  // d by d: sum over outputs of g_k g_k^T
    for (int a = 0; a < v; ++a) {
      const int ia = mesh.simplices(t, a);
      for (int b = 0; b < v; ++b) {
        const int ib = mesh.simplices(t, b);
        const double G = fit.moments.G(t, a * v + b);
        for (int k = 0; k < C; ++k) {
          trip.emplace_back(ia * B + k, ib * B + k, G);
          for (int tau = 0; tau < d; ++tau) {
            trip.emplace_back(ia * B + k, ib * B + C + tau, -G * g(k, tau));
            trip.emplace_back(ib * B + C + tau, ia * B + k, -G * g(k, tau));
          }
        }
        for (int s = 0; s < d; ++s)
          for (int tau = 0; tau < d; ++tau)
            trip.emplace_back(ia * B + C + s, ib * B + C + tau, G * gg(s, tau));
      }
      for (int k = 0; k < C; ++k) {
        n.Jtr(ia * B + k) += R(a, k);
        for (int s = 0; s < d; ++s) n.Jtr(ia * B + C + s) -= g(k, s) * R(a, k);
      }
    }
  }
  n.JtJ.setFromTriplets(trip.begin(), trip.end());
  return n;
}

// Per node: the smallest altitude over its simplices (1 / |grad lambda|).
std::vector<double> smallestAltitude(const SimplicialFit& fit) {
  const SimplexMesh& mesh = fit.mesh;
  std::vector<double> h(mesh.nodeCount(), HUGE_VAL);
  for (int t = 0; t < mesh.simplexCount(); ++t)
    for (int a = 0; a <= mesh.dim; ++a) {
      double g2 = 0;
      for (int tau = 0; tau < mesh.dim; ++tau)
        g2 += std::pow(gradLambda(*fit.locator, t, a, tau), 2);
      const int i = mesh.simplices(t, a);
      h[i] = std::min(h[i], 1.0 / std::sqrt(g2));
    }
  return h;
}

// Shortens the moves `delta` (#D by d) until every simplex keeps at least max(minShrink times
// its volume, minVolume): first halving the moves of the offending simplices' vertices, then
// cancelling them. False when no valid step remains.
bool keepValid(const SimplexMesh& mesh, const RowMatrix& delta0, RowMatrix& delta, double minVolume,
               double minShrink) {
  std::vector<double> before(mesh.simplexCount());
  for (int t = 0; t < mesh.simplexCount(); ++t) before[t] = mesh.signedVolume(t);
  SimplexMesh trial = mesh;
  delta = delta0;
  for (int round = 0; round < 30; ++round) {
    trial.nodes = mesh.nodes + delta;
    std::vector<char> shrink(mesh.nodeCount(), 0);
    bool bad = false;
    for (int t = 0; t < mesh.simplexCount(); ++t)
      if (!(trial.signedVolume(t) > std::max(minShrink * before[t], minVolume))) {
        bad = true;
        for (int a = 0; a <= mesh.dim; ++a) shrink[mesh.simplices(t, a)] = 1;
      }
    if (!bad) return true;
    for (int i = 0; i < mesh.nodeCount(); ++i)
      if (shrink[i]) delta.row(i) *= round < 8 ? 0.5 : 0.0;
  }
  return false;
}

}  // namespace

std::vector<std::array<bool, 3>> pinnedAxes(const SimplexMesh& mesh) {
  std::vector<std::array<bool, 3>> pinned(mesh.nodeCount(), {false, false, false});
  for (int i = 0; i < mesh.nodeCount(); ++i)
    for (int k = 0; k < mesh.dim; ++k)
      pinned[i][k] = std::abs(mesh.nodes(i, k)) < 1e-12 || std::abs(mesh.nodes(i, k) - 1) < 1e-12;
  return pinned;
}

PolishReport polishSimplicial(SimplicialFit& fit, const RefitFunction& refit,
                              const PolishSettings& settings) {
  PolishReport report;
  const int D = fit.mesh.nodeCount(), d = fit.mesh.dim, C = int(fit.coefficients.cols());
  const int B = C + d;
  const std::vector<std::array<bool, 3>> pinned = pinnedAxes(fit.mesh);
  LmDamping lm;
  CachedLdlt ldlt;  // the mesh's topology, and so the pattern, is fixed within a polish
  while (report.accepted < settings.steps && !lm.givenUp() && fit.sse > settings.noiseFloor &&
         !(settings.cancel && settings.cancel->load())) {
    const Normal n = assemble(fit);
    Eigen::SparseMatrix<double> A = n.JtJ;
    double meanDiag = 0;
    for (int i = 0; i < D * B; ++i) meanDiag += A.coeff(i, i);
    meanDiag = meanDiag / (D * B) + 1e-300;
    Eigen::SparseMatrix<double> damping(D * B, D * B);
    std::vector<Eigen::Triplet<double>> diag;
    for (int i = 0; i < D * B; ++i) {
      const bool fixed = i % B >= C && pinned[i / B][i % B - C];
      diag.emplace_back(i, i, fixed ? 1e30 * meanDiag : lm.mu * A.coeff(i, i) + 1e-12 * meanDiag);
    }
    damping.setFromTriplets(diag.begin(), diag.end());
    A += damping;
    const CachedLdlt::Solver& solver = ldlt.factorize(A);
    if (solver.info() != Eigen::Success) break;
    const Eigen::VectorXd step = solver.solve(-n.Jtr);
    if (solver.info() != Eigen::Success || !step.allFinite()) break;
    const std::vector<double> altitude = smallestAltitude(fit);
    RowMatrix delta = RowMatrix::Zero(D, d);
    for (int i = 0; i < D; ++i) {
      for (int k = 0; k < d; ++k) delta(i, k) = pinned[i][k] ? 0.0 : step(i * B + C + k);
      const double norm = delta.row(i).norm(), limit = kAltitudeShare * altitude[i];
      if (norm > limit) delta.row(i) *= limit / norm;
    }
    RowMatrix safe;
    SimplicialFit trial;
    if (keepValid(fit.mesh, delta, safe, settings.minVolume, settings.minShrink) &&
        safe.squaredNorm() > 0) {
      trial.mesh = fit.mesh;
      trial.mesh.nodes += safe;
      trial.located = fit.located;
      refit(trial);
    }
    if (trial.locator && trial.sse < fit.sse * (1 - 1e-12)) {
      const double gain = (fit.sse - trial.sse) / fit.sse;
      fit = std::move(trial);
      ++report.accepted;
      if (settings.keepTrail) report.trail.push_back(fit.mesh.nodes);
      lm.accept();
      if (gain < 1e-7) break;  // converged for any practical purpose
    } else {
      lm.reject();
    }
  }
  return report;
}

}  // namespace lreg::detail
