#!/usr/bin/env -S /usr/bin/python3
"""Speed at scale: the whole `lreg fit` process vs FITPACK UnivariateSpline(k=1), 1D.

Generates N = 1,000,000 training points (default: the App. C.3 distribution x = 1/V,
V ~ U(2, 50), y = sin(1/x), noise-free; `--dataset B1` gives x = 1/V, V ~ U(1, 50) with noise
N(0, 0.01)) and a held-out test set, writes both as CSV with full double precision, then

  * times `lreg fit train.csv --test test.csv --dof 256 --json` as a subprocess: wall time of
    the whole process, CSV parsing, fitting and evaluating the test set included;
  * times FITPACK's UnivariateSpline(k=1) on the same training data already in memory (the
    sort by x it requires included), with s from the known noise (s = N sigma^2; for noise-free
    data s = N * 1e-6, an RMS residual of 1e-3) and, as an equal-budget control, with s tuned
    so that it uses at most D knots (timing of that final fit only).

Test RMSE is measured against the true function sin(1/x) by default (the estimation error;
`--noisy-test` uses noisy targets instead). Outside the training range every model is held
constant. Target: lreg wall time <= 0.5x FITPACK's at equal or better test RMSE.

Usage:
  /usr/bin/python3 bench/speed_1d.py [--lreg build/app/lreg] [--dataset appc3|B1]
"""

import argparse
import os
import shlex
import sys
import tempfile
import time
import warnings

import numpy as np
from scipy.interpolate import UnivariateSpline

import benchlib

SPEED_TARGET = 0.5
NOISE_FREE_TOLERANCE = 1e-3


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def make_data(args) -> dict:
    """Training and test arrays for the chosen data set (numpy, seeded)."""
    ds = benchlib.dataset(args.dataset)
    rng = np.random.default_rng(args.seed)
    xtr, ytr = ds.generate(args.n, rng)
    xte, yte = ds.generate(args.n_test, rng, noise_scale=1.0 if args.noisy_test else 0.0)
    return {"ds": ds, "xtr": xtr, "ytr": ytr, "xte": xte, "yte": yte}


def write_csvs(data: dict, workdir: str) -> tuple:
    start = time.perf_counter()
    train, test = os.path.join(workdir, "train.csv"), os.path.join(workdir, "test.csv")
    benchlib.write_xy(train, data["xtr"], data["ytr"])
    benchlib.write_xy(test, data["xte"], data["yte"])
    log(f"wrote {train} ({os.path.getsize(train) / 1e6:.0f} MB) and {test} "
        f"in {time.perf_counter() - start:.1f} s")
    return train, test


def time_lreg(args, train: str, test: str) -> dict:
    """Best-of-R wall time of the whole `lreg fit` process, and its reported test RMSE."""
    extra = ["--seed", str(args.seed)] + shlex.split(args.lreg_args)
    runs = []
    for i in range(args.repeats):
        res = benchlib.lreg_fit(args.lreg, train, test, args.dof, extra, timeout=1800)
        log(f"lreg run {i + 1}: wall {res['wall_seconds']:.3f} s, "
            f"test RMSE {res['test']['rmse']:.4g}")
        runs.append(res)
    best = min(runs, key=lambda r: r["wall_seconds"])
    parts = [f"reported seconds {best['seconds']:.3g}"]
    if isinstance(best.get("fit_seconds"), (int, float)):
        parts.append(f"fit_seconds {best['fit_seconds']:.3g}")
    parts.append(f"{best['iterations']} iterations")
    return {"seconds": best["wall_seconds"], "rmse": best["test"]["rmse"],
            "knots": best.get("dof"), "detail": "whole process; " + ", ".join(parts)}


def noise_smoothing(data: dict) -> float:
    """FITPACK's s for the known noise: sum of sigma^2, or N * tol^2 for noise-free data."""
    sigma = data["ds"].sigma(data["xtr"])
    if sigma.max() == 0.0:
        return len(sigma) * NOISE_FREE_TOLERANCE ** 2
    return float(np.sum(sigma ** 2))


def fitpack_once(data: dict, s: float) -> tuple:
    """One UnivariateSpline(k=1) fit on in-memory data -> (spline, sort s, fit s)."""
    t0 = time.perf_counter()
    order = np.argsort(data["xtr"], kind="stable")
    xs, ys = data["xtr"][order], data["ytr"][order]
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spline = UnivariateSpline(xs, ys, k=1, s=s)
    return spline, t1 - t0, time.perf_counter() - t1


