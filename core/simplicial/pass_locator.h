// Point location for the passes over every sample (the final refit, the training errors, the
// streamed blocks): SimplexLocator's frames with a finer grid whose cells list the simplices
// that may hold their points, the one holding the cell's centre first. Most samples are then
// located by a single barycentric test, with no stored per-sample state. A sample on a face
// shared by simplices gets one of them, as SimplexLocator's do: the basis values, and so the
// assembled normal equations and the function value, do not depend on which.
#pragma once

#include <cmath>
#include <vector>

#include <lreg/base/error.h>
#include <lreg/simplicial/barycentric.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>
#include "base/lanes.h"

namespace lreg::detail {

/// A located sample: its simplex and barycentric coordinates (Dim + 1 values, >= 0).
template <int Dim>
struct Location {
  int simplex;
  double lambda[Dim + 1];
};

template <int Dim>
class PassLocator {
 public:
  PassLocator(const SimplexMesh& mesh, const SimplexLocator& frames);

  /// The simplex holding x (Dim values in the unit box; clamped into it). Returned by value, so
  /// that the coordinates stay in registers in the passes' loops.
  Location<Dim> locate(const double* xIn) const {
    double x[Dim];
    int cell = 0;
    for (int k = Dim - 1; k >= 0; --k) {
      x[k] = xIn[k] < 0.0 ? 0.0 : (xIn[k] > 1.0 ? 1.0 : xIn[k]);
      const int c = int(x[k] * grid_);
      cell = cell * grid_ + (c < grid_ ? c : grid_ - 1);
    }
    // The first candidate is stored in the cell itself: one load less on the common path.
    const Cell& home = cells_[size_t(cell)];
    Location<Dim> at{home.first, {}};
    barycentric<Dim>(frames_.frame(at.simplex), x, at.lambda);
    double bestMin = minCoordinate<Dim>(at.lambda);
    if (bestMin >= 0) return at;
    for (int i = home.rest, end = cells_[size_t(cell) + 1].rest; i < end; ++i) {
      Location<Dim> trial{others_[size_t(i)], {}};
      barycentric<Dim>(frames_.frame(trial.simplex), x, trial.lambda);
      const double m = minCoordinate<Dim>(trial.lambda);
      if (m >= 0) return trial;
      if (m > bestMin) bestMin = m, at = trial;
    }
    clampToSimplex<Dim>(at.lambda);  // round-off left x just outside every candidate
    return at;
  }

  /// The lane kernels' first step: the cell's first candidate t and the coordinates of x in it
  /// (lanes 0..Dim; lane 3 is 0 in 2D), the same bits as locate() gives: each lane sums S's rows
  /// in barycentric()'s order. False when x lies outside t (a coordinate < 0): then
  /// locate(x, lambda) finds the simplex among the cell's other candidates.
  bool guess(const double* xIn, int& t, Lanes& lambda) const {
    Lanes x[Dim];
    int cell = 0;
    for (int k = Dim - 1; k >= 0; --k) {
      const double v = xIn[k] < 0.0 ? 0.0 : (xIn[k] > 1.0 ? 1.0 : xIn[k]);
      const int c = int(v * grid_);
      cell = cell * grid_ + (c < grid_ ? c : grid_ - 1);
      x[k] = Lanes{} + v;
    }
    t = cells_[size_t(cell)].first;
    const double* S = &rows_[size_t(t) * 4 * (Dim + 1)];
    Lanes l = loadLanes(S + 4 * Dim);
    for (int k = 0; k < Dim; ++k) l += x[k] * loadLanes(S + 4 * k);
    lambda = l;
    const auto negative = l < Lanes{};
    return !(negative[0] | negative[1] | negative[2] | negative[3]);
  }

  /// locate() with the coordinates in lanes.
  int locate(const double* x, Lanes& lambda) const {
    const Location<Dim> at = locate(x);
    lambda = Lanes{};
    for (int a = 0; a <= Dim; ++a) lambda[a] = at.lambda[a];
    return at.simplex;
  }

  /// The same, the coordinates written to lambda.
  int locate(const double* x, double* lambda) const {
    const Location<Dim> at = locate(x);
    for (int a = 0; a <= Dim; ++a) lambda[a] = at.lambda[a];
    return at.simplex;
  }

 private:
  struct Cell {
    int first;  ///< the candidate that holds the cell's centre (or comes closest)
    int rest;   ///< where the cell's other candidates start in others_ (CSR)
  };
  const SimplexLocator& frames_;
  int grid_ = 1;
  std::vector<Cell> cells_;  // one more than the cells: the end of the last one's list
  std::vector<int> others_;
  std::vector<double> rows_;  // S of each simplex, its rows padded to 4 values (Lanes)
};

}  // namespace lreg::detail
