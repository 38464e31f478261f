#!/usr/bin/env -S /usr/bin/python3
"""Two lreg binaries' default 1D fits on sampling designs with data gaps and far samples.

bench/family_1d.py samples x uniformly on [0, 1]. Real inputs are not: a stray sample far out, a
heavy tail or two clusters leave intervals that span a gap thousands of times the sample spacing,
where a criterion read off neighbouring intervals can mislead the final choice of placement
(found: one sample at x = 1000 beside 999 on [0, 1] took the sine's RMSE from 2e-4 to 0.41). For
each design, family function g (taken as g(min(x, 1)) beyond 1, g(10 - x) on the second cluster),
D and seed this runs `lreg fit --dof D` of binary A and binary B on 5000 noise-free training
samples and prints the test RMSE (1000 test samples from the design's dense parts) of each over
the same binary's on the design's gap-free counterpart (far samples left out, clusters moved
together): a ratio near 1 means the gap costs nothing.

Usage:
  /usr/bin/python3 bench/gaps_1d.py A_LREG B_LREG [--seeds 1-3] [--dofs 32,64]
      [--functions jump,peak,front,chirp] [--workdir DIR] [--jobs 2]
"""

import argparse
import os
import sys
import tempfile

import numpy as np

import family_1d as fam
from benchlib import ratio_summary, rmse_of_fits
import free_knot_reference as fkr
from family_seeds_1d import parse_seeds

N_TRAIN, N_TEST = 5000, 1000


def _dense(rng, n):
    return rng.uniform(size=n)


def _lognormal(rng, n):
    return np.exp(rng.normal(-2, 1, n))


def _clusters(rng, n):
    return np.concatenate([_dense(rng, n // 2), 9 + _dense(rng, n - n // 2)])


# name -> (training x sampler, test x sampler, the design without its gap: training x and test x
# -> their gap-free counterparts, the x each target is computed at)
DESIGNS = {
    "one far": (lambda rng, n: np.concatenate([_dense(rng, n - 1), [1000.0]]), _dense,
                lambda x, xt: (x[x <= 1], xt), lambda x: np.minimum(x, 1)),
    "ten far": (lambda rng, n: np.concatenate([_dense(rng, n - 10), rng.uniform(100, 101, 10)]),
                _dense, lambda x, xt: (x[x <= 1], xt), lambda x: np.minimum(x, 1)),
    # The counterpart closes the gap: the second cluster moved next to the first; g mirrored on
    # it (g(10 - x)), so that the closed design is continuous where the clusters meet.
    "two clusters": (_clusters, _clusters,
                     lambda x, xt: (np.where(x > 5, x - 8, x), np.where(xt > 5, xt - 8, xt)),
                     lambda x: np.where(x > 5, 10 - x, np.where(x > 1, 2 - x, x))),
    # Tested below the top 1% of the training inputs; the counterpart leaves that 1% out.
    "log tail": (_lognormal, _lognormal,
                 lambda x, xt: (x[x <= np.quantile(x, 0.99)], xt), lambda x: np.minimum(x, 1)),
}


def write(path, x, y):
    np.savetxt(path, np.c_[x, y], delimiter=",", header="x,y", comments="", fmt="%.17g")


def make_case(design, name, seed, workdir):
    """Writes STEM-{train,test}.csv (the design) and STEM-{closed,closed-test}.csv (without its gap)."""
    sample, sample_test, close, at = DESIGNS[design]
    g = fam.FUNCTIONS[name][0]
    rng = np.random.default_rng([seed, sorted(DESIGNS).index(design), sorted(fam.FUNCTIONS).index(name)])
    x = sample(rng, N_TRAIN)
    xt = sample_test(rng, 4 * N_TEST)
    if design == "log tail":
        xt = xt[xt <= np.quantile(x, 0.99)]
    xt = xt[:N_TEST]
    stem = os.path.join(workdir, f"{design.replace(' ', '-')}-{name}-{seed}")
    write(stem + "-train.csv", x, g(at(x)))
    write(stem + "-test.csv", xt, g(at(xt)))
    xc, xtc = close(x, xt)
    write(stem + "-closed.csv", xc, g(at(xc)))
    write(stem + "-closed-test.csv", xtc, g(at(xtc)))
    return stem


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--seeds", type=parse_seeds, default=[1, 2, 3])
    p.add_argument("--dofs", type=fkr.parse_dofs, default=[32, 64])
    p.add_argument("--functions", default="jump,peak,front,chirp")
    p.add_argument("--workdir", default=None)
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args(argv)
    names = [n for n in args.functions.split(",") if n]
    workdir = args.workdir or tempfile.mkdtemp(prefix="lreg-gaps-")
    os.makedirs(workdir, exist_ok=True)
    stems = {(d, n, s): make_case(d, n, s, workdir) for d in DESIGNS for n in names for s in args.seeds}
    jobs = [(b, key, dof, part) for key in stems for dof in args.dofs for b in (args.a, args.b)
            for part in ("", "closed-")]

    def files(key, part):
        stem = stems[key]
        return (f"{stem}-train.csv" if part == "" else f"{stem}-closed.csv",
                f"{stem}-{part}test.csv")

    fits = rmse_of_fits([(b, *files(key, part), dof) for b, key, dof, part in jobs], args.jobs)
    rmse = dict(zip(jobs, fits))
    print(f"test RMSE of the design / of its gap-free counterpart, seeds {args.seeds}; A = {args.a}, "
          f"B = {args.b}\n")
    ratios = {args.a: [], args.b: []}
    for design in DESIGNS:
        for name in names:
            for dof in args.dofs:
                cells = []
                for binary in (args.a, args.b):
                    r = [rmse[(binary, (design, name, s), dof, "")]
                         / rmse[(binary, (design, name, s), dof, "closed-")] for s in args.seeds]
                    ratios[binary] += r
                    cells.append(" ".join(f"{v:7.3g}" for v in r))
                print(f"{design:12s} {name:6s} D={dof:3d}  A {cells[0]}  |  B {cells[1]}")
    for label, binary in (("A", args.a), ("B", args.b)):
        print(ratio_summary(label, ratios[binary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
