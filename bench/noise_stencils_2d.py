#!/usr/bin/env -S /usr/bin/python3
"""2D noise estimate at two stencil sizes on bench/family_2d.py's functions: structure or noise.

The loop's local noise estimate (core/simplicial/noise_estimate.cpp) compares each sample with
the minimum-norm weighted sum of its 8 nearest neighbours that reproduces quadratics. Structure
finer than that stencil reads as noise; noise does not depend on the stencil, structure does.
This script mirrors the estimator (quadratic reproduction only, samples whose weights exceed
|w|^2 = 100 in either stencil left out) with 8 and 16 neighbours on the family's training sets
and prints both sigmas, their variance ratio and the noise share
(4 narrow - wide) / (3 narrow) (Richardson extrapolation to a zero stencil, growth 4 assumed).

Usage:
  /usr/bin/python3 bench/noise_stencils_2d.py [--seed 1] [--functions NAME,...]
"""

import argparse
import os
import sys

import numpy as np
from scipy.spatial import cKDTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import family_2d  # noqa: E402


def stencil_residuals(X, y, k, idx=None):
    """Squared residual of each sample against its k-neighbour quadratic stencil, and a mask
    of the samples whose weights stay small (as the C++ estimator's degree-2 branch). X is #N
    by d (d = 2, 3); idx, #N by k + 1, the samples' nearest neighbours, themselves first
    (queried here when not given)."""
    if idx is None:
        _, idx = cKDTree(X).query(X, k=k + 1)
    idx = idx[:, 1:]
    d = X.shape[1]
    Q = X[idx] - X[:, None, :]
    Q = Q / np.linalg.norm(Q, axis=2).max(1)[:, None, None]
    columns = [np.ones(Q.shape[:2])] + [Q[..., a] for a in range(d)]
    columns += [Q[..., a] * Q[..., b] for a in range(d) for b in range(a, d)]
    P = np.stack(columns, 2)
    e1 = np.zeros((len(X), P.shape[2], 1))
    e1[:, 0, 0] = 1
    z = np.linalg.solve(np.einsum("nki,nkj->nij", P, P), e1)[..., 0]
    w = np.einsum("nki,ni->nk", P, z)
    norm = (w ** 2).sum(1)
    r = (y - (w * y[idx]).sum(1)) ** 2 / (1 + norm)
    return r, norm <= 100


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--functions", default=",".join(family_2d.FUNCTIONS))
    args = p.parse_args(argv)
    print("| function | sigma | sigma (8) | sigma (16) | ratio 16/8 | noise share |")
    print("|---|---|---|---|---|---|")
    for name in args.functions.split(","):
        for sigma in (0.0, 0.01):
            r = np.random.default_rng(args.seed)  # as family_2d.write_split's training set
            X = r.uniform(0, 1, (20000, 2))
            y = family_2d.FUNCTIONS[name](X[:, 0], X[:, 1]) + sigma * r.normal(size=20000)
            a, oka = stencil_residuals(X, y, 8)
            b, okb = stencil_residuals(X, y, 16)
            m = oka & okb
            narrow, wide = a[m].sum(), b[m].sum()
            share = min(1.0, max(0.0, (4 * narrow - wide) / (3 * narrow)))
            print(f"| {name} | {sigma} | {np.sqrt(a[m].mean()):.5f} | {np.sqrt(b[m].mean()):.5f} "
                  f"| {wide / narrow:.2f} | {share:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
