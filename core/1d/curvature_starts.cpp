#include "1d/curvature_starts.h"

#include <algorithm>
#include <cmath>

#include "1d/coarsen1d.h"

namespace lreg::detail {
namespace {

struct LocalShape {
  Vector bend;     ///< #D-1: |f''| per interval
  Vector density;  ///< #D-1: samples per unit length
};

// |f''| from the slope changes of the fit and the sampling density, per interval, both
// averaged over intervals j-1 .. j+1: single intervals are rough guides.
LocalShape localShape(const Mesh1D& mesh, const RowMatrix& coefficients, const Vector& counts) {
  const int D = mesh.size(), M = mesh.intervals();
  // |f''| at interior nodes: the change of slope over the mean of the two widths.
  Vector bend = Vector::Zero(D);
  for (int i = 1; i + 1 < D; ++i) {
    const Eigen::RowVectorXd left =
        (coefficients.row(i) - coefficients.row(i - 1)) / mesh.width(i - 1);
    const Eigen::RowVectorXd right =
        (coefficients.row(i + 1) - coefficients.row(i)) / mesh.width(i);
    bend(i) = 2 * (right - left).norm() / (mesh.width(i - 1) + mesh.width(i));
  }
  if (D > 2) bend(0) = bend(1), bend(D - 1) = bend(D - 2);
  LocalShape s{Vector(M), Vector(M)};
  for (int j = 0; j < M; ++j) {
    double f2 = 0, n = 0, h = 0, k = 0;
    for (int q = std::max(0, j - 1); q <= std::min(M - 1, j + 1); ++q, ++k) {
      f2 += 0.5 * (bend(q) + bend(q + 1));
      n += counts(q);
      h += mesh.width(q);
    }
    s.bend(j) = f2 / k;
    s.density(j) = n / h;
  }
  return s;
}

// curvatureMass from the local shape; `counts` the samples per interval.
Vector massOf(const Mesh1D& mesh, const LocalShape& shape, const Vector& counts) {
  const int D = mesh.size(), M = mesh.intervals();
  const double N = std::max(counts.sum(), 1.0);
  Vector mass(M);
  for (int j = 0; j < M; ++j)
    mass(j) = std::pow(shape.bend(j), 0.4) * std::pow(shape.density(j) / N, 0.2) * mesh.width(j);
  const double total = mass.sum();
  if (!(total > 0) || !std::isfinite(total)) return Vector::Constant(M, 1.0 / M);
  for (int j = 0; j < M; ++j)
    mass(j) += 0.01 * total * mesh.width(j) / (mesh.node(D - 1) - mesh.node(0));
  return mass;
}

}  // namespace

Vector curvatureMass(const Mesh1D& mesh, const RowMatrix& coefficients, const Vector& counts) {
  return massOf(mesh, localShape(mesh, coefficients, counts), counts);
}

std::vector<std::vector<double>> curvatureStarts(const Mesh1D& mesh, const Vector& mass, int D,
                                                 int phases, double minWidth) {
  std::vector<std::vector<double>> starts;
  for (int p = 0; p < phases; ++p)
    starts.push_back(equalFrequencyNodes(mesh, mass, D, minWidth, double(p) / phases));
  return starts;
}

Mesh1D pilotMesh(const Mesh1D& mesh, const std::vector<long>& start, int factor) {
  std::vector<double> nodes;
  for (int j = 0; j < mesh.intervals(); ++j) {
    const long samples = start[size_t(j) + 1] - start[size_t(j)];
    const int parts = int(std::clamp<long>(samples / kPilotSamples, 1, factor));
    for (int q = 0; q < parts; ++q) nodes.push_back(mesh.node(j) + mesh.width(j) * q / parts);
  }
  nodes.push_back(mesh.node(mesh.size() - 1));
  return Mesh1D(std::move(nodes));
}

CurvatureField::CurvatureField(const Mesh1D& pilot, const RowMatrix& coefficients,
                               const Vector& counts, double spread)
    : pilot_(pilot),
      cumulative_(size_t(pilot.size()), 0.0),
      cumulativeSamples_(size_t(pilot.size()), 0.0),
      spread_(spread) {
  const LocalShape shape = localShape(pilot, coefficients, counts);
  mass_ = massOf(pilot, shape, counts);
  const int M = pilot.intervals();
  if (M == 0) return;
  std::vector<double> widths(size_t(M), 0.0);
  for (int j = 0; j < M; ++j) widths[size_t(j)] = pilot.width(j);
  std::nth_element(widths.begin(), widths.begin() + M / 2, widths.end());
  const double gapWidth = kGapWidths * widths[size_t(M / 2)];
  for (int j = 0; j < M; ++j) {
    // A data gap (few samples, many times the typical width) shows no bend of its own: what the
    // neighbours' average gives it is a dense region's slope meeting the gap's.
    const bool gap = counts(j) <= kPilotSamples && pilot.width(j) > gapWidth;
    const double g = gap ? 0.0 : shape.bend(j) * shape.bend(j) * shape.density(j) * pilot.width(j);
    cumulative_[size_t(j) + 1] = cumulative_[size_t(j)] + (std::isfinite(g) ? g : 0.0);
    const double w = shape.density(j) * pilot.width(j);
    cumulativeSamples_[size_t(j) + 1] =
        cumulativeSamples_[size_t(j)] + (std::isfinite(w) ? w : 0.0);
  }
}

double CurvatureField::integral(const std::vector<double>& cumulative, double x) const {
  const std::vector<double>& nodes = pilot_.nodes();
  const auto it = std::upper_bound(nodes.begin(), nodes.end(), x);
  if (it == nodes.begin()) return 0.0;
  if (it == nodes.end()) return cumulative.back();
  const size_t j = size_t(it - nodes.begin()) - 1;
  const double t = (x - nodes[j]) / (nodes[j + 1] - nodes[j]);
  return cumulative[j] + t * (cumulative[j + 1] - cumulative[j]);
}

Vector CurvatureField::approximationEnergy(const Mesh1D& mesh) const {
  Vector e = Vector::Zero(mesh.intervals());
  if (cumulative_.empty()) return e;
  double left = integral(cumulative_, mesh.node(0));
  double leftSamples = integral(cumulativeSamples_, mesh.node(0));
  for (int j = 0; j < mesh.intervals(); ++j) {
    const double right = integral(cumulative_, mesh.node(j + 1)), h = mesh.width(j);
    const double rightSamples = integral(cumulativeSamples_, mesh.node(j + 1));
    const double bound = h * h * h * h / 720 * (right - left);  // (inf - inf: NaN, no bound)
    e(j) = std::min(std::isnan(bound) ? HUGE_VAL : bound, spread_ * (rightSamples - leftSamples));
    left = right, leftSamples = rightSamples;
  }
  return e;
}

}  // namespace lreg::detail
