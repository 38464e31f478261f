"""Shared helpers for the LReg benchmark scripts (run with /usr/bin/python3).

Contents:
  * the paper's 1D data sets (truth, noise level, a numpy generator for development),
  * the 2D/3D sets (paper A2, B2, App. C.4 and benchmark functions on the unit square/cube),
  * CSV reading / writing in the format `lreg` uses (header row, last column(s) = target),
  * metrics (MAE, RMSE, R^2),
  * a thin wrapper around the `lreg` command-line tool,
  * P1 simplicial meshes in numpy: uniform Kuhn grids, point location, exact least squares,
    mesh validity checks (for checking lreg's 2D/3D models),
  * a markdown table printer.

Definitions follow ../shared/PAPER-NOTES.md: N(mu, s) uses s as a standard deviation and
"1/X ~ U(a, b)" means x = 1/V with V ~ U(1/b, 1/a).
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
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


def _look_up(table: dict, name: str, kind: str):
    """The entry of `table` called `name` (case-insensitive); KeyError listing the known ones."""
    for key, d in table.items():
        if key.lower() == name.lower():
            return d
    raise KeyError(f"unknown {kind} data set '{name}' (known: {', '.join(table)})")


def dataset(name: str) -> Dataset1D:
    """Look a 1D data set up by name (case-insensitive)."""
    return _look_up(DATASETS, name, "1D")


def noise_ceiling_r2(ds: Dataset1D, x: np.ndarray, y: np.ndarray) -> float:
    """R^2 of the true noise-free function on (x, y): the best any model can expect."""
    return r2(y, ds.truth(x))


# ---------------------------------------------------------------------------------------------
# 2D / 3D data sets
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetND:
    """A d-dimensional data set: input sampler (n x d), truth (n x d -> n x c), noise std."""

    name: str
    dim: int
    outputs: int
    n_train: int
    n_test: int
    sample_x: Callable[[np.random.Generator, int], np.ndarray]
    truth: Callable[[np.ndarray], np.ndarray]  # returns (n,) for one output, (n, c) otherwise
    sigma: Callable[[np.ndarray], np.ndarray]  # std of the noise on y at x, shape (n,)
    input_names: tuple = ()
    output_names: tuple = ("y",)

    def generate(self, n: int, rng: np.random.Generator, noise_scale: float = 1.0):
        """Draw n samples (X, Y); Y = truth(X) + noise_scale * sigma(X) * N(0, 1)."""
        X = self.sample_x(rng, n)
        Y = np.asarray(self.truth(X), dtype=float)
        if noise_scale:
            Y = Y + noise_scale * self.sigma(X).reshape((-1,) + (1,) * (Y.ndim - 1)) * \
                rng.standard_normal(Y.shape)
        return X, Y

    def header(self) -> str:
        names = self.input_names or tuple(f"x{k + 1}" for k in range(self.dim))
        return ",".join(names + self.output_names)


def _unit_cube(d: int):
    return lambda rng, n: rng.uniform(0.0, 1.0, (n, d))


def _box(lo: tuple, hi: tuple):
    return lambda rng, n: rng.uniform(np.array(lo), np.array(hi), (n, len(lo)))


def _zero_noise(X):
    return np.zeros(len(X))


def _a2_sigma(X):
    # y = (y1 + y2)/2 with y_i ~ N(sin x_i, 0.1 |cos 2 x_i|): std 0.5 * sqrt(s1^2 + s2^2).
    s = 0.1 * np.abs(np.cos(2 * X))
    return 0.5 * np.sqrt(np.sum(s * s, axis=1))


def _y42(X):
    """(Re, Im) of the spherical harmonic Y_4^2(theta azimuth, phi polar), as lreg generates."""
    theta, phi = X[:, 0], X[:, 1]
    c, s = np.cos(phi), np.sin(phi)
    radial = 0.375 * np.sqrt(5.0 / (2.0 * np.pi)) * s * s * (7.0 * c * c - 1.0)
    return np.column_stack([radial * np.cos(2 * theta), radial * np.sin(2 * theta)])


DATASETS_ND = {
    d.name: d
    for d in [
        # The paper's 2D sets (PAPER-NOTES; the same definitions as `lreg generate`).
        DatasetND("A2", 2, 1, 7500, 1500, _box((-math.pi, -math.pi), (math.pi, math.pi)),
                  lambda X: (np.sin(X[:, 0]) + np.sin(X[:, 1])) / 2, _a2_sigma),
        DatasetND("B2", 2, 1, 50000, 10000,
                  lambda rng, n: 1.0 / rng.uniform(2.0, 20.0, (n, 2)),
                  lambda X: (np.sin(1 / X[:, 0]) + np.sin(1 / X[:, 1])) / 2,
                  lambda X: np.full(len(X), 0.01 * math.sqrt(2) / 2)),
        DatasetND("appc4", 2, 2, 40000, 8000, _box((0.0, 0.0), (2 * math.pi, math.pi)), _y42,
                  _zero_noise, ("theta", "phi"), ("re", "im")),
        # Benchmark functions on the unit square / cube (noise-free; not from the paper).
        DatasetND("steep2", 2, 1, 20000, 4000, _unit_cube(2),
                  lambda X: np.tanh(40 * (X[:, 0] + X[:, 1] - 1)), _zero_noise),
        DatasetND("smooth2", 2, 1, 20000, 4000, _unit_cube(2),
                  lambda X: np.sin(3 * X[:, 0]) * np.cos(2 * X[:, 1]), _zero_noise),
        DatasetND("smooth3", 3, 1, 20000, 4000, _unit_cube(3),
                  lambda X: np.sin(2 * X[:, 0]) + X[:, 1] * X[:, 2], _zero_noise),
        # Held-out fronts (issue 10): one along an axis, one in 3D along an axis.
        DatasetND("front2", 2, 1, 20000, 4000, _unit_cube(2),
                  lambda X: np.tanh(40 * (X[:, 0] - 0.4)) + 0.3 * X[:, 1], _zero_noise),
        DatasetND("front3", 3, 1, 20000, 4000, _unit_cube(3),
                  lambda X: np.tanh(40 * (X[:, 0] - 0.5)) + np.sin(X[:, 1]) * X[:, 2],
                  _zero_noise),
    ]
}


def dataset_nd(name: str) -> DatasetND:
    """Look a 2D/3D data set up by name (case-insensitive)."""
    return _look_up(DATASETS_ND, name, "2D/3D")


def write_numpy_split_nd(ds: DatasetND, out_dir: str, seed: int, n_train: Optional[int] = None,
                         n_test: Optional[int] = None, noise_scale: float = 1.0) -> tuple:
    """Generate a train/test split of a 2D/3D set with numpy; write both; return the paths."""
    rng = np.random.default_rng(seed)
    Xtr, Ytr = ds.generate(n_train or ds.n_train, rng, noise_scale)
    Xte, Yte = ds.generate(n_test or ds.n_test, rng, noise_scale)
    train, test = os.path.join(out_dir, "train.csv"), os.path.join(out_dir, "test.csv")
    write_csv(train, Xtr, Ytr, ds.header())
    write_csv(test, Xte, Yte, ds.header())
    return train, test


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


def read_csv(path: str, targets: int = 1):
    """Read a CSV with a header row: (X (n x d), Y (n,) for one target, (n x c) otherwise)."""
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    if data.shape[1] <= targets:
        raise ValueError(f"{path}: {data.shape[1]} columns, need inputs and {targets} target(s)")
    X, Y = data[:, :-targets].copy(), data[:, -targets:].copy()
    return X, (Y[:, 0] if targets == 1 else Y)


def write_csv(path: str, X: np.ndarray, Y: np.ndarray, header: str) -> None:
    """Write inputs X (n x d) and targets Y (n or n x c) with 17 significant digits."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    X = np.asarray(X, dtype=float).reshape(len(X), -1)
    Y = np.asarray(Y, dtype=float).reshape(len(X), -1)
    np.savetxt(path, np.hstack([X, Y]), delimiter=",", fmt="%.17g", header=header,
               comments="")


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