def fitpack_result(data: dict, s: float, repeats: int, label: str) -> dict:
    """Best-of-R FITPACK time (sort + fit) and the test RMSE of the spline."""
    timings = []
    for _ in range(repeats):
        spline, sort_s, fit_s = fitpack_once(data, s)
        timings.append((sort_s + fit_s, sort_s))
    total, sort_s = min(timings)
    lo, hi = data["xtr"].min(), data["xtr"].max()
    pred = spline(np.clip(data["xte"], lo, hi))
    knots = len(spline.get_knots())
    return {"seconds": total, "rmse": benchlib.rmse(data["yte"], pred), "knots": knots,
            "detail": f"{label}, s={s:.3g}; sort {sort_s:.3g} s included"}


def budget_smoothing(data: dict, dof: int, steps: int) -> float:
    """Smallest s (bisection in log s) for which FITPACK uses at most dof knots."""
    s0 = noise_smoothing(data)
    lo, hi = np.log(s0) - 12.0, np.log(s0) + 12.0
    best = None
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        spline, _, _ = fitpack_once(data, float(np.exp(mid)))
        if len(spline.get_knots()) <= dof:
            hi, best = mid, mid
        else:
            lo = mid
    return float(np.exp(best if best is not None else hi))


def verdict(lreg: dict, other: dict) -> str:
    ratio = lreg["seconds"] / other["seconds"]
    fast = ratio <= SPEED_TARGET
    accurate = lreg["rmse"] <= other["rmse"] * (1 + 1e-9)
    return f"time ratio {ratio:.3g} ({'yes' if fast else 'NO'}), " \
           f"RMSE {'equal or better' if accurate else 'WORSE'}"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lreg", default=benchlib.DEFAULT_LREG,
                        help="path of the lreg executable (default: build/app/lreg)")
    parser.add_argument("--dataset", default="appc3", choices=["appc3", "B1", "C"],
                        help="distribution and noise of the data (default appc3)")
    parser.add_argument("--n", type=int, default=1_000_000, help="training points")
    parser.add_argument("--n-test", type=int, default=100_000, help="held-out test points")
    parser.add_argument("--dof", type=int, default=256, help="lreg node count (default 256)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--noisy-test", action="store_true",
                        help="test targets with noise instead of the true function")
    parser.add_argument("--budget-steps", type=int, default=12,
                        help="FITPACK fits spent tuning s to <= D knots (0: skip that row)")
    parser.add_argument("--lreg-args", default="", help="extra arguments for `lreg fit`")
    parser.add_argument("--workdir", default=None, help="where the CSVs go (default: temp)")
    parser.add_argument("--skip-lreg", action="store_true", help="time FITPACK only")
    args = parser.parse_args(argv)
    if not args.skip_lreg and not benchlib.lreg_available(args.lreg):
        parser.error(f"no lreg executable at {args.lreg} (build it, pass --lreg, or use "
                     "--skip-lreg)")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    data = make_data(args)
    rows = {}
    with tempfile.TemporaryDirectory(prefix="lreg-speed-") as tmp:
        workdir = args.workdir or tmp
        os.makedirs(workdir, exist_ok=True)
        train, test = write_csvs(data, workdir)
        if not args.skip_lreg:
            rows[f"lreg fit, D = {args.dof}"] = time_lreg(args, train, test)
    rows["FITPACK k=1, s from noise"] = fitpack_result(
        data, noise_smoothing(data), args.repeats, "s from the known noise")
    log(f"FITPACK (s from noise): {rows['FITPACK k=1, s from noise']['seconds']:.3f} s")
    if args.budget_steps > 0:
        s = budget_smoothing(data, args.dof, args.budget_steps)
        rows[f"FITPACK k=1, <= {args.dof} knots"] = fitpack_result(
            data, s, args.repeats, f"s tuned to <= {args.dof} knots")

    target = "noisy targets" if args.noisy_test else "the true function"
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"# 1D speed: {args.n:,} training points ({args.dataset}), {args.n_test:,} test "
          f"points, RMSE against {target}, best of {args.repeats}\n")
    print(f"{os.cpu_count()} CPUs, load average at the end {load}\n")
    print(benchlib.markdown_table(
        ["method", "nodes/knots", "seconds", "test RMSE", "notes"],
        [[name, r["knots"], r["seconds"], r["rmse"], r["detail"]] for name, r in rows.items()]))
    lreg_row = rows.get(f"lreg fit, D = {args.dof}")
    if lreg_row:
        print("\nlreg vs each FITPACK row (target: time ratio <= "
              f"{SPEED_TARGET} at equal or better RMSE):\n")
        for name, r in rows.items():
            if name.startswith("FITPACK"):
                print(f"- {name}: {verdict(lreg_row, r)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
