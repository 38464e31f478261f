// k nearest neighbours among scattered points in 2D/3D: a k-d tree with median splits (leaves
// of a few points), queried with a bounded sorted list. O(N log N) to build, about O(log N + k)
// per query whatever the sampling density (a uniform grid degrades on clustered data).
#pragma once

#include <array>
#include <vector>

#include <lreg/base/types.h>

namespace lreg::detail {

class NearestNeighbours {
 public:
  static constexpr int kMax = 16;
  using Result = std::array<int, kMax>;

  explicit NearestNeighbours(const RowMatrix& points);  ///< #N by d, d = 2 or 3; kept by reference

  /// The k (<= kMax) nearest points to point n other than n itself, nearest first (ties by
  /// index); returns how many were found (fewer only when N - 1 < k).
  int query(long n, int k, Result& out) const;

 private:
  struct Node {
    int begin, end;    // points order_[begin, end)
    int axis = -1;     // -1: a leaf
    double split = 0;  // coordinate of the median
    int left = -1, right = -1;
  };
  int build(int begin, int end, int depth);
  void search(int node, const double* x, long self, int k, std::array<double, kMax>& dist,
              Result& out, int& found) const;

  const RowMatrix& points_;
  int dim_;
  std::vector<int> order_;
  std::vector<Node> nodes_;
};

}  // namespace lreg::detail
