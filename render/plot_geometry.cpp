#include "render/plot_geometry.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace lreg::render {

double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  if (xs.empty()) return 0.0;
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  const size_t hi = static_cast<size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
  const size_t lo = hi - 1;
  const double span = xs[hi] - xs[lo];
  const double t = span > 0 ? (x - xs[lo]) / span : 0.0;
  return ys[lo] + t * (ys[hi] - ys[lo]);
}

std::vector<double> mergeSorted(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> all;
  all.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
  std::vector<double> unique;
  unique.reserve(all.size());
  for (double x : all) {
    const double tol = 1e-12 * std::max(1.0, std::abs(x));
    if (unique.empty() || x - unique.back() > tol) unique.push_back(x);
  }
  return unique;
}

std::vector<Point2> areaStrip(const std::vector<double>& xs, const std::vector<double>& a,
                              const std::vector<double>& b) {
  std::vector<Point2> strip;
  const size_t n = std::min({xs.size(), a.size(), b.size()});
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      const double d0 = a[i - 1] - b[i - 1], d1 = a[i] - b[i];
      if (d0 * d1 < 0) {  // the curves cross inside (x[i-1], x[i]): pinch the strip there
        const double t = d0 / (d0 - d1);
        const Point2 c{xs[i - 1] + t * (xs[i] - xs[i - 1]), a[i - 1] + t * (a[i] - a[i - 1])};
        strip.insert(strip.end(), {c, c});
      }
    }
    strip.insert(strip.end(), {{xs[i], a[i]}, {xs[i], b[i]}});
  }
  return strip;
}

}  // namespace lreg::render
