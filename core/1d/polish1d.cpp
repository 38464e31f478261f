#include "1d/polish1d.h"

#include <algorithm>
#include <cmath>

#include <lreg/base/error.h>
#include "1d/banded_spd.h"
#include "1d/least_squares1d.h"
#include "engine/lm_damping.h"

namespace lreg::detail {
namespace {

// Unknowns are ordered node by node: [c_i(0..C-1), p_i]. A sample in interval j depends on the
// blocks of nodes j and j+1 only, so J^T J is banded with bandwidth 2 (C+1) - 1.
struct NormalSystem {
  BandedSpd JtJ;
  RowMatrix Jtr;  // #(D (C+1)) by 1
};

NormalSystem assemble(const Mesh1D& mesh, const RowMatrix& c, const Moments1D& m) {
  const int D = mesh.size(), C = int(c.cols()), B = C + 1;
  NormalSystem sys{BandedSpd(D * B, 2 * B - 1), RowMatrix::Zero(D * B, 1)};
  for (int j = 0; j + 1 < D; ++j) {
    // For output k a sample's gradient is (a, -s a) on node j's (c_k, p) and (b, -s b) on node
    // j+1's, s the slope: the sums of a^2, ab, b^2 and a r, b r give the whole contribution.
    const double S[2][2] = {{m.aa(j), m.ab(j)}, {m.ab(j), m.bb(j)}};
    const int node[2] = {j, j + 1};
    for (int k = 0; k < C; ++k) {
      const double s = (c(j + 1, k) - c(j, k)) / mesh.width(j);
      const double R[2] = {m.aa(j) * c(j, k) + m.ab(j) * c(j + 1, k) - m.ay(j, k),
                           m.ab(j) * c(j, k) + m.bb(j) * c(j + 1, k) - m.by(j, k)};
      for (int u = 0; u < 2; ++u) {
        const int cu = node[u] * B + k, pu = node[u] * B + C;
        sys.Jtr(cu, 0) += R[u];
        sys.Jtr(pu, 0) += -s * R[u];
        for (int v = 0; v <= u; ++v) {
          const int cv = node[v] * B + k, pv = node[v] * B + C;
          sys.JtJ.add(cu, cv, S[u][v]);
          sys.JtJ.add(pu, pv, s * s * S[u][v]);
          sys.JtJ.add(cu, pv, -s * S[u][v]);
          if (u != v) sys.JtJ.add(pu, cv, -s * S[u][v]);
        }
      }
    }
  }
  return sys;
}

}  // namespace

PolishResult polishNodes1D(const Mesh1D& mesh, const RowMatrix& coefficients,
                           const Moments1D& moments, const MomentsFunction& computeMoments,
                           double smoothing, double minWidth, int steps, double noiseFloor,
                           const std::vector<char>& movable, const std::atomic<bool>* cancel) {
  PolishResult best{mesh, coefficients, moments, moments.residualEnergy(coefficients).sum()};
  const int D = mesh.size(), C = int(coefficients.cols()), B = C + 1;
  LmDamping lm;
  for (int it = 0;
       it < steps && !lm.givenUp() && best.sse > noiseFloor && !(cancel && cancel->load()); ++it) {
    const NormalSystem sys = assemble(best.mesh, best.coefficients, best.moments);
    double meanDiag = 0;
    for (int i = 0; i < D * B; ++i) meanDiag += sys.JtJ.get(i, i);
    meanDiag = meanDiag / (D * B) + 1e-300;
    BandedSpd A = sys.JtJ;
    for (int i = 0; i < D * B; ++i) A.add(i, i, lm.mu * sys.JtJ.get(i, i) + 1e-12 * meanDiag);
    // The end nodes are the domain's boundary: pin them with a huge diagonal.
    A.add(C, C, 1e30 * meanDiag);
    A.add((D - 1) * B + C, (D - 1) * B + C, 1e30 * meanDiag);
    if (!movable.empty())  // and the nodes that stay
      for (int i = 1; i + 1 < D; ++i)
        if (!movable[size_t(i)]) A.add(i * B + C, i * B + C, 1e30 * meanDiag);
    RowMatrix delta = -sys.Jtr;
    try {
      A.solve(delta);
    } catch (const Error&) {
      lm.reject();
      continue;
    }
    std::vector<double> p = best.mesh.nodes();
    for (int i = 1; i + 1 < D; ++i) {
      if (!movable.empty() && !movable[size_t(i)]) continue;
      // Keep the order of the nodes: no node moves past a quarter of a neighbouring interval.
      const double limit = 0.25 * std::min(best.mesh.width(i - 1), best.mesh.width(i));
      p[i] += std::clamp(delta(i * B + C, 0), -limit, limit);
    }
    for (int i = 1; i + 1 < D; ++i) p[i] = std::max(p[i], p[i - 1] + minWidth);
    for (int i = D - 2; i >= 1; --i) p[i] = std::min(p[i], p[i + 1] - minWidth);
    Mesh1D trial(std::move(p));
    Moments1D trialMoments = computeMoments(trial);
    // Variable projection: the coefficients are re-solved exactly for the moved nodes.
    RowMatrix c = solveLeastSquares1D(trial, trialMoments, smoothing);
    const double sse = trialMoments.residualEnergy(c).sum();
    if (sse < best.sse) {
      const double gain = (best.sse - sse) / best.sse;
      best = {std::move(trial), std::move(c), std::move(trialMoments), sse};
      lm.accept();
      if (gain < 1e-6) break;  // converged for any practical purpose
    } else {
      lm.reject();
    }
  }
  return best;
}

}  // namespace lreg::detail
