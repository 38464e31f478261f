#!/usr/bin/env -S /usr/bin/python3
"""`lreg fit` against the best free-knot P1 placement on held-out 1D functions.

Functions nobody tuned the engine for: jumps, kinks, cusps, narrow peaks, steep fronts, mixed
scales, chirps (x ~ U(0, 1), 5000 training and 20000 test points; test points inside the data gap
around a jump, where no sample says where the jump is, are left out), each noise-free and with Gaussian noise
(sigma = 0.05, about 5% of the functions' ranges). For every function, noise level and D:

  * lreg's default fit (`lreg fit --dof D --json`, any extra `--lreg-args`): test RMSE against
    the true function, and its estimated noise level (`noise_sd` in the JSON);
  * the reference: the best training error found over the free-knot multi-start of
    free_knot_reference.py (density |f''|^(2/5) equidistributed at 4 phases, from the data and
    from the true f, each polished by L-BFGS with exact coefficients) and lreg's own nodes
    polished the same way (`--no-lreg-start` leaves that start out);
  * the ratio lreg / reference (target <= 1.15) and the uniform-knot fit for scale.

The reference rows are cached in `--workdir`/reference-cache.json (keyed by function, noise,
seed, D and sizes): they do not depend on lreg. Takes 5-15 minutes on 2 cores the first time,
about a minute with the cache.

Usage:
  /usr/bin/python3 bench/family_1d.py [--lreg build/app/lreg] [--dofs 32,64,128,256]
      [--functions jump,peak] [--noise 0,0.05] [--seed 1] [--workdir DIR] [--json FILE]
"""

import argparse
import json
import os
import shlex
import sys
import tempfile

import numpy as np

import benchlib
import free_knot_reference as fkr

RATIO_TARGET = 1.15


def _step(x, at):
    return (np.asarray(x) > at).astype(float)


def _bump(x, centre, width):
    return np.exp(-((np.asarray(x) - centre) / width) ** 2)


