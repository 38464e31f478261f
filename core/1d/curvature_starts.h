// Restarts for the end of a 1D fit: node vectors equidistributing the P1 optimum's density
// |f''|^(2/5) w^(1/5) (equal error per interval), with f'' read from the slope jumps of the
// fit and w the local sampling density. The MRC loop reaches the right basin on most data but
// not everywhere: where intervals hold only a few samples their residual energies say little
// about how the function bends, and the loop stalls with nodes left in flat regions. A
// smooth curvature density, equidistributed at several phases (the objective has local
// minima) and polished, is the other route; the fit keeps whichever trains best.
#pragma once

#include <vector>

#include <lreg/1d/mesh1d.h>
#include <lreg/base/types.h>

namespace lreg::detail {

/// Per interval of `mesh`: the density's mass |f''|^(2/5) w^(1/5) h, f'' from the slope jumps of
/// the fit `coefficients` (#D by C, the norm over outputs) and w from the sample counts, both
/// averaged over neighbouring intervals, plus a 1% floor so that no region is left empty.
Vector curvatureMass(const Mesh1D& mesh, const RowMatrix& coefficients, const Vector& counts);

/// `phases` node vectors of D nodes at the quantiles (k + p / phases) / (D - 1) of that density.
std::vector<std::vector<double>> curvatureStarts(const Mesh1D& mesh, const Vector& mass, int D,
                                                 int phases, double minWidth);

/// Samples per part a pilot mesh keeps at least (on average over an interval's parts).
constexpr long kPilotSamples = 2;
/// How much finer a pilot mesh is than the mesh it refines.
constexpr int kPilotFactor = 4;

/// A finer mesh to read f'' from: each interval of `mesh` (`start` its samples.intervalStarts)
/// split into `factor` equal parts, fewer where it holds under kPilotSamples samples a part.
Mesh1D pilotMesh(const Mesh1D& mesh, const std::vector<long>& start, int factor);

/// A pilot interval holding at most kPilotSamples samples and wider than this many times the
/// median pilot interval is a data gap: it adds no bend to the approximation energy below (the
/// restarts' mass still spreads over it).
constexpr double kGapWidths = 8;

/// The P1 approximation error a placement leaves where its samples are too few to show it:
/// from |f''| and the sampling density read off a (fine) fit, an interval of width h holds
/// about h^4 |f''|^2 / 720 per sample (the continuous least-squares line against a parabola)
/// times its expected samples. Where an interval holds only a sample or two, none of them
/// need sit where the line misses most (a narrow peak's tip between samples), and neither the
/// training nor the leave-one-out error sees the miss; this does.
/// Where the data leave a gap, this must not guess: the neighbours' slope change read as a bend
/// across the gap gave 1e13 on the sine of [0, 1] with one sample at 1000 (against
/// leave-one-out errors of 1e-5), and candidates that spent nodes in the gap won. So a data gap
/// (kGapWidths) adds no bend, and an interval's bound is at most the squared spread of the
/// targets per sample it is expected to hold: a line misses a function within that range by no
/// more.
class CurvatureField {
 public:
  CurvatureField() = default;
  /// From the least-squares fit `coefficients` on `pilot`, `counts` its samples per interval;
  /// `spread` the squared norm over outputs of the targets' max - min.
  CurvatureField(const Mesh1D& pilot, const RowMatrix& coefficients, const Vector& counts,
                 double spread);
  /// Per interval of `mesh` (#D-1): h^4 / 720 times the integral of |f''|^2 times the sample
  /// density over it, at most the spread times the integral of the density. Zero for an empty
  /// field.
  Vector approximationEnergy(const Mesh1D& mesh) const;
  /// The pilot mesh and, per pilot interval, curvatureMass of the pilot's fit: the density a
  /// restart equidistributes (de Boor's iteration).
  const Mesh1D& pilot() const { return pilot_; }
  const Vector& mass() const { return mass_; }

 private:
  /// A cumulative integral below (at each pilot node) from the first node to x.
  double integral(const std::vector<double>& cumulative, double x) const;
  Mesh1D pilot_;
  Vector mass_;
  std::vector<double> cumulative_;         ///< of |f''|^2 times the density
  std::vector<double> cumulativeSamples_;  ///< of the density: the expected samples
  double spread_ = 0;
};

}  // namespace lreg::detail
