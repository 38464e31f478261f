#!/usr/bin/env -S /usr/bin/python3
"""Python overhead over the C++ fit (issue 13): on 10^6 points, LRegRegressor.fit against the
same fit inside `lreg fit` (its `fit_seconds`: making the engine and running it, the file read
excluded). Target: overhead <= 5%.

For each data set (B1's distribution in 1D, B2's in 2D, 10^6 training points from
lreg.generate, D = 256) the arrays are written once as float64 .npy for the CLI; then,
alternating so that the machine's load weighs on all alike, `--repeats` times:
  * `lreg fit train.npy --dof D --json --quiet`   -> fit_seconds
  * lreg.Engine(X, y, dof=D).run()                 (the binding alone)
  * lreg.LRegRegressor(dof=D).fit(X, y)           (scikit-learn validation, a Python callback
                                                    per sub-step, the estimator's bookkeeping)
The fastest run of each (the one least disturbed by other work on the machine) and the medians
are compared; both sides fit the same model (checked: the same training RMSE).

Usage:
  /usr/bin/python3 bench/python_overhead.py [--lreg build/app/lreg] [--package build/python]
                                            [--n 1000000] [--repeats 5]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import benchlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 0.05


def cli_fit(lreg_cli, path, dof):
    out = subprocess.run([lreg_cli, "fit", path, "--dof", str(dof), "--json", "--quiet"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    return report["fit_seconds"], report["train"]["rmse"]


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lreg", default=os.path.join(REPO, "build", "app", "lreg"))
    parser.add_argument("--package", default=os.path.join(REPO, "build", "python"))
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, args.package)
    import lreg

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, dof in (("B1", 256), ("B2", 256)):
            data = lreg.generate(name, seed=1, train_size=args.n, test_size=1)
            X, y = np.array(data.X_train), np.array(data.y_train)
            path = os.path.join(tmp, f"{name}.npy")
            np.save(path, np.column_stack([X, y]))
            cli, engine, estimator = [], [], []
            for _ in range(args.repeats):
                seconds, cli_rmse = cli_fit(args.lreg, path, dof)
                cli.append(seconds)
                seconds, model = timed(lambda: lreg.Engine(X, y, dof=dof).run())
                engine.append(seconds)
                seconds, est = timed(lambda: lreg.LRegRegressor(dof=dof).fit(X, y))
                estimator.append(seconds)
                est_rmse = float(np.sqrt(np.mean((est.predict(X) - y) ** 2)))
                assert abs(est_rmse - cli_rmse) <= 1e-9 * cli_rmse, (est_rmse, cli_rmse)
            for how, pick in (("fastest", min), ("median", statistics.median)):
                c, e, s = (pick(v) for v in (cli, engine, estimator))
                rows.append([f"{name} ({X.shape[1]}D)", args.n, dof, how, benchlib.fmt(c),
                             benchlib.fmt(e), f"{100 * (e / c - 1):+.1f}%", benchlib.fmt(s),
                             f"{100 * (s / c - 1):+.1f}%",
                             "yes" if s / c - 1 <= TARGET else "NO"])
            print(f"{name}: cli {cli}, engine {engine}, estimator {estimator}", file=sys.stderr)
    print(f"Python overhead over the C++ fit, {args.repeats} alternating runs each "
          f"(load {benchlib.load_text()}):\n")
    print(benchlib.markdown_table(
        ["data", "N", "D", "run", "C++ fit s (lreg fit)", "lreg.Engine.run s", "overhead",
         "LRegRegressor.fit s", "overhead", "<= 5%"], rows))


if __name__ == "__main__":
    main()
