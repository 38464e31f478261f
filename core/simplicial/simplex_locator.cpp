#include <lreg/simplicial/simplex_locator.h>

#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/simplicial/barycentric.h>
#include "simplicial/cell_lists.h"

namespace lreg {
namespace {

// Grid lines of one axis at quantiles of the nodes' coordinates, so that a graded mesh gets
// about as many simplices per cell where it is fine as where it is coarse. Strictly
// increasing from 0 to 1; at most `lines` - 1 cells.
std::vector<double> quantileLines(const SimplexMesh& mesh, int axis, int cells) {
  std::vector<double> x(mesh.nodes.col(axis).begin(), mesh.nodes.col(axis).end());
  std::sort(x.begin(), x.end());
  std::vector<double> lines{0.0};
  for (int c = 1; c < cells; ++c) {
    const double q = x[size_t(double(c) / cells * double(x.size() - 1))];
    if (q > lines.back() + 1e-9 && q < 1.0 - 1e-9) lines.push_back(q);
  }
  lines.push_back(1.0);
  return lines;
}

// Uniform bins per cell of the background grid for cellOf's table. A power of two: a bin's
// left end b / (kBinsPerCell * cells) is then exact and never right of the v it was found from.
constexpr int kBinsPerCell = 4;

int binCount(int cells) {
  int bins = 1;
  while (bins < kBinsPerCell * cells) bins *= 2;
  return bins;
}

}  // namespace

int SimplexLocator::searchCell(int axis, double v) const {
  const std::vector<double>& l = lines_[axis];
  const int c = int(std::upper_bound(l.begin() + 1, l.end() - 1, v) - l.begin()) - 1;
  return std::clamp(c, 0, int(l.size()) - 2);
}

// The same cell as searchCell: from the cell of v's bin's left end, forward over the lines
// at or left of v (a bin meets about one cell on average: quantile lines are near-uniform
// where the nodes are).
int SimplexLocator::cellOf(int axis, double v) const {
  const std::vector<int>& bins = binCell_[axis];
  if (!(v >= 0.0 && v < 1.0)) return searchCell(axis, v);
  const std::vector<double>& l = lines_[axis];
  const int last = int(l.size()) - 2;
  int c = bins[size_t(v * double(bins.size()))];
  while (c < last && l[size_t(c) + 1] <= v) ++c;
  return c;
}

SimplexLocator::SimplexLocator(const SimplexMesh& mesh)
    : dim_(mesh.dim), stride_((mesh.dim + 1) * (mesh.dim + 1)) {
  const int d = dim_, nt = mesh.simplexCount();
  frames_.resize(size_t(nt) * stride_);
  // Dynamic size (the LU inverse), on the stack: no allocation per simplex.
  using Small = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, 4, 4>;
  parallelFor(
      nt,
      [&](long first, long last) {
        for (long t = first; t < last; ++t) {
          Small V(d + 1, d + 1);
          for (int k = 0; k <= d; ++k) {
            V.row(k).head(d) = mesh.nodes.row(mesh.simplices(t, k));
            V(k, d) = 1.0;
          }
          // lambda^T V = (x, 1)  =>  lambda^T = (x, 1) V^{-1}: S = V^{-1}, stored row-major.
          const Small S = V.inverse();
          for (int r = 0; r <= d; ++r)
            for (int c = 0; c <= d; ++c) frames_[size_t(t) * stride_ + r * (d + 1) + c] = S(r, c);
        }
      },
      256);
  // About two simplices per cell on average.
  const int perAxis = std::max(1, int(std::ceil(std::pow(std::max(1, nt) / 2.0, 1.0 / d))));
  int cells = 1;
  for (int k = 0; k < 3; ++k) {
    lines_[k] = k < d ? quantileLines(mesh, k, perAxis) : std::vector<double>{0.0, 1.0};
    extent_[k] = int(lines_[k].size()) - 1;
    cells *= extent_[k];
    binCell_[k].resize(size_t(binCount(extent_[k])));
    for (size_t b = 0; b < binCell_[k].size(); ++b)
      binCell_[k][b] = searchCell(k, double(b) / double(binCell_[k].size()));
  }
  // Cells are half-open [line_c, line_c+1): a point of the simplex is in a cell between those
  // of its box's ends (round-off at a face is caught by locate's best-coordinate fallback).
  const std::vector<std::vector<int>> lists =
      detail::simplicesByCell(mesh, extent_.data(), [&](int k, double a, double b) {
        return std::pair{cellOf(k, a), cellOf(k, b)};
      });
  cellStart_.assign(cells + 1, 0);
  for (int c = 0; c < cells; ++c) cellStart_[c + 1] = cellStart_[c] + int(lists[c].size());
  cellSimplices_.reserve(cellStart_[cells]);
  for (const auto& l : lists) cellSimplices_.insert(cellSimplices_.end(), l.begin(), l.end());
  // Each cell's candidates by how deep the cell's centre lies in them, the one holding it
  // first: most points of the cell are in the first or second, which locate tests first.
  // (A cell's list also holds the simplices whose bounding boxes only touch it.)
  parallelFor(
      cells,
      [&](long first, long last) {
        double centre[3] = {0, 0, 0}, lambda[4];
        std::vector<std::pair<double, int>> ranked;
        for (long c = first; c < last; ++c) {
          for (long k = 0, rest = c; k < d; rest /= extent_[k], ++k)
            centre[k] = 0.5 * (lines_[k][size_t(rest % extent_[k])] +
                               lines_[k][size_t(rest % extent_[k]) + 1]);
          ranked.clear();
          for (int i = cellStart_[c]; i < cellStart_[c + 1]; ++i) {
            const int t = cellSimplices_[i];
            d == 2 ? barycentric<2>(frame(t), centre, lambda)
                   : barycentric<3>(frame(t), centre, lambda);
            ranked.push_back({-(d == 2 ? minCoordinate<2>(lambda) : minCoordinate<3>(lambda)), t});
          }
          std::sort(ranked.begin(), ranked.end());
          for (size_t i = 0; i < ranked.size(); ++i)
            cellSimplices_[size_t(cellStart_[c]) + i] = ranked[i].second;
        }
      },
      64);
}

int SimplexLocator::locate(const double* xIn, double* lambda) const {
  const int d = dim_;
  double x[3];
  int cell = 0, scale = 1;
  for (int k = 0; k < d; ++k) {
    x[k] = std::clamp(xIn[k], 0.0, 1.0);
    cell += cellOf(k, x[k]) * scale;
    scale *= extent_[k];
  }
  // A point inside a simplex by more than kInside in every coordinate is in no other (the
  // mesh is conforming; round-off is far smaller), so the first such candidate is the answer.
  constexpr double kInside = 1e-9;
  const int begin = cellStart_[cell], end = cellStart_[cell + 1];
  double trial[4];
  for (int i = begin; i < end; ++i) {
    const int t = cellSimplices_[i];
    d == 2 ? barycentric<2>(frame(t), x, trial) : barycentric<3>(frame(t), x, trial);
    if ((d == 2 ? minCoordinate<2>(trial) : minCoordinate<3>(trial)) > kInside) {
      std::copy(trial, trial + d + 1, lambda);
      d == 2 ? clampToSimplex<2>(lambda) : clampToSimplex<3>(lambda);
      return t;
    }
  }
  // On or near a face: of the simplices that hold x, the one of smallest index; when round-off
  // leaves x outside all, the one it is least outside of (smallest index among equals), so
  // that the choice does not depend on the candidates' order.
  int best = -1;
  double bestMin = -HUGE_VAL;
  for (int i = begin; i < end; ++i) {
    const int t = cellSimplices_[i];
    d == 2 ? barycentric<2>(frame(t), x, trial) : barycentric<3>(frame(t), x, trial);
    const double m = d == 2 ? minCoordinate<2>(trial) : minCoordinate<3>(trial);
    const bool better =
        best < 0 || (m >= 0 ? bestMin < 0 || t < best
                            : bestMin < 0 && (m > bestMin || (m == bestMin && t < best)));
    if (better) {
      bestMin = m;
      best = t;
      std::copy(trial, trial + d + 1, lambda);
    }
  }
  if (best < 0) throw Error("point location failed: the mesh does not cover the unit box");
  d == 2 ? clampToSimplex<2>(lambda) : clampToSimplex<3>(lambda);
  return best;
}

LocatedSamples LocatedSamples::locate(const SimplexMesh& mesh, const SimplexLocator& locator,
                                      const RowMatrix& U) {
  LocatedSamples s;
  s.simplex.resize(U.rows());
  s.lambda.resize(U.rows(), mesh.dim + 1);
  parallelFor(
      U.rows(),
      [&](long a, long b) {
        for (long n = a; n < b; ++n)
          s.simplex[n] = locator.locate(U.row(n).data(), s.lambda.row(n).data());
      },
      1024);
  return s;
}

void LocatedSamples::relocate(const IndexMatrix& oldSimplices, const std::vector<int>& nodeMap,
                              const SimplexMesh& mesh, const SimplexLocator& locator,
                              const RowMatrix& U) {
  const int v = mesh.dim + 1;
  using Key = std::array<int, 4>;
  auto sortedKey = [&](auto vertex) {
    Key k{-1, -1, -1, -1};
    for (int a = 0; a < v; ++a) {  // insertion sort of at most 4 indices
      int b = a;
      for (const int i = vertex(a); b > 0 && k[b - 1] > i; --b) k[b] = k[b - 1];
      k[b] = vertex(a);
    }
    return k;
  };
  std::map<Key, int> byVertices;  // the new simplices by their vertex sets
  for (int t = 0; t < mesh.simplexCount(); ++t)
    byVertices.emplace(sortedKey([&](int a) { return mesh.simplices(t, a); }), t);
  // For each old simplex: its new index (-1: gone) and where each old vertex went.
  const long oldCount = oldSimplices.rows();
  std::vector<int> survivor(oldCount, -1);
  std::vector<std::array<int, 4>> position(oldCount);
  for (long t = 0; t < oldCount; ++t) {
    bool kept = true;
    for (int a = 0; a < v; ++a) kept = kept && nodeMap[oldSimplices(t, a)] >= 0;
    if (!kept) continue;
    const Key key = sortedKey([&](int a) { return nodeMap[oldSimplices(t, a)]; });
    const auto it = byVertices.find(key);
    if (it == byVertices.end()) continue;
    survivor[t] = it->second;
    for (int a = 0; a < v; ++a)
      for (int b = 0; b < v; ++b)
        if (mesh.simplices(it->second, b) == nodeMap[oldSimplices(t, a)]) position[t][a] = b;
  }
  parallelFor(
      U.rows(),
      [&](long first, long last) {
        double old[4];
        for (long n = first; n < last; ++n) {
          const int t = simplex[n], now = survivor[t];
          if (now < 0) {
            simplex[n] = locator.locate(U.row(n).data(), lambda.row(n).data());
            continue;
          }
          for (int a = 0; a < v; ++a) old[a] = lambda(n, a);
          for (int a = 0; a < v; ++a) lambda(n, position[t][a]) = old[a];
          simplex[n] = now;
        }
      },
      1024);
}

void LocatedSamples::update(const SimplexLocator& locator, const RowMatrix& U) {
  const int d = locator.dim();
  parallelFor(
      U.rows(),
      [&](long first, long last) {
        double x[3];
        for (long n = first; n < last; ++n) {
          for (int k = 0; k < d; ++k) x[k] = std::clamp(U(n, k), 0.0, 1.0);
          double* l = lambda.row(n).data();
          const double* S = locator.frame(simplex[n]);
          d == 2 ? barycentric<2>(S, x, l) : barycentric<3>(S, x, l);
          const double m = d == 2 ? minCoordinate<2>(l) : minCoordinate<3>(l);
          if (m >= 0)
            d == 2 ? clampToSimplex<2>(l) : clampToSimplex<3>(l);
          else
            simplex[n] = locator.locate(U.row(n).data(), l);
        }
      },
      1024);
}

RowMatrix evaluateSimplicial(const SimplexMesh& mesh, const RowMatrix& coefficients,
                             const RowMatrix& U) {
  const SimplexLocator locator(mesh);
  const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
  RowMatrix out = RowMatrix::Zero(U.rows(), coefficients.cols());
  for (long n = 0; n < U.rows(); ++n)
    for (int k = 0; k <= mesh.dim; ++k)
      out.row(n) += located.lambda(n, k) * coefficients.row(mesh.simplices(located.simplex[n], k));
  return out;
}

}  // namespace lreg