def run_measured(cmd: list) -> tuple:
    """Runs cmd; returns (stdout, wall seconds, its peak resident memory in bytes)."""
    out, wall, peak, _ = run_measured_cpu(cmd)
    return out, wall, peak


def run_measured_cpu(cmd: list) -> tuple:
    """run_measured, and the CPU seconds (user + system) of cmd and its children.

    The memory comes from GNU time: a child forked straight from this (large) Python process
    would report Python's resident memory at the fork as its own peak. On a loaded machine the
    CPU time is the figure to compare: the wall time grows with the other processes.
    """
    with tempfile.NamedTemporaryFile("r") as report:
        timed = ["/usr/bin/time", "-f", "%M %U %S", "-o", report.name] + cmd
        start = time.perf_counter()
        proc = subprocess.run(timed, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise LregError(f"{' '.join(cmd)} exited {proc.returncode}: "
                            f"{proc.stderr.strip()[-300:]}")
        peak, user, system = report.read().split()[-3:]
        return proc.stdout, wall, int(peak) * 1024, float(user) + float(system)


def priority_prefix() -> list:
    """A command prefix that runs the command in a scheduling group of its own at the highest
    priority (Linux autogroups, root only): on a machine shared with other sessions' builds its
    wall time then approaches an idle machine's. (`nice` alone does not act across sessions:
    each session's autogroup gets an equal share of the cores whatever its processes' nice.)"""
    return ["setsid", "-w", "sh", "-c",
            'echo -20 > /proc/self/autogroup 2>/dev/null; exec nice -n -20 "$@"', "priority"]


def lreg_available(lreg: str) -> bool:
    return os.path.isfile(lreg) and os.access(lreg, os.X_OK)


def can_measure(lreg: str) -> bool:
    """Whether run_measured can run lreg here; if not, says on stderr what is missing (GNU time
    or the lreg executable)."""
    if not os.access("/usr/bin/time", os.X_OK):
        missing = "GNU time (/usr/bin/time, Debian package 'time') is needed for the memory figures"
    elif not lreg_available(lreg):
        missing = f"no lreg executable at {lreg} (build first: scripts/build.sh)"
    else:
        return True
    print(missing, file=sys.stderr, flush=True)
    return False


def _run(cmd: list, timeout: float) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise LregError(f"{' '.join(cmd)} exited {proc.returncode}: {' | '.join(tail)}")
    return proc


def _run_json(cmd: list, timeout: float) -> tuple:
    """Run an `lreg COMMAND ... --json`; return (its JSON object, wall seconds of the process).
    LregError unless stdout is exactly one JSON object."""
    start = time.perf_counter()
    proc = _run(cmd, timeout)
    wall = time.perf_counter() - start
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError as err:
        raise LregError(f"lreg {cmd[1]}: stdout is not one JSON object ({err}): "
                        f"{proc.stdout[:200]!r}") from err
    if not isinstance(result, dict):
        raise LregError(f"lreg {cmd[1]}: stdout JSON is not an object")
    return result, wall


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
    result, wall = _run_json(cmd, timeout)
    missing = [k for k in REQUIRED_FIT_KEYS if k not in result]
    for part in ("train", "test") if test else ("train",):
        if isinstance(result.get(part), dict):
            missing += [f"{part}.{k}" for k in ("mae", "rmse", "r2") if k not in result[part]]
    if missing:
        raise LregError(f"lreg fit: JSON lacks {', '.join(missing)}")
    result["wall_seconds"] = wall
    return result


def rmse_of_fits(jobs: list, jobs_at_once: int = 2) -> list:
    """The test RMSE of `lreg fit TRAIN --test TEST --dof D --json --quiet` for each job
    (binary, train, test, dof), run `jobs_at_once` at a time; nan for a fit that failed (an A/B
    table shows it, and ratio_summary counts it as the worst)."""
    def fit(job):
        binary, train, test, dof = job
        out = subprocess.run([binary, "fit", train, "--test", test, "--dof", str(dof), "--json",
                              "--quiet"], capture_output=True, text=True)
        return json.loads(out.stdout)["test"]["rmse"] if out.returncode == 0 else float("nan")

    with ThreadPoolExecutor(jobs_at_once) as ex:
        return list(ex.map(fit, jobs))


def ratio_summary(label: str, ratios: list) -> str:
    """One line on a list of RMSE ratios (near 1: no cost): geometric mean, worst, how many
    above 1.5, how many failed (nan, counted as 1000)."""
    r = np.nan_to_num(np.array(ratios, dtype=float), nan=1e3)
    return (f"{label}: geometric mean {float(np.exp(np.mean(np.log(r)))):.3f}, worst {r.max():.3g}, "
            f"above 1.5 in {int(np.sum(r > 1.5))} of {r.size}, failed {int(np.sum(r == 1e3))}")


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


def lreg_scaling(lreg: str, train: str, test: str, dofs: list, extra: Optional[list] = None,
                 timeout: float = 1800) -> dict:
    """`lreg scaling TRAIN --test TEST --dofs ... --json`; adds 'wall_seconds'."""
    cmd = [lreg, "scaling", train, "--test", test, "--dofs", ",".join(map(str, dofs)),
           "--json"] + list(extra or [])
    result, wall = _run_json(cmd, timeout)
    if "rows" not in result or "slope" not in result:
        raise LregError("lreg scaling: JSON lacks rows/slope")
    for row in result["rows"]:
        if not all(k in row for k in ("dof", "simplices", "test")) or \
                not all(k in row["test"] for k in ("mae", "rmse")):
            raise LregError(f"lreg scaling: row lacks dof/simplices/test.mae/test.rmse: {row}")
    result["wall_seconds"] = wall
    return result


def lreg_predict_nd(lreg: str, model: str, X: np.ndarray, workdir: str, outputs: int = 1,
                    timeout: float = 300) -> np.ndarray:
    """`lreg predict MODEL INPUT.csv --out OUT.csv` for inputs X (n x d); returns the outputs."""
    X = np.asarray(X, dtype=float).reshape(len(X), -1)
    inp, out = os.path.join(workdir, "predict-in.csv"), os.path.join(workdir, "predict-out.csv")
    header = ",".join(f"x{k + 1}" for k in range(X.shape[1]))
    np.savetxt(inp, X, delimiter=",", fmt="%.17g", header=header, comments="")
    _run([lreg, "predict", model, inp, "--out", out], timeout)
    pred = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2)[:, -outputs:]
    if len(pred) != len(X):
        raise LregError(f"lreg predict wrote {len(pred)} rows for {len(X)} inputs")
    return pred[:, 0] if outputs == 1 else pred


