// Whether a fit at the estimated noise floor is really down to noise, judged on samples the
// check's fits have not seen. The local noise estimate (noise_estimate.h) compares each sample
// with a stencil of its nearest neighbours and cannot tell an oscillation at the sampling scale
// from noise: a noise-free chirp reads as sigma 0.013, and a loop that stops at that floor
// keeps 2-4x the error it could reach. Cross-validating the fitted mesh is not enough either:
// its nodes were placed with every sample, and a mesh that followed the noise looks better on
// the samples it was placed with than it is (A2 at D = 1024: 0.048 cross-validated, 0.063 on
// the test set). So the check runs the loop itself on one half of the samples, from the fit at
// the floor and without the floor, and measures each of its fits on the other half.
#pragma once

#include <atomic>

#include <lreg/base/types.h>
#include <lreg/engine/mrc_options.h>
#include <lreg/model/model.h>

namespace lreg::detail {

/// `atFloor`: the fit at the floor (unit-domain mesh); U, Y: the loop's samples (#N by d in the
/// unit box, #N by C). The samples are split in two halves by a hash of their index; the loop
/// (`options`, without noise awareness) runs on one half from `atFloor`'s mesh and each fit is
/// measured on the other. True when none of those fits beats the first (the floor mesh refitted
/// on that half) by `kHeldOutGain` on the held-out half, i.e. the floor holds; also when the
/// half holds fewer than 4 samples per simplex (too few to tell) or `cancel` becomes true.
bool floorHoldsOnHeldOut(const Model& atFloor, const RowMatrix& U, const RowMatrix& Y,
                         const MrcOptions& options, const std::atomic<bool>* cancel);

/// Whether the check can tell with `samples` samples on a mesh of `simplices` simplices: a half
/// holds at least 4 samples per simplex (with fewer the loop on a half mostly loses for want of
/// samples, and the floor holds unchecked).
bool floorCheckCanTell(long samples, long simplices);

/// A fit past the floor must lower the held-out error by this share to refute the floor.
inline constexpr double kHeldOutGain = 0.02;

}  // namespace lreg::detail
