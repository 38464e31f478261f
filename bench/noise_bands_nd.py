#!/usr/bin/env -S /usr/bin/python3
"""2D/3D noise estimate on jumps, unresolved fronts and heteroscedastic noise: three rules.

The loop's local noise estimate (core/simplicial/noise_estimate.cpp) compares each sample with
the minimum-norm weighted sum of its 8 (3D: 14) nearest neighbours that reproduces quadratics.
Where the stencil straddles a jump or a front the sampling does not resolve, the residual is
the function's change, and the samples doing so form a band about two stencils wide. This
script mirrors the estimator (`noise_stencils_2d.stencil_residuals`; samples whose weights
exceed |w|^2 = 100 left out) and prints the
mean estimate over the true mean sigma^2 and the median |log(estimate / sigma^2)| (locality)
for three rules on each sample's window (itself and its neighbours):

  plain   the raw estimates (the C++ estimator today);
  window  the mean of the window's estimates at most 20 times the window's median (the 1D
          rule, samples1d.cpp);
  opening the mean of the window's estimates at most 40 times the morphological opening of the
          window medians (two erosions, a minimum over the window, then two dilations): it
          removes high bands narrower than about four stencil radii and keeps wider regions of
          high noise.

Found (session 13, bench/RESULTS.md "2D/3D: jumps are not noise"): the opening brings a 3D jump
from 5.7 to 1.3 sigma^2 and keeps heteroscedastic noise, but in the loop a more accurate
estimate let B2 at D = 1600 (20,000 samples) run past its tensor start and lose 1.4x against the
truth; it was not kept.

Usage:
  /usr/bin/python3 bench/noise_bands_nd.py [--seed 5]
"""

import argparse
import sys

import numpy as np
from scipy.spatial import cKDTree

from noise_stencils_2d import stencil_residuals


def raw_estimates(X, y, windows):
    """Each sample's squared residual against its quadratic stencil (its window without itself),
    scaled to be unbiased for y = quadratic + noise; nan where the weights are large."""
    r, ok = stencil_residuals(X, y, windows.shape[1] - 1, windows)
    return np.where(ok, r, np.nan)


def mean_below(raw, windows, cut):
    """Each sample's mean of its window's estimates at most cut (#N)."""
    v = raw[windows]
    keep = v <= cut[:, None]
    return np.nansum(np.where(keep, v, 0), 1) / np.maximum(keep.sum(1), 1)


def window_rule(raw, windows):
    return mean_below(raw, windows, 20 * np.nanmedian(raw[windows], 1))


def opening_rule(raw, windows, erosions=2, factor=40):
    level = np.nanmedian(raw[windows], 1)
    for _ in range(erosions):
        level = np.min(level[windows], 1)
    for _ in range(erosions):
        level = np.max(level[windows], 1)
    return mean_below(raw, windows, factor * level)


def cases(X):
    """name -> (function values, noise standard deviation per sample)."""
    n = len(X)
    smooth = X[:, 0] ** 2 + X[:, 1] * X[:, -1]
    return {
        "jump, 0.03": (smooth + (X[:, 0] > 0.4), np.full(n, 0.03)),
        "tanh(40), 0.01": (np.tanh(40 * (X[:, 0] - 0.5)) + smooth, np.full(n, 0.01)),
        "smooth, 0.03": (smooth, np.full(n, 0.03)),
        "step 0.001|0.03": (smooth, np.where(X[:, 0] < 0.5, 0.001, 0.03)),
        "0.05|cos 6x|": (smooth, 0.05 * np.abs(np.cos(6 * X[:, 0]))),
        "strip 0.2 wide": (smooth, np.where(np.abs(X[:, 0] - 0.5) < 0.1, 0.05, 0.005)),
        "jump + step": (smooth + (X[:, 0] > 0.4), np.where(X[:, 1] < 0.5, 0.002, 0.02)),
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args(argv)
    print("mean estimate / mean sigma^2, and median |log(estimate / sigma^2)|\n")
    print(f"{'case':22s} {'plain':>12s} {'window':>12s} {'opening':>12s}")
    for d, n in ((2, 8000), (3, 20000)):
        rng = np.random.default_rng(args.seed)
        X = rng.uniform(size=(n, d))
        k = 8 if d == 2 else 14
        windows = cKDTree(X).query(X, k + 1)[1]
        for name, (f, sigma) in cases(X).items():
            raw = raw_estimates(X, f + sigma * rng.normal(size=n), windows)
            truth = np.mean(sigma ** 2)
            cells = []
            for est in (raw, window_rule(raw, windows), opening_rule(raw, windows)):
                local = np.nanmedian(np.abs(np.log(np.maximum(est, 1e-300) / sigma ** 2)))
                cells.append(f"{np.nanmean(est) / truth:5.2f}/{local:.2f}")
            print(f"{d}D {name:19s} " + " ".join(f"{c:>12s}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
