#include "engine/noise_floor.h"

#include <algorithm>
#include <cmath>

namespace lreg::detail {

double approximationEnergy(double residual, double noise, double count) {
  const double floor = count > 1 ? noise * (count - 1) / count : 0.0;
  return std::max(residual - floor, 1e-3 * residual);
}

double noiseFloorEnergy(const std::vector<double>& variance, int dof) {
  if (variance.empty()) return 0.0;
  constexpr double kMargin = 1.05;
  const double N = double(variance.size());
  double total = 0;
  for (double v : variance) total += v;
  return kMargin * total * std::max(0.0, 1.0 - dof / N) * (1 + 3 * std::sqrt(2 / N));
}

double noiseStandardDeviation(const std::vector<double>& variance, int outputs) {
  if (variance.empty()) return 0.0;
  double sum = 0;
  for (double v : variance) sum += v;
  return std::sqrt(sum / double(variance.size()) / outputs);
}

}  // namespace lreg::detail
