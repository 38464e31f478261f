#include "engine/simplex_records.h"

#include <algorithm>

#include "base/lanes.h"
#include "simplicial/pass_locator.h"

namespace lreg::detail {
namespace {

// One output (the common case), in lanes: a record per simplex of Dim + 2 lane groups and two
// scalars, rows a = 0..Dim of G (lambda_a lambda), B (y lambda), then |y|^2 and the count.
// Four vector additions per sample in 2D, five in 3D, with the coordinates kept in registers.
template <int Dim>
constexpr int kLaneRecord = 4 * (Dim + 2) + 2;

template <int Dim>
inline __attribute__((always_inline)) void sumLanes(const PassLocator<Dim>& locator,
                                                    const UnitMap& unit, double* p, const double* X,
                                                    const double* Y, long n) {
  // In batches: first every sample's guess (no branch, so the loads of many samples overlap),
  // then the few outside their guess, then the sums.
  constexpr int batch = 32;
  int simplex[batch], outside[batch];
  Lanes lambda[batch];
  for (long i0 = 0; i0 < n; i0 += batch) {
    const int m = int(std::min<long>(batch, n - i0));
    int misses = 0;
    for (int j = 0; j < m; ++j) {
      double u[Dim];
      for (int k = 0; k < Dim; ++k) u[k] = (X[(i0 + j) * Dim + k] - unit.lo[k]) * unit.scale[k];
      outside[misses] = j;
      misses += !locator.guess(u, simplex[j], lambda[j]);
    }
    for (int q = 0; q < misses; ++q) {
      const int j = outside[q];
      double u[Dim];
      for (int k = 0; k < Dim; ++k) u[k] = (X[(i0 + j) * Dim + k] - unit.lo[k]) * unit.scale[k];
      simplex[j] = locator.locate(u, lambda[j]);
    }
    for (int j = 0; j < m; ++j) {
      const Lanes l = lambda[j];
      const double y = Y[i0 + j];
      double* r = p + long(simplex[j]) * kLaneRecord<Dim>;
      for (int a = 0; a <= Dim; ++a) storeLanes(r + 4 * a, loadLanes(r + 4 * a) + l[a] * l);
      storeLanes(r + 4 * (Dim + 1), loadLanes(r + 4 * (Dim + 1)) + y * l);
      r[4 * (Dim + 2)] += y * y;
      r[4 * (Dim + 2) + 1] += 1.0;
    }
  }
}

LREG_VECTOR_CLONES void sumLanes2(const PassLocator<2>& locator, const UnitMap& unit, double* p,
                                  const double* X, const double* Y, long n) {
  sumLanes<2>(locator, unit, p, X, Y, n);
}

LREG_VECTOR_CLONES void sumLanes3(const PassLocator<3>& locator, const UnitMap& unit, double* p,
                                  const double* X, const double* Y, long n) {
  sumLanes<3>(locator, unit, p, X, Y, n);
}

// Any number of outputs C: G's upper triangle (row by row), B (v by C), |y|^2 and the count.
template <int Dim>
void sumRecords(const PassLocator<Dim>& locator, const UnitMap& unit, int C, double* p,
                const double* X, const double* Y, long n) {
  constexpr int v = Dim + 1, upper = v * (v + 1) / 2;
  const int R = upper + v * C + 2;
  for (long i = 0; i < n; ++i) {
    double u[Dim];
    for (int k = 0; k < Dim; ++k) u[k] = (X[i * Dim + k] - unit.lo[k]) * unit.scale[k];
    const Location<Dim> at = locator.locate(u);
    const double* l = at.lambda;
    double* r = p + long(at.simplex) * R;
    for (int a = 0; a < v; ++a)
      for (int b = a; b < v; ++b) *r++ += l[a] * l[b];
    const double* y = Y + i * C;
    double yy = 0;
    for (int k = 0; k < C; ++k) {
      for (int a = 0; a < v; ++a) r[a * C + k] += l[a] * y[k];
      yy += y[k] * y[k];
    }
    r[v * C] += yy;
    r[v * C + 1] += 1.0;
  }
}

template <int Dim>
MomentsND simplexMoments(const SimplexMesh& mesh, const SimplexLocator& frames,
                         const SampleSource& source, const UnitMap& unit) {
  constexpr int v = Dim + 1, upper = v * (v + 1) / 2;
  const int C = source.outputs, nt = mesh.simplexCount();
  const PassLocator<Dim> locator(mesh, frames);
  const bool lanes = C == 1;
  const int R = lanes ? kLaneRecord<Dim> : upper + v * C + 2;
  const std::vector<double> total =
      chunkedSums(source, long(nt) * R, [&](double* p, const double* X, const double* Y, long n) {
        if (!lanes)
          sumRecords<Dim>(locator, unit, C, p, X, Y, n);
        else if constexpr (Dim == 2)
          sumLanes2(locator, unit, p, X, Y, n);
        else
          sumLanes3(locator, unit, p, X, Y, n);
      });
  MomentsND m = MomentsND::zero(Dim, C, nt);
  for (int t = 0; t < nt; ++t) {
    const double* r = total.data() + long(t) * R;
    if (lanes) {  // G's rows in full (both halves summed alike: G stays symmetric), then B
      for (int a = 0; a < v; ++a)
        for (int b = 0; b < v; ++b) m.G(t, a * v + b) = r[4 * a + b];
      for (int a = 0; a < v; ++a) m.B(t, a) = r[4 * v + a];
    } else {
      for (int a = 0, q = 0; a < v; ++a)
        for (int b = a; b < v; ++b, ++q) m.G(t, a * v + b) = m.G(t, b * v + a) = r[q];
      for (int q = 0; q < v * C; ++q) m.B(t, q) = r[upper + q];
    }
    m.yy(t) = r[R - 2];
    m.count(t) = r[R - 1];
  }
  return m;
}

}  // namespace

MomentsND blockMomentsND(const SimplexMesh& mesh, const SimplexLocator& locator,
                         const SampleSource& source, const UnitMap& unit) {
  return mesh.dim == 2 ? simplexMoments<2>(mesh, locator, source, unit)
                       : simplexMoments<3>(mesh, locator, source, unit);
}

}  // namespace lreg::detail