# ---------------------------------------------------------------------------------------------
# P1 simplicial meshes (numpy): uniform Kuhn grids, location, least squares, validity
# ---------------------------------------------------------------------------------------------


@dataclass
class SimplexMesh:
    """Nodes in normalised [0, 1]^d coordinates, simplices as (n_t, d + 1) node indices, and
    the affine map x_norm = (x - lo) / (hi - lo) of lreg's model files."""

    nodes: np.ndarray
    simplices: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    coefficients: Optional[np.ndarray] = None  # (D, c)

    @property
    def dim(self) -> int:
        return self.nodes.shape[1]

    def normalise(self, X: np.ndarray) -> np.ndarray:
        """Raw inputs -> [0, 1]^d, clamped (lreg holds the model constant outside the box)."""
        span = np.where(self.hi > self.lo, self.hi - self.lo, 1.0)
        return np.clip((np.asarray(X, dtype=float) - self.lo) / span, 0.0, 1.0)


def read_lreg_model(path: str) -> SimplexMesh:
    """Nodes, simplices, normalisation and coefficients of an lreg model file (any d)."""
    with open(path) as fh:
        model = json.load(fh)
    d = int(model["dim"])
    nodes = np.array(model["nodes"], dtype=float).reshape(-1, d)
    simplices = np.array(model.get("simplices", []), dtype=np.int64).reshape(-1, d + 1)
    coef = np.array(model["coefficients"], dtype=float).reshape(len(nodes), -1)
    norm = model["normalization"]
    return SimplexMesh(nodes, simplices, np.array(norm["lo"], dtype=float),
                       np.array(norm["hi"], dtype=float), coef)


