// Plain geometry helpers of the 2D plots (no VTK): points, piecewise-linear evaluation, and the
// strip that fills the area between two curves.
#pragma once

#include <vector>

namespace lreg::render {

struct Point2 {
  double x = 0, y = 0;
};

/// Linear interpolation of (xs, ys) (xs increasing) at x; constant outside [xs.front, xs.back].
double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x);

/// Sorted union of two sorted sequences without near-duplicates (relative tolerance 1e-12).
std::vector<double> mergeSorted(const std::vector<double>& a, const std::vector<double>& b);

/// The area between y = a(x) and y = b(x), sampled at increasing xs, as a quad strip: points
/// (x, a), (x, b) for every x, with the crossing points of a and b inserted so that no quad is
/// twisted (a twisted quad would be filled wrongly).
std::vector<Point2> areaStrip(const std::vector<double>& xs, const std::vector<double>& a,
                              const std::vector<double>& b);

}  // namespace lreg::render
