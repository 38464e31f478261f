#!/usr/bin/env -S /usr/bin/python3
"""Python overhead over the C++ fit (issue 13): on 10^6 points, LRegRegressor.fit against the
same fit inside `lreg fit` (its `fit_seconds`: making the engine and running it, the file read
excluded). Target: overhead <= 5%.

For each data set (B1's distribution in 1D, B2's in 2D, 10^6 training points from
lreg.generate, D = 256; 2D with 2 MRC iterations, a minute otherwise) the arrays are written
once as float64 .npy for the CLI; then, alternating so that the machine's load weighs on all
alike, `--repeats` times:
  * `lreg fit train.npy --dof D --json --quiet`   -> fit_seconds
  * lreg.Engine(X, y, dof=D).run()                 (the binding alone)
  * lreg.LRegRegressor(dof=D).fit(X, y)           (scikit-learn validation, a Python callback
                                                    per sub-step, the estimator's bookkeeping)
The fastest run of each (the one least disturbed by other work on the machine), the medians,
and the medians of CPU time (all threads; for the CLI the whole child process, its file read
included) are compared; both sides fit the same model (checked: the same training RMSE).

Usage:
  /usr/bin/python3 bench/python_overhead.py [--lreg build/app/lreg] [--package build/python]
                                            [--n 1000000] [--repeats 5]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

import benchlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 0.05


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_fit(lreg_cli, path, options):
    """(fit wall seconds as `lreg fit` reports them, CPU seconds of the process, train RMSE)."""
    flags = [str(a) for k, v in options.items() for a in (f"--{k}", v)]
    cpu = children_cpu()
    out = subprocess.run([lreg_cli, "fit", path, *flags, "--json", "--quiet"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    return report["fit_seconds"], children_cpu() - cpu, report["train"]["rmse"]


def timed(fn):
    """(wall seconds, CPU seconds of this process, fn's value)."""
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - t0, time.process_time() - c0, value


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
        for name, options in (("B1", {"dof": 256}), ("B2", {"dof": 256, "iterations": 2})):
            data = lreg.generate(name, seed=1, train_size=args.n, test_size=1)
            X, y = np.array(data.X_train), np.array(data.y_train)
            path = os.path.join(tmp, f"{name}.npy")
            np.save(path, np.column_stack([X, y]))
            times = {k: {"wall": [], "cpu": []} for k in ("cli", "engine", "estimator")}
            def record(kind, wall, cpu):
                times[kind]["wall"].append(wall)
                times[kind]["cpu"].append(cpu)
            for _ in range(args.repeats):
                wall, cpu, cli_rmse = cli_fit(args.lreg, path, options)
                record("cli", wall, cpu)
                wall, cpu, _ = timed(lambda: lreg.Engine(X, y, **options).run())
                record("engine", wall, cpu)
                wall, cpu, est = timed(lambda: lreg.LRegRegressor(**options).fit(X, y))
                record("estimator", wall, cpu)
                est_rmse = float(np.sqrt(np.mean((est.predict(X) - y) ** 2)))
                assert abs(est_rmse - cli_rmse) <= 1e-9 * cli_rmse, (est_rmse, cli_rmse)
            print(name, times, file=sys.stderr)
            for how, clock, pick in (("wall, fastest", "wall", min),
                                     ("wall, median", "wall", statistics.median),
                                     ("CPU, median", "cpu", statistics.median)):
                c, e, s = (pick(times[k][clock]) for k in ("cli", "engine", "estimator"))
                rows.append([f"{name} ({X.shape[1]}D)", args.n, options["dof"], how, benchlib.fmt(c),
                             benchlib.fmt(e), f"{100 * (e / c - 1):+.1f}%", benchlib.fmt(s),
                             f"{100 * (s / c - 1):+.1f}%",
                             "yes" if s / c - 1 <= TARGET else "NO"])
    print(f"Python overhead over the C++ fit, {args.repeats} alternating runs each "
          f"(load {benchlib.load_text()}):\n")
    print(benchlib.markdown_table(
        ["data", "N", "D", "seconds", "C++ fit (lreg fit)", "lreg.Engine.run", "overhead",
         "LRegRegressor.fit", "overhead", "<= 5%"], rows))


if __name__ == "__main__":
    main()