def kuhn_grid(d: int, per_side: int, flip: bool = False) -> tuple:
    """The uniform Kuhn (Freudenthal) triangulation of [0, 1]^d with per_side nodes per side.

    Every cube is split into d! simplices sharing its main diagonal (0..0)-(1..1); flip=True
    mirrors x1, i.e. uses the other diagonal in 2D. Returns (nodes, simplices)."""
    import itertools
    m = per_side - 1
    axes = [np.linspace(0.0, 1.0, per_side)] * d
    nodes = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, d)
    strides = np.array([per_side ** (d - 1 - k) for k in range(d)])
    cells = np.stack(np.meshgrid(*[np.arange(m)] * d, indexing="ij"), axis=-1).reshape(-1, d)
    simplices = []
    for perm in itertools.permutations(range(d)):
        verts = [cells.copy()]
        cur = cells.copy()
        for axis in perm:
            cur = cur.copy()
            cur[:, axis] += 1
            verts.append(cur)
        simplices.append(np.stack([v @ strides for v in verts], axis=1))
    simplices = np.concatenate(simplices)
    if flip:
        nodes = nodes.copy()
        nodes[:, 0] = 1.0 - nodes[:, 0]
    return nodes, simplices


def locate(nodes: np.ndarray, simplices: np.ndarray, P: np.ndarray, chunk: int = 256,
           candidates: int = 24) -> tuple:
    """Point location for points P (n x d) inside a simplicial mesh: the simplex whose smallest
    barycentric coordinate is largest, and the barycentric coordinates there (n x d+1).

    Tries the `candidates` simplices with the nearest centroids first (a k-d tree), and
    falls back to a brute-force search over all simplices where none of them contains the
    point. Degenerate simplices raise numpy.linalg.LinAlgError."""
    from scipy.spatial import cKDTree
    d = nodes.shape[1]
    P = np.asarray(P, dtype=float)
    V = nodes[simplices]  # (t, d+1, d)
    Tinv = np.linalg.inv(np.transpose(V[:, 1:, :] - V[:, :1, :], (0, 2, 1)))  # (t, d, d)

    def bary_of(p, cand):  # p (n, d), cand (n, k) -> (n, k, d+1)
        lam = np.einsum("nkij,nkj->nki", Tinv[cand], p[:, None, :] - V[cand, 0, :])
        return np.concatenate([1.0 - lam.sum(axis=2, keepdims=True), lam], axis=2)

    k = min(candidates, len(simplices))
    _, cand = cKDTree(V.mean(axis=1)).query(P, k=k)
    cand = np.asarray(cand).reshape(len(P), k)
    which = np.empty(len(P), dtype=np.int64)
    bary = np.empty((len(P), d + 1))
    found = np.zeros(len(P), dtype=bool)
    for start in range(0, len(P), 4096):
        sl = slice(start, start + 4096)
        full = bary_of(P[sl], cand[sl])
        best = np.argmax(full.min(axis=2), axis=1)
        idx = np.arange(len(best))
        which[sl] = cand[sl][idx, best]
        bary[sl] = full[idx, best]
        found[sl] = full[idx, best].min(axis=1) >= -1e-10
    everything = np.arange(len(simplices))
    for start in range(0, int(np.sum(~found)), chunk):
        rest = np.flatnonzero(~found)[start:start + chunk]
        full = bary_of(P[rest], np.broadcast_to(everything, (len(rest), len(simplices))))
        best = np.argmax(full.min(axis=2), axis=1)
        which[rest] = best
        bary[rest] = full[np.arange(len(rest)), best]
    return which, bary


