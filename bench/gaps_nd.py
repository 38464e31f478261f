#!/usr/bin/env -S /usr/bin/python3
"""Two lreg binaries' default 2D/3D fits on sampling designs with far samples.

The 2D/3D engine maps the inputs' range onto the unit box. One sample far out squeezes every
other into a corner of the box (found: 5000 samples on [0, 1]^2 and one at (1000, 1000) took the
test RMSE from 0.0051 to 0.016; in 3D one at 10^6 from 0.0046 to 0.073). For each design,
function, seed and binary this runs `lreg fit --dof D` on noisy samples (sigma 0.01) uniform on
[0, 1]^d plus the design's far samples and prints the test RMSE (noise-free test samples on
[0, 1]^d) over the same binary's fit without the far samples: near 1, the far samples cost
nothing.

Usage:
  /usr/bin/python3 bench/gaps_nd.py A_LREG B_LREG [--seeds 1-2] [--workdir DIR] [--jobs 2]
"""

import argparse
import os
import sys
import tempfile

import numpy as np

from benchlib import ratio_summary, rmse_of_fits
from family_seeds_1d import parse_seeds

SIGMA = 0.01
# name -> (dimension, function on [0, 1]^d, training samples, D)
FUNCTIONS = {
    "wave-front 2D": (2, lambda X: np.sin(4 * X[:, 0]) * np.cos(3 * X[:, 1])
                      + np.tanh(20 * (X[:, 0] - 0.5)), 5000, 256),
    "b2like 2D": (2, lambda X: 0.5 * (np.sin(1 / (0.05 + 0.45 * X[:, 0]))
                                      + np.sin(1 / (0.05 + 0.45 * X[:, 1]))), 5000, 256),
    "front 3D": (3, lambda X: np.tanh(40 * (X[:, 0] - 0.5)) + np.sin(X[:, 1]) * X[:, 2], 20000,
                 729),
}
# name -> far samples (rows) for dimension d; their targets are 0
DESIGNS = {
    "corner 10": lambda d, rng: np.full((1, d), 10.0),
    "corner 1e3": lambda d, rng: np.full((1, d), 1e3),
    "corner 1e6": lambda d, rng: np.full((1, d), 1e6),
    "one axis 1e3": lambda d, rng: np.r_[1e3, np.full(d - 1, 0.5)][None],
    "ten at 100": lambda d, rng: 100 + rng.uniform(size=(10, d)),
}


def write(path, X, y):
    np.save(path, np.c_[X, y])


def make_case(name, seed, workdir):
    d, f, n, _ = FUNCTIONS[name]
    rng = np.random.default_rng([seed, sorted(FUNCTIONS).index(name)])
    X = rng.uniform(size=(n, d))
    y = f(X) + SIGMA * rng.normal(size=n)
    Xt = rng.uniform(size=(2000, d))
    stem = os.path.join(workdir, f"{name.replace(' ', '-')}-{seed}")
    write(stem + "-base.npy", X, y)
    write(stem + "-test.npy", Xt, f(Xt))
    for design, far in DESIGNS.items():
        F = far(d, rng)
        write(f"{stem}-{design.replace(' ', '-')}.npy", np.vstack([X, F]), np.r_[y, np.zeros(len(F))])
    return stem


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--seeds", type=parse_seeds, default=[1, 2])
    p.add_argument("--workdir", default=None)
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args(argv)
    workdir = args.workdir or tempfile.mkdtemp(prefix="lreg-gaps-nd-")
    os.makedirs(workdir, exist_ok=True)
    stems = {(n, s): make_case(n, s, workdir) for n in FUNCTIONS for s in args.seeds}
    parts = ["base"] + [d.replace(" ", "-") for d in DESIGNS]
    jobs = [(b, key, part) for key in stems for b in (args.a, args.b) for part in parts]

    fits = rmse_of_fits([(b, f"{stems[key]}-{part}.npy", f"{stems[key]}-test.npy",
                               FUNCTIONS[key[0]][3]) for b, key, part in jobs], args.jobs)
    rmse = dict(zip(jobs, fits))
    print(f"test RMSE with the far samples / without them, seeds {args.seeds}; A = {args.a}, "
          f"B = {args.b}\n")
    ratios = {args.a: [], args.b: []}
    for name in FUNCTIONS:
        for design in DESIGNS:
            cells = []
            for binary in (args.a, args.b):
                r = [rmse[(binary, (name, s), design.replace(" ", "-"))]
                     / rmse[(binary, (name, s), "base")] for s in args.seeds]
                ratios[binary] += r
                cells.append(" ".join(f"{v:7.3g}" for v in r))
            print(f"{name:14s} {design:13s}  A {cells[0]}  |  B {cells[1]}")
    for label, binary in (("A", args.a), ("B", args.b)):
        print(ratio_summary(label, ratios[binary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
