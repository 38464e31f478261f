#include "simplicial/pass_locator.h"

#include <algorithm>
#include <cmath>

#include "simplicial/cell_lists.h"

namespace lreg::detail {

template <int Dim>
PassLocator<Dim>::PassLocator(const SimplexMesh& mesh, const SimplexLocator& frames)
    : frames_(frames) {
  const int nt = mesh.simplexCount();
  if (mesh.dim != Dim || nt == 0) throw Error("PassLocator: a mesh of another dimension");
  // About eight cells per simplex: most cells then lie inside one simplex. At most 2^22 cells
  // (a 32 MiB table), so that a huge mesh does not make the table larger than the data.
  const double cellsWanted = std::min(8.0 * nt, double(1 << 22));
  grid_ = std::max(1, int(std::ceil(std::pow(cellsWanted, 1.0 / Dim))));
  const int extent[3] = {grid_, grid_, Dim == 3 ? grid_ : 1};
  const int cellCount = extent[0] * extent[1] * extent[2];
  auto cellOf = [&](double v) { return std::clamp(int(v * grid_), 0, grid_ - 1); };
  // A margin: points on cell borders see both sides.
  const std::vector<std::vector<int>> lists =
      simplicesByCell(mesh, extent, [&](int, double a, double b) {
        return std::pair{cellOf(a - 1e-12), cellOf(b + 1e-12)};
      });
  // Within a cell, the simplex that holds the cell's centre (or comes closest) first.
  cells_.resize(size_t(cellCount) + 1);
  double centre[3], lambda[Dim + 1];
  for (int c = 0; c < cellCount; ++c) {
    for (int k = 0, rest = c; k < Dim; ++k, rest /= grid_) centre[k] = (rest % grid_ + 0.5) / grid_;
    std::vector<std::pair<double, int>> ranked;
    for (int t : lists[size_t(c)]) {
      barycentric<Dim>(frames.frame(t), centre, lambda);
      ranked.push_back({-minCoordinate<Dim>(lambda), t});
    }
    // A mesh that tiles the box meets every cell.
    if (ranked.empty()) throw Error("point location: the mesh does not cover the unit box");
    std::stable_sort(ranked.begin(), ranked.end());
    cells_[size_t(c)] = {ranked[0].second, int(others_.size())};
    for (size_t i = 1; i < ranked.size(); ++i) others_.push_back(ranked[i].second);
  }
  cells_[size_t(cellCount)] = {-1, int(others_.size())};
  rows_.assign(size_t(nt) * 4 * (Dim + 1), 0.0);
  for (int t = 0; t < nt; ++t)
    for (int r = 0; r <= Dim; ++r)
      for (int k = 0; k <= Dim; ++k)
        rows_[(size_t(t) * (Dim + 1) + r) * 4 + k] = frames.frame(t)[r * (Dim + 1) + k];
}

template class PassLocator<2>;
template class PassLocator<3>;

}  // namespace lreg::detail