def design_matrix(nodes: np.ndarray, simplices: np.ndarray, P: np.ndarray):
    """Sparse P1 design matrix A (n x D): A[i, j] = hat function j at point i."""
    from scipy.sparse import csr_matrix
    which, bary = locate(nodes, simplices, P)
    d1 = simplices.shape[1]
    rows = np.repeat(np.arange(len(P)), d1)
    return csr_matrix((bary.ravel(), (rows, simplices[which].ravel())),
                      shape=(len(P), len(nodes)))


def kuhn_design_matrix(d: int, per_side: int, P: np.ndarray, flip: bool = False):
    """The design matrix of kuhn_grid(d, per_side, flip) at normalised points P, located in
    O(d log d) per point (Freudenthal: sort the local coordinates of the cell)."""
    from scipy.sparse import csr_matrix
    P = np.clip(np.asarray(P, dtype=float), 0.0, 1.0)
    if flip:
        P = P.copy()
        P[:, 0] = 1.0 - P[:, 0]
    m = per_side - 1
    cell = np.minimum(np.floor(P * m).astype(np.int64), m - 1)
    u = P * m - cell
    order = np.argsort(-u, axis=1, kind="stable")
    us = np.take_along_axis(u, order, axis=1)
    weights = np.concatenate([1.0 - us[:, :1], us[:, :-1] - us[:, 1:], us[:, -1:]], axis=1)
    strides = np.array([per_side ** (d - 1 - k) for k in range(d)])
    base = cell @ strides
    steps = np.cumsum(strides[order], axis=1)
    cols = np.concatenate([base[:, None], base[:, None] + steps], axis=1)
    rows = np.repeat(np.arange(len(P)), d + 1)
    return csr_matrix((weights.ravel(), (rows, cols.ravel())), shape=(len(P), per_side ** d))


