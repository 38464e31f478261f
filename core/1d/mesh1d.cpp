#include <lreg/1d/mesh1d.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <lreg/base/error.h>

namespace lreg {

Mesh1D::Mesh1D(std::vector<double> nodes) : p_(std::move(nodes)) {
  validate();
}

Mesh1D Mesh1D::uniform(int D, double lo, double hi) {
  if (D < 2) throw Error("a mesh needs at least 2 nodes, got " + std::to_string(D));
  std::vector<double> p(D);
  for (int i = 0; i < D; ++i) p[i] = lo + (hi - lo) * i / (D - 1);
  p.back() = hi;
  return Mesh1D(std::move(p));
}

double Mesh1D::smallestWidth() const {
  double w = HUGE_VAL;
  for (int j = 0; j < intervals(); ++j) w = std::min(w, width(j));
  return w;
}

int Mesh1D::locate(double x) const {
  // upper_bound over the interior nodes gives the interval directly and clamps both ends.
  const auto it = std::upper_bound(p_.begin() + 1, p_.end() - 1, x);
  return static_cast<int>(it - p_.begin()) - 1;
}

void Mesh1D::validate(double minWidth) const {
  if (p_.size() < 2) throw Error("a mesh needs at least 2 nodes, got " + std::to_string(p_.size()));
  for (size_t i = 0; i < p_.size(); ++i)
    if (!std::isfinite(p_[i])) throw Error("mesh node " + std::to_string(i) + " is not finite");
  for (size_t j = 0; j + 1 < p_.size(); ++j) {
    const double w = p_[j + 1] - p_[j];
    if (!(w > 0))
      throw Error("mesh nodes " + std::to_string(j) + " and " + std::to_string(j + 1) +
                  " are not strictly increasing");
    if (w < minWidth)
      throw Error("mesh interval " + std::to_string(j) + " is narrower than the minimum width");
  }
}

bool Mesh1D::isValid(double minWidth) const {
  try {
    validate(minWidth);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace lreg
