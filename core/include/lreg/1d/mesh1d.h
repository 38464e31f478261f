// A 1D mesh: strictly increasing nodes p_0 < p_1 < ... < p_{D-1}, intervals [p_j, p_{j+1}].
#pragma once

#include <vector>

namespace lreg {

class Mesh1D {
 public:
  Mesh1D() = default;
  /// Takes the nodes; throws Error unless there are >= 2, all finite and strictly increasing.
  explicit Mesh1D(std::vector<double> nodes);
  /// D equally spaced nodes on [lo, hi].
  static Mesh1D uniform(int D, double lo = 0.0, double hi = 1.0);

  int size() const { return static_cast<int>(p_.size()); }           ///< D nodes
  int intervals() const { return static_cast<int>(p_.size()) - 1; }  ///< D - 1
  double node(int i) const { return p_[i]; }
  double width(int j) const { return p_[j + 1] - p_[j]; }
  const std::vector<double>& nodes() const { return p_; }
  double smallestWidth() const;

  /// The interval j with p_j <= x < p_{j+1}, in O(log D). Points left of the mesh map to 0,
  /// points at or right of the last node to D-2.
  int locate(double x) const;

  /// Throws Error unless nodes are finite, strictly increasing and no wider apart than
  /// `minWidth` (the invariant every MRC operation keeps).
  void validate(double minWidth = 0.0) const;
  bool isValid(double minWidth = 0.0) const;

 private:
  std::vector<double> p_;
};

}  // namespace lreg
