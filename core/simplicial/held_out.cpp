#include "simplicial/held_out.h"

#include <lreg/simplicial/simplex_locator.h>
#include "simplicial/edge_flip.h"
#include "simplicial/moments_nd.h"

namespace lreg::detail {
namespace {

struct Fold {
  RowMatrix U, Y;
  std::vector<double> noise;
};

// The samples with n % k == f (held out) or != f (kept).
Fold fold(const RowMatrix& U, const RowMatrix& Y, const std::vector<double>& noise, int k, int f,
          bool heldOut) {
  Fold s;
  std::vector<long> rows;
  for (long n = 0; n < U.rows(); ++n)
    if ((n % k == f) == heldOut) rows.push_back(n);
  s.U = U(rows, Eigen::all);
  s.Y = Y(rows, Eigen::all);
  if (!noise.empty())
    for (long n : rows) s.noise.push_back(noise[size_t(n)]);
  return s;
}

double squaredError(const SimplexMesh& mesh, const RowMatrix& c, const Fold& s) {
  return (evaluateSimplicial(mesh, c, s.U) - s.Y).squaredNorm();
}

}  // namespace

bool flipsPayOnHeldOutSamples(const SimplexMesh& mesh, const RowMatrix& U, const RowMatrix& Y,
                              const std::vector<double>& noise, double minVolume, double smoothing,
                              int passes, int folds) {
  double gain = 0;
  for (int f = 0; f < folds; ++f) {
    const Fold own = fold(U, Y, noise, folds, f, false), other = fold(U, Y, noise, folds, f, true);
    SimplexMesh flipped = mesh;
    LocatedSamples located = LocatedSamples::locate(flipped, SimplexLocator(flipped), own.U);
    RowMatrix c =
        solveLeastSquaresND(flipped, MomentsND::compute(flipped, located, own.Y), smoothing);
    const double before = squaredError(flipped, c, other);
    int flips = 0;
    for (int pass = 0; pass < passes; ++pass) {
      const int made = flipEdges(flipped, c, located, own.U, own.Y, own.noise, minVolume);
      if (made == 0) break;
      flips += made;
      c = solveLeastSquaresND(flipped, MomentsND::compute(flipped, located, own.Y), smoothing);
    }
    if (flips > 0) gain += before - squaredError(flipped, c, other);
  }
  return gain > 0;
}

}  // namespace lreg::detail
