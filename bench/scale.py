#!/usr/bin/env -S /usr/bin/python3
"""Beyond one machine and beyond RAM (issue 14): 10^8 points, in memory, streamed, over MPI.

Sections (each prints a Markdown table with the machine's load average):

  memory   N (default 10^8) noise-free 1D points, x ~ U(0, 1),
           y = sin 2 pi x + 0.5 sin 12 pi x + 0.2 sin 40 pi x, as one float64 .npy (1.6 GB at
           10^8), 10^5 held-out points. The whole `lreg fit train.npy --test test.npy --dof 1024`
           process: wall time and peak resident memory (GNU time) against the file.
           Targets at 10^8: <= 8 s, <= 2.1x the file.
  stream   The same with --stream (blocks read in every pass, no copy held): peak memory
           <= 0.2x the file, and the model against the in-memory one.
  fitpack  FITPACK UnivariateSpline(k=1), s = N 1e-6, on the same arrays (its sort included), in
           a child process stopped after 10 minutes.
  mpi      `mpirun -n R lreg fit ...` for R = 1, 2, 4 (oversubscribed on a small machine; each rank
           then runs one thread): wall time, what rank 0 moved (bytes, collectives), the model
           against R = 1; then lreg_mpi_bench's cost per collective, and the scaling model.

Usage:
  /usr/bin/python3 bench/scale.py [--lreg build/app/lreg] [--n 100000000]
                                  [--sections memory,stream,fitpack,mpi] [--workdir DIR]
                                  [--priority]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

import benchlib


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def truth(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x) + 0.5 * np.sin(12 * np.pi * x) + 0.2 * np.sin(40 * np.pi * x)


def write_data(workdir: str, n: int, seed: int) -> tuple:
    train, test = os.path.join(workdir, f"train{n}.npy"), os.path.join(workdir, "test.npy")
    if not os.path.exists(train):
        rng = np.random.default_rng(seed)
        out = np.lib.format.open_memmap(train, mode="w+", dtype=np.float64, shape=(n, 2))
        block = 10_000_000
        for first in range(0, n, block):
            x = rng.uniform(0, 1, min(block, n - first))
            out[first:first + len(x), 0] = x
            out[first:first + len(x), 1] = truth(x)
        out.flush()
        del out
        xt = rng.uniform(0, 1, 100_000)
        np.save(test, np.column_stack([xt, truth(xt)]))
    return train, test


def lreg_fit(args, cmd_prefix: list, files: list, extra: list, model: str) -> dict:
    cmd = cmd_prefix + [args.lreg, "fit"] + files + ["--dof", "1024", "--json", "--quiet",
                                                     "--model", model] + extra
    out, wall, peak, cpu = benchlib.run_measured_cpu(cmd)
    r = json.loads(out)
    r["wall"], r["peak"], r["cpu"] = wall, peak, cpu
    return r


def model_difference(a: str, b: str) -> float:
    ma, mb = json.load(open(a)), json.load(open(b))
    diff = 0.0
    for key in ("nodes", "coefficients"):
        x, y = np.array(ma[key], float), np.array(mb[key], float)
        diff = max(diff, float(np.max(np.abs(x - y) / np.maximum(np.abs(x), 1e-300))))
    return diff


def section_memory_stream(args, train: str, test: str, sections: set) -> dict:
    size = os.path.getsize(train)
    rows, results = [], {}
    for name, extra in (("memory", []), ("stream", ["--stream"])):
        if name not in sections:
            continue
        log(f"{name}: lreg fit on {args.n:,} points")
        r = lreg_fit(args, benchlib.priority_prefix() if args.priority else [],
                     [train, "--test", test], extra,
                     os.path.join(args.workdir, f"model-{name}.json"))
        results[name] = r
        rows.append(f"| `lreg fit{' --stream' if extra else ''}` | {r['wall']:.2f} | "
                    f"{r['cpu']:.2f} | {r['fit_seconds']:.2f} | "
                    f"{r['peak'] / 1e6:.0f} MB = {r['peak'] / size:.3f}x "
                    f"| {r['test']['rmse']:.3g} | {r['iterations']} |")
    print(f"\n## {args.n:,} noise-free 1D points (.npy {size / 1e9:.2f} GB), D = 1024, load "
          f"{benchlib.load_text()}"
          f"{' (lreg in its own autogroup at nice -20)' if args.priority else ''}\n")
    print("| run | wall s | CPU s (user + system) | fit s (wall) | peak resident memory | "
          "test RMSE | iterations |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if len(results) == 2:
        d = model_difference(os.path.join(args.workdir, "model-memory.json"),
                             os.path.join(args.workdir, "model-stream.json"))
        print(f"\nStreamed model against the in-memory one: max relative difference {d:.1e} "
              f"(nodes, coefficients; target <= 1e-9).")
    return results


FITPACK_CHILD = r"""
import sys, time
import numpy as np
from scipy.interpolate import UnivariateSpline
a = np.load(sys.argv[1], mmap_mode="r")
t = np.load(sys.argv[2])
start = time.perf_counter()
x, y = np.array(a[:, 0]), np.array(a[:, 1])
order = np.argsort(x, kind="stable")
spline = UnivariateSpline(x[order], y[order], k=1, s=len(x) * 1e-6)
seconds = time.perf_counter() - start
pred = spline(np.clip(t[:, 0], x.min(), x.max()))
print(seconds, float(np.sqrt(np.mean((pred - t[:, 1]) ** 2))), len(spline.get_knots()))
"""


def section_fitpack(args, train: str, test: str) -> None:
    log("fitpack: UnivariateSpline(k=1), at most 10 minutes")
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", FITPACK_CHILD, train, test],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=600)
        if proc.returncode != 0:
            line = f"failed after {time.perf_counter() - start:.0f} s: {proc.stderr.strip()[-200:]}"
        else:
            seconds, rmse, knots = proc.stdout.split()
            line = (f"{float(seconds):.1f} s (sort included), test RMSE {float(rmse):.3g}, "
                    f"{knots} knots")
    except subprocess.TimeoutExpired:
        line = "did not finish within 10 minutes (stopped)"
    print(f"\nFITPACK `UnivariateSpline(k=1)`, s = N 1e-6, same data, load {benchlib.load_text()}: "
          f"{line}.")


def mpirun() -> list:
    exe = shutil.which("mpirun")
    if not exe:
        return []
    flags = [exe, "--oversubscribe"]
    if os.geteuid() == 0:
        flags.append("--allow-run-as-root")
    return flags


def section_mpi(args, train: str, test: str) -> None:
    prefix = mpirun()
    if not prefix:
        print("\nMPI: no mpirun on this machine; section skipped.")
        return
    size = os.path.getsize(train)
    rows = []
    reference = None
    for ranks in (1, 2, 4):
        log(f"mpi: {ranks} rank(s)")
        threads = max(1, (os.cpu_count() or 1) // ranks)
        model = os.path.join(args.workdir, f"model-mpi{ranks}.json")
        r = lreg_fit(args, prefix + ["-n", str(ranks)], [train, "--test", test],
                     ["--threads", str(threads)], model)
        comm = r.get("communication", {"bytes": 0, "collectives": 0})
        if reference is None:
            reference = model
        rows.append(f"| {ranks} | {threads} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                    f"{r['fit_seconds']:.2f} | "
                    f"{comm['bytes'] / 1e3:.0f} KB in {comm['collectives']} collectives | "
                    f"{model_difference(reference, model):.1e} | {r['test']['rmse']:.3g} |")
    print(f"\n## MPI on one machine ({os.cpu_count()} cores), {args.n:,} points "
          f"({size / 1e9:.2f} GB), D = 1024, load {benchlib.load_text()}\n")
    print("| ranks | threads per rank | wall s | CPU s (all ranks) | fit s | rank 0 moved | "
          "model vs 1 rank | test RMSE |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    bench = os.path.join(os.path.dirname(args.lreg), "..", "bench", "mpi", "lreg_mpi_bench")
    if os.access(bench, os.X_OK):
        for ranks in (2, 4):
            proc = subprocess.run(prefix + ["-n", str(ranks), bench], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
            print(f"\n`mpirun -n {ranks} lreg_mpi_bench`, load {benchlib.load_text()}:\n")
            print(proc.stdout.strip() or proc.stderr.strip()[-300:])
    else:
        print(f"\n(no {bench}: `cmake --build build --target lreg_mpi_bench` for the cost per "
              f"collective)")


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lreg", default=os.path.join(here, "..", "build", "app", "lreg"))
    p.add_argument("--n", type=int, default=100_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sections", default="memory,stream,fitpack,mpi")
    p.add_argument("--workdir", default="", help="keep the data here (default: a temporary folder)")
    p.add_argument("--priority", action="store_true",
                   help="run lreg at the highest priority in a scheduling group of its own (root): "
                        "wall times near an idle machine's on a shared one")
    args = p.parse_args()
    if args.priority and os.geteuid() != 0:
        p.error("--priority needs root (it raises the scheduling group's priority)")
    if not benchlib.can_measure(args.lreg):
        return 2
    sections = {s.strip() for s in args.sections.split(",")}
    temporary = None
    if not args.workdir:
        temporary = tempfile.TemporaryDirectory()
        args.workdir = temporary.name
    os.makedirs(args.workdir, exist_ok=True)
    log(f"writing {args.n:,} points to {args.workdir}")
    train, test = write_data(args.workdir, args.n, args.seed)
    section_memory_stream(args, train, test, sections)
    if "fitpack" in sections:
        section_fitpack(args, train, test)
    if "mpi" in sections:
        section_mpi(args, train, test)
    return 0


if __name__ == "__main__":
    sys.exit(main())
