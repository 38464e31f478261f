"""Shared helpers for the LReg benchmark scripts (run with /usr/bin/python3).

Contents:
  * the paper's 1D data sets (truth, noise level, a numpy generator for development),
  * CSV reading / writing in the format `lreg` uses (header row, last column = target),
  * metrics (MAE, RMSE, R^2),
  * a thin wrapper around the `lreg` command-line tool,
  * a markdown table printer.

Definitions follow ../shared/PAPER-NOTES.md: N(mu, s) uses s as a standard deviation and
"1/X ~ U(a, b)" means x = 1/V with V ~ U(1/b, 1/a).
"""

import json
import math
import os
import subprocess
import time
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LREG = os.path.join(REPO_ROOT, "build", "app", "lreg")


# ---------------------------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset1D:
    """A 1D data set of the paper: input sampler, noise-free truth and noise level."""

    name: str
    n_train: int
    n_test: int
    sample_x: Callable[[np.random.Generator, int], np.ndarray]
    truth: Callable[[np.ndarray], np.ndarray]
    sigma: Callable[[np.ndarray], np.ndarray]  # noise standard deviation at x
    density_shape: Callable[[np.ndarray], np.ndarray]  # sampling density of x, up to a factor

    def generate(self, n: int, rng: np.random.Generator, noise_scale: float = 1.0):
        """Draw n samples (x, y) with y = truth(x) + noise_scale * sigma(x) * N(0, 1)."""
        x = self.sample_x(rng, n)
        y = self.truth(x) + noise_scale * self.sigma(x) * rng.standard_normal(n)
        return x, y


def _reciprocal_uniform(a: float, b: float):
    """Sampler for x = 1/V, V ~ U(a, b)."""
    return lambda rng, n: 1.0 / rng.uniform(a, b, n)


def _uniform(a: float, b: float):
    return lambda rng, n: rng.uniform(a, b, n)


def _flat(x):
    return np.ones_like(np.asarray(x, dtype=float))


def _inverse_square(x):
    return 1.0 / np.asarray(x, dtype=float) ** 2


def _constant(s: float):
    return lambda x: np.full_like(np.asarray(x, dtype=float), s)


def _sin_inv(x):
    return np.sin(1.0 / x)


DATASETS = {
    d.name: d
    for d in [
        Dataset1D("A1", 1000, 200, _uniform(-math.pi, math.pi), np.sin,
                  lambda x: 0.2 * np.abs(np.cos(2 * x)), _flat),
        Dataset1D("B1", 1000, 200, _reciprocal_uniform(1, 50), _sin_inv, _constant(0.01),
                  _inverse_square),
        Dataset1D("C", 3000, 3000, _reciprocal_uniform(2, 50), _sin_inv, lambda x: 0.5 * x * x,
                  _inverse_square),
        Dataset1D("fig4a", 1000, 200, _uniform(0, math.pi / 4), lambda x: np.sin(8 * x),
                  lambda x: np.abs(np.cos(8 * x)), _flat),
        Dataset1D("appc2", 5000, 1000, _uniform(-4, 4), np.sin,
                  lambda x: 0.2 * np.abs(np.cos(2 * x)), _flat),
        Dataset1D("appc3", 5000, 1000, _reciprocal_uniform(2, 50), _sin_inv, _constant(0.0),
                  _inverse_square),
    ]
}


def dataset(name: str) -> Dataset1D:
    """Look a 1D data set up by name (case-insensitive)."""
    for key, d in DATASETS.items():
        if key.lower() == name.lower():
            return d
    raise KeyError(f"unknown 1D data set '{name}' (known: {', '.join(DATASETS)})")


def noise_ceiling_r2(ds: Dataset1D, x: np.ndarray, y: np.ndarray) -> float:
    """R^2 of the true noise-free function on (x, y): the best any model can expect."""
    return r2(y, ds.truth(x))


# ---------------------------------------------------------------------------------------------
# CSV files
# ---------------------------------------------------------------------------------------------


def read_xy(path: str):
    """Read a 1D CSV (header row, first column x, last column the target) -> (x, y)."""
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    if data.shape[1] < 2:
        raise ValueError(f"{path}: need at least two columns (input, target)")
    if data.shape[1] > 2:
        raise ValueError(f"{path}: {data.shape[1] - 1} input columns; these scripts are 1D only")
    return data[:, 0].copy(), data[:, -1].copy()