# name -> (truth f(x) on [0, 1], its jump locations, what it tests)
FUNCTIONS = {
    "jump": (lambda x: np.sin(2 * np.pi * x) + _step(x, 0.37), [0.37], "one jump on a smooth wave"),
    # (Piecewise-linear truths would be fitted exactly by a handful of nodes: no ratio.)
    "jumps3": (lambda x: np.sin(3 * x) + _step(x, 0.2) - 0.6 * _step(x, 0.55)
               + 0.3 * _step(x, 0.8), [0.2, 0.55, 0.8], "three jumps of different sizes"),
    "sawtooth": (lambda x: np.mod(4 * np.asarray(x) + 0.1, 1.0) ** 2,
                 [0.225, 0.475, 0.725, 0.975], "four unit jumps, curved ramps"),
    "kink": (lambda x: np.abs(x - 0.41) + 0.3 * np.sin(5 * x), [], "a kink on a smooth curve"),
    "cusp": (lambda x: np.sqrt(np.abs(x - 0.6)), [], "infinite slope at x = 0.6"),
    "root": (lambda x: np.asarray(x) ** 0.3, [], "infinite slope at the boundary"),
    "peak": (lambda x: 0.2 * np.sin(3 * x) + _bump(x, 0.63, 0.005), [], "one narrow peak"),
    "peaks3": (lambda x: _bump(x, 0.2, 0.002) + 0.7 * _bump(x, 0.5, 0.01)
               + 0.5 * _bump(x, 0.8, 0.05), [], "three peaks, widths 0.002 / 0.01 / 0.05"),
    "front": (lambda x: np.tanh(200 * (np.asarray(x) - 0.52)), [], "a steep tanh front"),
    "mixed": (lambda x: np.sin(2 * np.pi * x) + 0.05 * np.sin(60 * np.pi * x) * _step(x, 0.5),
              [0.5], "a small fast wave on half of the domain"),
    "chirp": (lambda x: np.sin(2 * np.pi * (2 * x + 8 * np.asarray(x) ** 3)), [],
              "frequency rising from 2 to 26"),
    "combo": (lambda x: np.sin(4 * x) + 0.5 * _step(x, 0.25) + _bump(x, 0.7, 0.01), [0.25],
              "a jump, a narrow peak and a smooth part"),
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def family_dataset(name: str, sigma: float) -> benchlib.Dataset1D:
    truth = FUNCTIONS[name][0]
    return benchlib.Dataset1D(name, 5000, 1000, lambda rng, n: rng.uniform(0.0, 1.0, n),
                              lambda x: truth(np.asarray(x, dtype=float)),
                              lambda x: np.full_like(np.asarray(x, dtype=float), sigma),
                              lambda x: np.ones_like(np.asarray(x, dtype=float)))


class Case:
    """One function at one noise level: data (CSV in the workdir) and the truth."""

    def __init__(self, name: str, sigma: float, seed: int, workdir: str, n_train: int,
                 n_test: int):
        self.name, self.sigma, self.seed = name, sigma, seed
        self.ds = family_dataset(name, sigma)
        rng = np.random.default_rng([seed, sorted(FUNCTIONS).index(name), int(sigma * 1e6)])
        self.xtr, self.ytr = self.ds.generate(n_train, rng)
        self.xte = self.ds.sample_x(rng, n_test)
        # Inside the data gap around a jump no training sample says where the jump is: test
        # points there measure luck, not the placement, and are left out.
        xs = np.sort(self.xtr)
        gaps = [(xs[np.searchsorted(xs, a) - 1], xs[np.searchsorted(xs, a)])
                for a in FUNCTIONS[name][1]]
        keep = np.ones(n_test, dtype=bool)
        for lo, hi in gaps:
            keep &= ~((self.xte > lo) & (self.xte < hi))
        self.xte = self.xte[keep]
        self.fte = self.ds.truth(self.xte)  # errors are measured against the truth
        self.yte = self.fte + sigma * rng.standard_normal(len(self.xte))
        tag = f"{name}-s{sigma:g}-seed{seed}"
        self.train_path = os.path.join(workdir, tag + "-train.csv")
        self.test_path = os.path.join(workdir, tag + "-test.csv")
        benchlib.write_xy(self.train_path, self.xtr, self.ytr)
        benchlib.write_xy(self.test_path, self.xte, self.fte)
        self.key = f"{tag}-n{n_train}"  # the training data do not depend on n_test

    @property
    def label(self) -> str:
        return self.name if self.sigma == 0 else f"{self.name}+noise"


def train_rmse(knots, case) -> float:
    return float(np.sqrt(fkr.train_mse(knots, case.xtr, case.ytr)))


def test_rmse(knots, case) -> float:
    return benchlib.rmse(case.fte, fkr.evaluate(knots, fkr.lsq_fit(knots, case.xtr, case.ytr),
                                                case.xte))


def reference(case: Case, dof: int, cache: dict) -> dict:
    key = f"{case.key}-D{dof}"
    if key not in cache:
        fit = fkr.free_knot_fit(case.xtr, case.ytr, dof, truth=case.ds)
        cache[key] = {"knots": fit.knots.tolist(), "seconds": fit.seconds,
                      "start": fit.info["start"]}
    row = cache[key]
    knots = np.array(row["knots"])
    return {"knots": knots, "train_rmse": train_rmse(knots, case),
            "test_rmse": test_rmse(knots, case), "seconds": row["seconds"],
            "start": row["start"]}


def run_lreg(case: Case, dof: int, args, workdir: str) -> dict:
    model = os.path.join(workdir, f"{case.key.replace('/', '_')}-D{dof}.json")
    res = benchlib.lreg_fit(args.lreg, case.train_path, case.test_path, dof,
                            ["--model", model, "--quiet"] + shlex.split(args.lreg_args))
    knots, _ = benchlib.read_lreg_model_1d(model)
    return {"test_rmse": res["test"]["rmse"], "train_rmse": res["train"]["rmse"],
            "knots": knots, "seconds": res["wall_seconds"], "noise_sd": res.get("noise_sd"),
            "iterations": res["iterations"]}


def run_case(case: Case, dof: int, args, workdir: str, cache: dict) -> dict:
    ref = reference(case, dof, cache)
    lr = run_lreg(case, dof, args, workdir) if not args.skip_lreg else None
    best = {"train_rmse": ref["train_rmse"], "test_rmse": ref["test_rmse"], "start": ref["start"]}
    if lr is not None and args.lreg_start:
        knots, _ = fkr.polish(lr["knots"], case.xtr, case.ytr)
        polished = {"train_rmse": train_rmse(knots, case), "test_rmse": test_rmse(knots, case),
                    "start": "lreg"}
        if polished["train_rmse"] < best["train_rmse"]:
            best = polished
    uniform = test_rmse(fkr.uniform_knots(case.xtr, dof), case)
    row = {"function": case.name, "sigma": case.sigma, "dof": dof,
           "reference_test_rmse": best["test_rmse"], "reference_train_rmse": best["train_rmse"],
           "reference_start": best["start"], "multistart_test_rmse": ref["test_rmse"],
           "uniform_test_rmse": uniform}
    if lr is not None:
        row.update({"lreg_test_rmse": lr["test_rmse"], "lreg_train_rmse": lr["train_rmse"],
                    "lreg_seconds": lr["seconds"], "lreg_noise_sd": lr["noise_sd"],
                    "lreg_iterations": lr["iterations"],
                    "ratio": lr["test_rmse"] / best["test_rmse"],
                    "train_ratio": lr["train_rmse"] / best["train_rmse"]})
    return row


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lreg", default=benchlib.DEFAULT_LREG)
    p.add_argument("--dofs", type=fkr.parse_dofs, default=[32, 64, 128, 256])
    p.add_argument("--functions", default=",".join(FUNCTIONS),
                   help="comma-separated subset of: " + ", ".join(FUNCTIONS))
    p.add_argument("--noise", default="0,0.05", help="noise standard deviations (default 0,0.05)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--train-size", type=int, default=5000)
    p.add_argument("--test-size", type=int, default=20000)
    p.add_argument("--lreg-args", default="", help="extra options for lreg fit, e.g. '--polish 0'")
    p.add_argument("--no-lreg-start", dest="lreg_start", action="store_false",
                   help="leave lreg's own polished nodes out of the reference")
    p.add_argument("--skip-lreg", action="store_true", help="compute the references only")
    p.add_argument("--workdir", default=None, help="keep CSVs, models and the reference cache")
    p.add_argument("--json", default=None, help="write every row to this file")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    names = [n for n in args.functions.split(",") if n]
    unknown = [n for n in names if n not in FUNCTIONS]
    if unknown:
        log(f"unknown functions: {', '.join(unknown)}")
        return 2
    if not args.skip_lreg and not benchlib.lreg_available(args.lreg):
        log(f"lreg not found at {args.lreg} (build it, or pass --lreg / --skip-lreg)")
        return 2
    workdir = args.workdir or tempfile.mkdtemp(prefix="lreg-family-")
    os.makedirs(workdir, exist_ok=True)
    cache_path = os.path.join(workdir, "reference-cache.json")
    cache = json.load(open(cache_path)) if os.path.isfile(cache_path) else {}
    rows = []
    for sigma in [float(s) for s in args.noise.split(",")]:
        for name in names:
            case = Case(name, sigma, args.seed, workdir, args.train_size, args.test_size)
            for dof in args.dofs:
                row = run_case(case, dof, args, workdir, cache)
                rows.append(row)
                with open(cache_path, "w") as fh:
                    json.dump(cache, fh)
                log(f"{case.label} D={dof}: lreg {row.get('lreg_test_rmse', float('nan')):.4g}"
                    f" ref {row['reference_test_rmse']:.4g} ratio {row.get('ratio', float('nan')):.3f}")
    print(f"Held-out 1D functions, x ~ U(0, 1), {args.train_size}/{args.test_size} points, "
          f"seed {args.seed}; test RMSE against the true function; load {benchlib.load_text()}\n")
    table = []
    for r in rows:
        ok = r.get("ratio") is not None and r["ratio"] <= RATIO_TARGET
        table.append([r["function"] + ("" if r["sigma"] == 0 else f" σ={r['sigma']:g}"), r["dof"],
                      r.get("lreg_test_rmse"), r["reference_test_rmse"], r.get("ratio"),
                      "yes" if ok else "**no**", r["uniform_test_rmse"], r.get("lreg_noise_sd"),
                      r["reference_start"]])
    print(benchlib.markdown_table(
        ["function", "D", "lreg", "best placement", "ratio", f"<= {RATIO_TARGET}", "uniform",
         "lreg noise sd", "best start"], table))
    ratios = [r["ratio"] for r in rows if r.get("ratio") is not None]
    if ratios:
        worst = max(rows, key=lambda r: r.get("ratio", 0))
        met = sum(v <= RATIO_TARGET for v in ratios)
        print(f"\n{met}/{len(ratios)} within {RATIO_TARGET}; worst {worst['ratio']:.3f} "
              f"({worst['function']}, sigma {worst['sigma']:g}, D = {worst['dof']}); "
              f"geometric mean {float(np.exp(np.mean(np.log(ratios)))):.3f}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"seed": args.seed, "rows": rows}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
