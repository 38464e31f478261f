#!/usr/bin/env -S /usr/bin/python3
"""LReg against what users would otherwise pick, on the same data in the same run (issue 6).

Two sections, each printing a table of time and error with ratios to lreg:

  1. 1D at scale: N (default 10^7) noise-free points, x ~ U(0, 1),
     y = sin(2 pi x) + 0.5 sin(12 pi x) + 0.2 sin(40 pi x), written once as float64 .npy
     (and 10^5 held-out points). `lreg fit train.npy --test test.npy --dof 1024 --json` is timed
     as a whole process (reading the file, fitting, scoring), with its peak resident memory
     (getrusage of the child) against the file size. FITPACK's UnivariateSpline(k=1) is fitted
     on the same arrays in memory (the sort it needs included) with s = N * 1e-6, an RMS
     residual of 1e-3. sklearn's MLPRegressor (one ReLU layer with about 2 D parameters, Adam)
     is trained on a 2 10^4-point subsample with an epoch cap: on 10^7 points it would take hours.
     Targets: lreg time <= 20% of FITPACK's at equal or lower test RMSE; peak memory <= 2.5x
     the file.
  2. 2D, the paper's B2 (50,000 points from `lreg generate B2`): `lreg fit --dof 1024` against
     scipy SmoothBivariateSpline(kx=1, ky=1, s = N sigma^2) and MLPRegressor(64, 64).

Test errors are against the noise-free truth in section 1 and the noisy test targets in
section 2. The machine's load average is printed with each table: timings on a busy machine
are slower for every method alike, which is why all methods run in the same run.

Usage:
  /usr/bin/python3 bench/peers.py [--lreg build/app/lreg] [--n 10000000] [--sections 1,2]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

import benchlib


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def truth_1d(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x) + 0.5 * np.sin(12 * np.pi * x) + 0.2 * np.sin(40 * np.pi * x)


def lreg_row(args, train: str, test: str, dof: int) -> dict:
    import json
    out, wall, peak = benchlib.run_measured([args.lreg, "fit", train, "--test", test, "--dof", str(dof),
                                    "--json", "--quiet"])
    r = json.loads(out)
    return {"method": f"lreg fit (D = {dof}, whole process)", "seconds": wall,
            "rmse": r["test"]["rmse"], "r2": r["test"]["r2"], "peak": peak,
            "detail": f"{r['iterations']} iterations, fit {r['fit_seconds']:.2f} s"}


def mlp_row(Xtr, Ytr, Xte, Yte, hidden: tuple, epochs: int, seed: int, label: str) -> dict:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPRegressor
    mx, sx = Xtr.mean(axis=0), Xtr.std(axis=0)
    my, sy = Ytr.mean(), Ytr.std()
    model = MLPRegressor(hidden_layer_sizes=hidden, activation="relu", solver="adam",
                         learning_rate_init=1e-3, max_iter=epochs, early_stopping=True,
                         n_iter_no_change=10, random_state=seed)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit((Xtr - mx) / sx, (Ytr - my) / sy)
    seconds = time.perf_counter() - start
    pred = model.predict((Xte - mx) / sx) * sy + my
    return {"method": label, "seconds": seconds, "rmse": benchlib.rmse(Yte, pred),
            "r2": benchlib.r2(Yte, pred), "detail": f"{model.n_iter_} epochs (max {epochs})"}


def table(rows: list, reference: dict) -> str:
    lines = ["| method | seconds | time / lreg | test RMSE | RMSE / lreg | detail |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['method']} | {r['seconds']:.3f} | {r['seconds'] / reference['seconds']:.2f}"
                     f" | {r['rmse']:.4g} | {r['rmse'] / reference['rmse']:.2f} | {r['detail']} |")
    return "\n".join(lines)


def section_1d(args, workdir: str) -> None:
    from scipy.interpolate import UnivariateSpline
    rng = np.random.default_rng(args.seed)
    x = rng.uniform(0, 1, args.n)
    y = truth_1d(x)
    xt = rng.uniform(0, 1, 100000)
    yt = truth_1d(xt)
    train, test = os.path.join(workdir, "train.npy"), os.path.join(workdir, "test.npy")
    np.save(train, np.column_stack([x, y]))
    np.save(test, np.column_stack([xt, yt]))
    size = os.path.getsize(train)
    log(f"section 1: wrote {train} ({size / 1e6:.0f} MB); running lreg")
    rows = [lreg_row(args, train, test, 1024)]
    log("running FITPACK")
    start = time.perf_counter()
    order = np.argsort(x, kind="stable")
    spline = UnivariateSpline(x[order], y[order], k=1, s=args.n * 1e-6)
    seconds = time.perf_counter() - start
    pred = spline(np.clip(xt, x.min(), x.max()))
    rows.append({"method": "FITPACK UnivariateSpline(k=1), s = N 1e-6", "seconds": seconds,
                 "rmse": benchlib.rmse(yt, pred), "r2": benchlib.r2(yt, pred),
                 "detail": f"{len(spline.get_knots())} knots"})
    log("running MLPRegressor on a subsample")
    sub = rng.choice(args.n, size=min(args.n, 20000), replace=False)
    rows.append(mlp_row(x[sub, None], y[sub], xt[:, None], yt, (683,), args.mlp_epochs, args.seed,
                        "MLPRegressor 1-683-1 (2049 parameters), 2 10^4-point subsample"))
    print(f"\n## 1D, {args.n:,} points (.npy {size / 1e6:.0f} MB), load {benchlib.load_text()}\n")
    print(table(rows, rows[0]))
    lreg, fitpack = rows[0], rows[1]
    print(f"\nlreg / FITPACK time {lreg['seconds'] / fitpack['seconds']:.3f} (target <= 0.2), "
          f"RMSE {lreg['rmse']:.3g} vs {fitpack['rmse']:.3g}; lreg peak memory "
          f"{lreg['peak'] / 1e6:.0f} MB = {lreg['peak'] / size:.2f}x the file (target <= 2.5)")


def section_2d(args, workdir: str) -> None:
    from scipy.interpolate import SmoothBivariateSpline
    train, test = benchlib.lreg_generate(args.lreg, "B2", args.seed, os.path.join(workdir, "b2"))
    Xtr, Ytr = benchlib.read_csv(train)
    Xte, Yte = benchlib.read_csv(test)
    log("section 2: B2; running lreg")
    rows = [lreg_row(args, train, test, 1024)]
    log("running SmoothBivariateSpline")
    sigma = 0.01 * np.sqrt(2) / 2  # B2: (sin + sin) / 2 with noise 0.01 on each part
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spline = SmoothBivariateSpline(Xtr[:, 0], Xtr[:, 1], Ytr, kx=1, ky=1,
                                       s=len(Ytr) * sigma ** 2)
    seconds = time.perf_counter() - start
    Xc = np.clip(Xte, Xtr.min(axis=0), Xtr.max(axis=0))
    pred = spline.ev(Xc[:, 0], Xc[:, 1])
    tx, ty = spline.get_knots()
    rows.append({"method": "scipy SmoothBivariateSpline(kx=ky=1), s = N sigma^2",
                 "seconds": seconds, "rmse": benchlib.rmse(Yte, pred),
                 "r2": benchlib.r2(Yte, pred), "detail": f"{len(tx)} x {len(ty)} knots"})
    log("running MLPRegressor")
    rows.append(mlp_row(Xtr, Ytr, Xte, Yte, (64, 64), args.mlp_epochs, args.seed,
                        "MLPRegressor 2-64-64-1"))
    print(f"\n## 2D, B2 ({len(Ytr):,} points), load {benchlib.load_text()}\n")
    print(table(rows, rows[0]))


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lreg", default=os.path.join(here, "..", "build", "app", "lreg"))
    p.add_argument("--n", type=int, default=10_000_000, help="section 1 training points")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mlp-epochs", type=int, default=200)
    p.add_argument("--sections", default="1,2")
    args = p.parse_args()
    if not benchlib.can_measure(args.lreg):
        return 2
    sections = {s.strip() for s in args.sections.split(",")}
    with tempfile.TemporaryDirectory() as workdir:
        if "1" in sections:
            section_1d(args, workdir)
        if "2" in sections:
            section_2d(args, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
