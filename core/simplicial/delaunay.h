// Delaunay triangulation of a point set (CGAL, kept inside delaunay.cpp: a CGAL translation
// unit is expensive to compile, so nothing else includes CGAL).
#pragma once

#include <lreg/base/types.h>

namespace lreg::detail {

/// Triangulates the rows of `points` (#D by d, d = 2 or 3): #n_t by d+1 indices into points,
/// every simplex positively oriented. The points' convex hull is what gets covered.
IndexMatrix delaunay(const RowMatrix& points);

}  // namespace lreg::detail