def write_xy(path: str, x: np.ndarray, y: np.ndarray, header: str = "x,y") -> None:
    """Write (x, y) as CSV with full double precision (17 significant digits)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", fmt="%.17g",
               header=header, comments="")


def write_numpy_split(ds: Dataset1D, out_dir: str, seed: int, n_train: Optional[int] = None,
                      n_test: Optional[int] = None) -> tuple:
    """Generate a train/test split with numpy (stand-in for `lreg generate`); return the paths."""
    rng = np.random.default_rng(seed)
    xtr, ytr = ds.generate(n_train or ds.n_train, rng)
    xte, yte = ds.generate(n_test or ds.n_test, rng)
    train, test = os.path.join(out_dir, "train.csv"), os.path.join(out_dir, "test.csv")
    write_xy(train, xtr, ytr)
    write_xy(test, xte, yte)
    return train, test


# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------


def rmse(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.asarray(y) - np.asarray(pred)) ** 2)))


def mae(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(y) - np.asarray(pred))))


def r2(y: np.ndarray, pred: np.ndarray) -> float:
    y = np.asarray(y)
    ss_res = float(np.sum((y - np.asarray(pred)) ** 2))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")


def metrics(y: np.ndarray, pred: np.ndarray) -> dict:
    return {"mae": mae(y, pred), "rmse": rmse(y, pred), "r2": r2(y, pred)}


# ---------------------------------------------------------------------------------------------
# The lreg CLI
# ---------------------------------------------------------------------------------------------


class LregError(RuntimeError):
    """`lreg` exited non-zero or broke its output contract."""


def lreg_available(lreg: str) -> bool:
    return os.path.isfile(lreg) and os.access(lreg, os.X_OK)


def _run(cmd: list, timeout: float) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise LregError(f"{' '.join(cmd)} exited {proc.returncode}: {' | '.join(tail)}")
    return proc


def lreg_generate(lreg: str, name: str, seed: int, out_dir: str, extra: Optional[list] = None,
                  timeout: float = 300) -> tuple:
    """`lreg generate NAME --seed S --out DIR`; return (train.csv, test.csv)."""
    _run([lreg, "generate", name, "--seed", str(seed), "--out", out_dir] + list(extra or []),
         timeout)
    paths = os.path.join(out_dir, "train.csv"), os.path.join(out_dir, "test.csv")
    for p in paths:
        if not os.path.isfile(p):
            raise LregError(f"lreg generate {name} did not write {p}")
    return paths


REQUIRED_FIT_KEYS = ("dim", "outputs", "dof", "simplices", "iterations", "seconds", "train",
                     "test")


def lreg_fit(lreg: str, train: str, test: Optional[str], dof: int,
             extra: Optional[list] = None, timeout: float = 900) -> dict:
    """Run `lreg fit ... --json`; return its JSON object plus 'wall_seconds' (whole process).

    Checks the contract: stdout is exactly one JSON object with the documented keys.
    """
    cmd = [lreg, "fit", train, "--dof", str(dof), "--json"] + list(extra or [])
    if test:
        cmd[3:3] = ["--test", test]
    start = time.perf_counter()
    proc = _run(cmd, timeout)
    wall = time.perf_counter() - start
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError as err:
        raise LregError(f"lreg fit: stdout is not one JSON object ({err}): "
                        f"{proc.stdout[:200]!r}") from err
    if not isinstance(result, dict):
        raise LregError("lreg fit: stdout JSON is not an object")
    missing = [k for k in REQUIRED_FIT_KEYS if k not in result]
    for part in ("train", "test") if test else ("train",):
        if isinstance(result.get(part), dict):
            missing += [f"{part}.{k}" for k in ("mae", "rmse", "r2") if k not in result[part]]
    if missing:
        raise LregError(f"lreg fit: JSON lacks {', '.join(missing)}")
    result["wall_seconds"] = wall
    return result


def lreg_predict(lreg: str, model: str, x: np.ndarray, workdir: str,
                 timeout: float = 300) -> np.ndarray:
    """`lreg predict MODEL INPUT.csv --out OUT.csv` for 1D inputs x; returns the last column."""
    inp, out = os.path.join(workdir, "predict-in.csv"), os.path.join(workdir, "predict-out.csv")
    np.savetxt(inp, x[:, None], fmt="%.17g", header="x", comments="")
    _run([lreg, "predict", model, inp, "--out", out], timeout)
    pred = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2)[:, -1]
    if len(pred) != len(x):
        raise LregError(f"lreg predict wrote {len(pred)} rows for {len(x)} inputs")
    return pred


def read_lreg_model_1d(path: str) -> tuple:
    """Nodes (in raw input units) and coefficients of a 1D single-output lreg model file."""
    with open(path) as fh:
        model = json.load(fh)
    if model.get("dim") != 1:
        raise LregError(f"{path}: not a 1D model")
    lo, hi = model["normalization"]["lo"][0], model["normalization"]["hi"][0]
    nodes = lo + (hi - lo) * np.array([n[0] for n in model["nodes"]], dtype=float)
    coef = np.array([c[0] if isinstance(c, list) else c for c in model["coefficients"]],
                    dtype=float)
    return nodes, coef


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def fmt(value, digits: int = 4) -> str:
    """Format a number for a table: 4 significant digits, '-' for None/NaN."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if not math.isfinite(value):
        return "-"
    return f"{value:.{digits}g}"


def markdown_table(headers: list, rows: list) -> str:
    """Render rows (lists of already formatted cells or numbers) as a markdown table."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = lambda items: "| " + " | ".join(s.ljust(w) for s, w in zip(items, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in cells])
