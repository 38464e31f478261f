// Data-dependent edge flips on triangles (Dyn, Levin & Rippa's data-dependent triangulations):
// the diagonal of the quadrilateral formed by two triangles is chosen by the data, not by the
// Delaunay criterion. With the coefficients fixed, the other diagonal changes the function only
// inside the quadrilateral, so the gain of a flip is exact from the samples of its two
// triangles. Along an oblique front the flips align edges with it.
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>
#include <lreg/simplicial/simplex_locator.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::detail {

/// One pass over the interior edges of a 2D mesh: every flip that lowers the squared error of
/// its quadrilateral's samples by more than noise could (two standard deviations of the change,
/// from the samples' noise variances `noise`, empty: none) is made, best first, no triangle
/// twice. New triangles are positively oriented with more than `minVolume` (twice the area);
/// the quadrilateral must be strictly convex. Updates `located` for the samples that moved
/// triangle (flipped triangles keep their two indices). Returns the number of flips; `created`,
/// when given, gets each flip's new diagonal as (smaller, larger) node indices.
int flipEdges(SimplexMesh& mesh, const RowMatrix& coefficients, LocatedSamples& located,
              const RowMatrix& U, const RowMatrix& Y, const std::vector<double>& noise,
              double minVolume, std::vector<std::array<int, 2>>* created = nullptr);

}  // namespace lreg::detail