def lstsq_coefficients(A, Y: np.ndarray, ridge: float = 1e-12) -> np.ndarray:
    """Exact least-squares coefficients (D x c) for a sparse design matrix A via the normal
    equations (a relative ridge of `ridge` keeps nodes without data solvable)."""
    from scipy.sparse import identity
    from scipy.sparse.linalg import spsolve
    Y2 = np.asarray(Y, dtype=float).reshape(A.shape[0], -1)
    AtA = (A.T @ A).tocsc()
    scale = float(AtA.diagonal().mean()) or 1.0
    coef = spsolve(AtA + ridge * scale * identity(A.shape[1], format="csc"), A.T @ Y2)
    return np.asarray(coef).reshape(A.shape[1], -1)


def p1_lstsq(nodes: np.ndarray, simplices: np.ndarray, P: np.ndarray, Y: np.ndarray,
             ridge: float = 1e-12) -> np.ndarray:
    """Exact least-squares P1 coefficients (D x c) on a fixed mesh at normalised points P."""
    return lstsq_coefficients(design_matrix(nodes, simplices, P), Y, ridge)


def p1_predict(nodes: np.ndarray, simplices: np.ndarray, coef: np.ndarray,
               P: np.ndarray) -> np.ndarray:
    """Evaluate a P1 function at normalised points P; (n,) for one output, else (n, c)."""
    out = design_matrix(nodes, simplices, P) @ coef
    return out[:, 0] if out.shape[1] == 1 else out


def mesh_report(mesh: SimplexMesh, tol: float = 1e-12) -> dict:
    """Validity of a simplicial mesh of [0, 1]^d: degenerate simplices, covered volume
    (should be 1), facets shared by more than two simplices, boundary facets not on the box
    (hanging nodes / holes), nodes used by no simplex."""
    nodes, simp = mesh.nodes, mesh.simplices
    d = mesh.dim
    V = nodes[simp]
    vol = np.linalg.det(V[:, 1:, :] - V[:, :1, :]) / math.factorial(d)
    facets = {}
    for k in range(d + 1):
        f = np.sort(np.delete(simp, k, axis=1), axis=1)
        for row in map(tuple, f):
            facets[row] = facets.get(row, 0) + 1
    over_shared = sum(1 for c in facets.values() if c > 2)
    off_box = 0
    for facet, count in facets.items():
        if count == 1:
            pts = nodes[list(facet)]
            on_face = np.any(np.all(np.abs(pts) < 1e-9, axis=0) |
                             np.all(np.abs(pts - 1.0) < 1e-9, axis=0))
            off_box += 0 if on_face else 1
    used = np.zeros(len(nodes), dtype=bool)
    used[simp.ravel()] = True
    return {"simplices": len(simp), "degenerate": int(np.sum(np.abs(vol) <= tol)),
            "negative": int(np.sum(vol < -tol)), "positive": int(np.sum(vol > tol)),
            "volume": float(np.sum(np.abs(vol))), "facets_over_shared": over_shared,
            "boundary_facets_off_box": off_box, "unused_nodes": int(np.sum(~used)),
            "min_volume": float(np.min(np.abs(vol))) if len(vol) else float("nan")}


def mesh_ok(report: dict) -> bool:
    return (report["degenerate"] == 0 and abs(report["volume"] - 1.0) < 1e-9 and
            report["facets_over_shared"] == 0 and report["boundary_facets_off_box"] == 0 and
            report["unused_nodes"] == 0)


def load_text() -> str:
    """The 1-, 5- and 15-minute load averages, for timing headers."""
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


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


def print_contract_notes(notes: list) -> None:
    """The report's closing section: what broke a peer's or lreg's contract in this run."""
    if notes:
        print("## Contract notes\n")
        print("\n".join(f"- {n}" for n in notes) + "\n")
