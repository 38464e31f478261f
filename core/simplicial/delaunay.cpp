#include "simplicial/delaunay.h"

#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Delaunay_triangulation_3.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>
#include <CGAL/Triangulation_vertex_base_with_info_3.h>

#include <vector>

#include <lreg/base/error.h>

namespace lreg::detail {
namespace {

using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;

IndexMatrix delaunay2(const RowMatrix& p) {
  using Vb = CGAL::Triangulation_vertex_base_with_info_2<int, Kernel>;
  using Tds = CGAL::Triangulation_data_structure_2<Vb>;
  using Dt = CGAL::Delaunay_triangulation_2<Kernel, Tds>;
  std::vector<std::pair<Kernel::Point_2, int>> pts;
  for (int i = 0; i < p.rows(); ++i) pts.emplace_back(Kernel::Point_2(p(i, 0), p(i, 1)), i);
  Dt dt(pts.begin(), pts.end());
  if (dt.number_of_vertices() != size_t(p.rows())) throw Error("Delaunay: duplicate points");
  IndexMatrix s(long(dt.number_of_faces()), 3);
  long t = 0;
  for (auto f = dt.finite_faces_begin(); f != dt.finite_faces_end(); ++f, ++t)
    for (int k = 0; k < 3; ++k) s(t, k) = f->vertex(k)->info();  // CGAL faces are CCW
  return s;
}

IndexMatrix delaunay3(const RowMatrix& p) {
  using Vb = CGAL::Triangulation_vertex_base_with_info_3<int, Kernel>;
  using Tds = CGAL::Triangulation_data_structure_3<Vb>;
  using Dt = CGAL::Delaunay_triangulation_3<Kernel, Tds>;
  std::vector<std::pair<Kernel::Point_3, int>> pts;
  for (int i = 0; i < p.rows(); ++i)
    pts.emplace_back(Kernel::Point_3(p(i, 0), p(i, 1), p(i, 2)), i);
  Dt dt(pts.begin(), pts.end());
  if (dt.number_of_vertices() != size_t(p.rows())) throw Error("Delaunay: duplicate points");
  IndexMatrix s(long(dt.number_of_finite_cells()), 4);
  long t = 0;
  for (auto c = dt.finite_cells_begin(); c != dt.finite_cells_end(); ++c, ++t)
    for (int k = 0; k < 4; ++k) s(t, k) = c->vertex(k)->info();  // CGAL cells are positive
  return s;
}

}  // namespace

IndexMatrix delaunay(const RowMatrix& points) {
  if (points.cols() == 2) return delaunay2(points);
  if (points.cols() == 3) return delaunay3(points);
  throw Error("Delaunay triangulation needs 2D or 3D points");
}

}  // namespace lreg::detail
