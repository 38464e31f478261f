#!/usr/bin/env -S /usr/bin/python3
"""Anisotropic 2D family: several lreg builds side by side, test RMSE against the truth.

Functions on [0, 1]^2 (20,000 uniform training points with noise sigma, 5,000 noise-free test
points): chirps along an axis, a sum and a product of 1D features with growing frequency,
three rotated chirps, an oblique front, an additive sin(1/x) and a B2-like function. Each row
is one function, sigma and D; each column one lreg executable (default options).

Usage:
  /usr/bin/python3 bench/family_2d.py --lreg A[,B...] [--dofs 256,1024] [--seed 1]
      [--functions NAME,...] [--workdir DIR]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

FUNCTIONS = {
    "chirp1": lambda x, y: np.sin(20 * np.pi * x ** 2) + 0.3 * y,
    "sumchirp": lambda x, y: np.sin(12 * np.pi * x ** 2) + np.sin(6 * np.pi * y ** 3),
    "prodchirp": lambda x, y: np.sin(10 * np.pi * x ** 2) * np.cos(2 * np.pi * y),
    "rotchirp": lambda x, y: np.sin(20 * np.pi * ((x + 0.5 * y) / 1.5) ** 2),
    "oblique": lambda x, y: np.tanh(25 * (0.7 * x - y + 0.2)),
    "rotchirp2": lambda x, y: np.sin(16 * np.pi * ((x + 0.3 * y) / 1.3) ** 2),
    "rotchirp3": lambda x, y: np.sin(16 * np.pi * ((x - 0.7 * y + 0.7) / 1.7) ** 2),
    "sinprod": lambda x, y: np.sin(1 / (0.06 + 0.5 * x)) * (1 + y),
    "b2like": lambda x, y: 0.5 * (np.sin(1 / (0.05 + 0.45 * x)) + np.sin(1 / (0.05 + 0.45 * y))),
}


def write_split(workdir, name, sigma, seed, n=20000, m=5000):
    out = os.path.join(workdir, f"{name}-{sigma}-{seed}")
    os.makedirs(out, exist_ok=True)
    r = np.random.default_rng(seed)
    f = FUNCTIONS[name]
    for path, size, noise in (("train.csv", n, sigma), ("test.csv", m, 0.0)):
        X = r.uniform(0, 1, (size, 2))
        y = f(X[:, 0], X[:, 1]) + noise * r.normal(size=size)
        np.savetxt(os.path.join(out, path), np.c_[X, y], delimiter=",", header="x1,x2,y",
                   comments="", fmt="%.17g")
    return out


def fit(lreg, folder, dof, seed):
    out = subprocess.run([lreg, "fit", os.path.join(folder, "train.csv"), "--test",
                          os.path.join(folder, "test.csv"), "--dof", str(dof), "--json",
                          "--quiet", "--seed", str(seed)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lreg", required=True, help="comma-separated lreg executables")
    p.add_argument("--dofs", default="256,1024")
    p.add_argument("--seed", type=int, default=1, help="data seed")
    p.add_argument("--functions", default=",".join(FUNCTIONS))
    p.add_argument("--workdir", default=None)
    args = p.parse_args(argv)
    lregs = args.lreg.split(",")
    workdir = args.workdir or tempfile.mkdtemp(prefix="lreg-family2d-")
    print("| function | sigma | D | " + " | ".join(lregs) + " |")
    print("|---|---|---|" + "---|" * len(lregs))
    for name in args.functions.split(","):
        for sigma in (0.0, 0.01):
            folder = write_split(workdir, name, sigma, args.seed)
            for dof in (int(v) for v in args.dofs.split(",")):
                cells = []
                for lreg in lregs:
                    j = fit(lreg, folder, dof, 1)
                    cells.append(f"{j['test']['rmse']:.4g} ({j['iterations']} it)")
                print(f"| {name} | {sigma} | {dof} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
