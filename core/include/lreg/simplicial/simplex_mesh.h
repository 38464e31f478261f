// A conforming simplicial mesh in d = 2 or 3 dimensions: triangles or tetrahedra over the unit
// box [0,1]^d. Nodes are #D by d, simplices #n_t by d+1 node indices, positively oriented.
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>

namespace lreg {

struct SimplexMesh {
  int dim = 2;
  RowMatrix nodes;        ///< #D by d
  IndexMatrix simplices;  ///< #n_t by d+1, each with positive signed volume

  int nodeCount() const { return int(nodes.rows()); }
  int simplexCount() const { return int(simplices.rows()); }

  /// The Kuhn (Freudenthal) triangulation of an m^d grid of nodes on [0,1]^d (m >= 2):
  /// d! simplices per grid cell, conforming across cells.
  static SimplexMesh kuhnGrid(int dim, int m);
  /// The same triangulation of a tensor grid: knots[k] are axis k's node coordinates, strictly
  /// increasing from 0 to 1 (their count may differ between axes).
  static SimplexMesh tensorGrid(const std::vector<std::vector<double>>& knots);

  /// d! times the signed volume of simplex t (the determinant of its edge vectors).
  double signedVolume(int t) const;
  /// All simplices incident to each node.
  std::vector<std::vector<int>> nodeSimplices() const;
  /// Unique edges as (smaller, larger) node pairs, sorted.
  std::vector<std::array<int, 2>> edges() const;
  /// Neighbouring nodes of each node (sorted, no duplicates).
  std::vector<std::vector<int>> nodeNeighbours() const;
  /// Indices of the 2^d corners of the unit box (nodes at a corner within 1e-12).
  std::vector<int> cornerNodes() const;
  /// Sum of simplex volumes; equals 1 for a mesh that covers the unit box exactly.
  double totalVolume() const;

  /// Throws Error unless: indices in range, no repeated vertex, every simplex positively
  /// oriented with volume above `minVolume`, each face shared by at most two simplices
  /// (conforming), and the simplices cover the unit box (total volume 1).
  void validate(double minVolume = 0.0) const;
};

}  // namespace lreg
