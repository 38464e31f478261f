#!/usr/bin/env -S /usr/bin/python3
"""Best free-knot continuous piecewise-linear (P1) least-squares fit with D nodes.

The reference LReg is measured against: "the best possible placement of D nodes".

  * D counts every node; the two end nodes sit at min(x_train) and max(x_train).
  * For a knot vector t the coefficients c(t) are the exact least-squares solution
    (tridiagonal normal equations, solved banded in O(N + D)).
  * Initial knots equidistribute the asymptotically optimal density |f''|^(2/5) w^(1/5)
    (w = sampling density of x). By default f'' and w are estimated from the training data
    (f'' from a cubic least-squares spline on data-quantile knots whose count is chosen on a
    hold-out split; w from equal-count bins). `--truth NAME` adds starts built from the data
    set's known f and sampling density. Each density is equidistributed at several phase
    shifts (--phases), since the objective has local minima; the best polished start wins.
  * The interior knots are then polished with L-BFGS on the projected (variable-projection)
    objective F(t) = min_c mean((y - f_{t,c}(x))^2). Its exact gradient is cheap: at the optimal
    c, dF/dt_k = (2/N) sum_i r_i s(x_i) psi_k(x_i), with r the residual, s the slope of the fit
    at x_i and psi_k the tent of node k. Knots stay strictly increasing because the optimiser
    works on logits z of the interval widths: h = (b - a) softmax(z).

Outside [t_0, t_{D-1}] the fit is held constant at its end values.

Usage:
  /usr/bin/python3 bench/free_knot_reference.py TRAIN.csv TEST.csv --dofs 32,64,128,256
"""

import argparse
import json
import sys
import time
from dataclasses import dataclass, field

import numpy as np
from scipy.interpolate import make_lsq_spline
from scipy.linalg import solveh_banded
from scipy.optimize import minimize

import benchlib

# Relative weight of the tiny second-difference penalty that keeps nodes without data
# determined (they interpolate their neighbours); it does not measurably change the fit.
PENALTY_REL = 1e-10
# Smallest interval width, as a fraction of the domain, the parametrisation can reach.
MIN_WIDTH_REL = 1e-9


# ---------------------------------------------------------------------------------------------
# P1 basis and exact least-squares coefficients
# ---------------------------------------------------------------------------------------------


def locate(knots: np.ndarray, x: np.ndarray):
    """Interval index j and local coordinate u in [0, 1] of each x (clamped to the domain)."""
    j = np.clip(np.searchsorted(knots, x, side="right") - 1, 0, len(knots) - 2)
    u = np.clip((x - knots[j]) / (knots[j + 1] - knots[j]), 0.0, 1.0)
    return j, u


def evaluate(knots: np.ndarray, coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The P1 interpolant with nodal values coef at x (constant outside the knots)."""
    j, u = locate(knots, x)
    return coef[j] * (1.0 - u) + coef[j + 1] * u


def _second_difference_gram(n: int):
    """Diagonals (main, first, second) of D2^T D2 for the n-node second-difference operator."""
    main, off1, off2 = np.zeros(n), np.zeros(max(n - 1, 0)), np.zeros(max(n - 2, 0))
    if n >= 3:
        main[:-2] += 1.0
        main[1:-1] += 4.0
        main[2:] += 1.0
        off1[:-1] -= 2.0
        off1[1:] -= 2.0
        off2[:] = 1.0
    return main, off1, off2


def lsq_coefficients(knots: np.ndarray, j: np.ndarray, u: np.ndarray, y: np.ndarray):
    """Least-squares nodal values for located points (j, u) -> (coef, penalty weight mu).

    Solves (B^T B + mu D2^T D2) c = B^T y, a symmetric pentadiagonal system.
    """
    n = len(knots)
    a, b = 1.0 - u, u
    main = np.bincount(j, a * a, n) + np.bincount(j + 1, b * b, n)
    off1 = np.bincount(j, a * b, n - 1)
    rhs = np.bincount(j, a * y, n) + np.bincount(j + 1, b * y, n)
    mu = PENALTY_REL * max(float(main.max()), 1.0)
    p_main, p_off1, p_off2 = _second_difference_gram(n)
    bands = np.zeros((3, n))
    bands[2] = main + mu * p_main
    bands[1, 1:] = off1 + mu * p_off1
    bands[0, 2:] = mu * p_off2
    if n == 2:
        bands = bands[1:]
    return solveh_banded(bands, rhs, check_finite=False), mu


def lsq_fit(knots: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Nodal values of the least-squares P1 fit on fixed knots."""
    j, u = locate(knots, x)
    return lsq_coefficients(knots, j, u, y)[0]


# ---------------------------------------------------------------------------------------------
# Initial knots: equidistribute |f''|^(2/5) w^(1/5)
# ---------------------------------------------------------------------------------------------


def equidistribute(grid: np.ndarray, mass: np.ndarray, n_knots: int,
                   shift: float = 0.0) -> np.ndarray:
    """Knots splitting the piecewise-uniform mass (mass[i] on [grid[i], grid[i+1]]) equally.

    Interior knot k sits at cumulative mass (k + shift) / (n_knots - 1) of the total; a shift
    in [0, 1) gives the same density with another phase (another basin for the polish).
    """
    cumulative = np.concatenate([[0.0], np.cumsum(mass)])
    targets = (np.arange(1, n_knots - 1) + shift) / (n_knots - 1) * cumulative[-1]
    inner = np.interp(targets, cumulative, grid)
    return np.concatenate([[grid[0]], inner, [grid[-1]]])


def pilot_spline(x: np.ndarray, y: np.ndarray, seed: int = 0):
    """A smooth estimate of f: cubic LSQ spline on data-quantile knots, size by hold-out."""
    rng = np.random.default_rng(seed)
    hold = rng.random(len(x)) < 0.2
    best = None
    for n_inner in _pilot_sizes(len(x)):
        err = _holdout_error(x[~hold], y[~hold], x[hold], y[hold], n_inner)
        if err is not None and (best is None or err < best[0]):
            best = (err, n_inner)
    if best is None:
        raise RuntimeError("could not fit a pilot spline to the training data")
    return _cubic_lsq_spline(x, y, best[1])


def _pilot_sizes(n: int):
    sizes, m = [], 4
    while m <= max(4, n // 8):
        sizes.append(m)
        m *= 2
    return sizes


def _cubic_lsq_spline(x: np.ndarray, y: np.ndarray, n_inner: int):
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    inner = np.unique(np.quantile(xs, np.linspace(0, 1, n_inner + 2)[1:-1]))
    inner = inner[(inner > xs[0]) & (inner < xs[-1])]
    t = np.concatenate([[xs[0]] * 4, inner, [xs[-1]] * 4])
    return make_lsq_spline(xs, ys, t, k=3)


def _holdout_error(x_fit, y_fit, x_val, y_val, n_inner):
    try:
        spline = _cubic_lsq_spline(x_fit, y_fit, n_inner)
    except (ValueError, np.linalg.LinAlgError):
        return None
    inside = (x_val >= x_fit.min()) & (x_val <= x_fit.max())
    err = float(np.mean((spline(x_val[inside]) - y_val[inside]) ** 2))
    return err if np.isfinite(err) else None


def _bin_edges(xs: np.ndarray, per_bin: int) -> np.ndarray:
    """Edges of equal-count bins of the sorted sample xs (strictly increasing)."""
    idx = np.unique(np.concatenate([np.arange(0, len(xs), per_bin), [len(xs) - 1]]))
    return np.unique(xs[idx])


def _bin_curvature_power(edges: np.ndarray, second_derivative, sub: int = 8) -> np.ndarray:
    """Mean of |f''|^(2/5) over each bin (sampled at `sub` interior points)."""
    frac = (np.arange(sub) + 0.5) / sub
    pts = edges[:-1, None] + np.diff(edges)[:, None] * frac[None, :]
    return np.mean(np.abs(second_derivative(pts)) ** 0.4, axis=1)


def knot_density_from_data(x: np.ndarray, y: np.ndarray, floor: float = 0.01) -> tuple:
    """(grid, mass) of |f''|^(2/5) w^(1/5), f'' from a pilot spline, w from equal-count bins."""
    xs = np.sort(x)
    edges = _bin_edges(xs, per_bin=max(8, len(xs) // 200))
    widths = np.diff(edges)
    counts = np.diff(np.searchsorted(xs, edges, side="left"))
    counts[-1] += 1  # the last edge is the maximum itself
    density = counts / (len(xs) * widths)
    curvature = _bin_curvature_power(edges, pilot_spline(x, y).derivative(2))
    mass = curvature * density ** 0.2 * widths
    mass += floor * mass.sum() / len(mass)  # a little mass everywhere: no empty regions
    return edges, mass


def knot_density_from_truth(ds: benchlib.Dataset1D, x: np.ndarray, floor: float = 0.01):
    """(grid, mass) of |f''|^(2/5) w^(1/5) from the data set's true f and sampling density."""
    xs = np.sort(x)
    grid = np.interp(np.linspace(0, len(xs) - 1, 50 * len(xs)), np.arange(len(xs)), xs)
    grid = np.unique(grid)
    mid = 0.5 * (grid[1:] + grid[:-1])
    h = 1e-4 * np.maximum(np.abs(mid), 1e-3 * (xs[-1] - xs[0]))
    f2 = (ds.truth(mid + h) - 2 * ds.truth(mid) + ds.truth(mid - h)) / h ** 2
    mass = np.abs(f2) ** 0.4 * ds.density_shape(mid) ** 0.2 * np.diff(grid)
    mass += floor * mass.sum() / len(mass) * np.diff(grid) / np.mean(np.diff(grid))
    return grid, mass


def uniform_knots(x: np.ndarray, n_knots: int) -> np.ndarray:
    return np.linspace(x.min(), x.max(), n_knots)


# ---------------------------------------------------------------------------------------------
# L-BFGS polish of the knots (variable projection)
# ---------------------------------------------------------------------------------------------


class ProjectedObjective:
    """F(z) = min_c mean((y - f_{t(z),c}(x))^2) with t(z) from width logits z, and its gradient."""

    def __init__(self, x: np.ndarray, y: np.ndarray, lo: float, hi: float, n_knots: int):
        self.x, self.y = x, y
        self.lo, self.length, self.n = lo, hi - lo, n_knots
        self.eps = MIN_WIDTH_REL
        self.scale = 1.0
        self.evaluations = 0

    def widths(self, z: np.ndarray) -> tuple:
        """Interval widths (at least eps * length each) and the softmax p they come from."""
        p = np.exp(z - z.max())
        p /= p.sum()
        return self.length * (self.eps + (1.0 - (self.n - 1) * self.eps) * p), p

    def knots(self, z: np.ndarray) -> np.ndarray:
        """Knot vector for logits z: the end knots stay at lo and hi."""
        return self._knots_from_widths(self.widths(z)[0])

    def _knots_from_widths(self, h: np.ndarray) -> np.ndarray:
        t = self.lo + np.concatenate([[0.0], np.cumsum(h)])
        t[-1] = self.lo + self.length
        return t

    def logits(self, knots: np.ndarray) -> np.ndarray:
        """Inverse of knots(): logits whose widths reproduce the given knot vector."""
        p = (np.diff(knots) / self.length - self.eps) / (1.0 - (self.n - 1) * self.eps)
        return np.log(np.maximum(p, 1e-300))

    def value_and_gradient(self, z: np.ndarray):
        """Projected MSE (plus the negligible penalty), divided by self.scale, and d/dz."""
        self.evaluations += 1
        h, p = self.widths(z)
        t = self._knots_from_widths(h)
        j, u = locate(t, self.x)
        c, mu = lsq_coefficients(t, j, u, self.y)
        r = self.y - (c[j] * (1.0 - u) + c[j + 1] * u)
        d2 = np.diff(c, 2)
        n_pts = len(self.x)
        value = (r @ r + mu * (d2 @ d2)) / n_pts
        slope = np.diff(c) / np.diff(t)
        rs = r * slope[j]
        g_t = (np.bincount(j, rs * (1.0 - u), self.n) + np.bincount(j + 1, rs * u, self.n))
        g_t *= 2.0 / n_pts
        g_t[0] = g_t[-1] = 0.0  # end knots are fixed
        g_h = np.cumsum(g_t[1:][::-1])[::-1]  # t_k = lo + sum_{i<k} h_i
        g_p = g_h * self.length * (1.0 - (self.n - 1) * self.eps)
        g_z = p * (g_p - g_p @ p)  # softmax Jacobian
        return value / self.scale, g_z / self.scale


def polish(knots: np.ndarray, x: np.ndarray, y: np.ndarray, max_iter: int = 4000,
           restarts: int = 4) -> tuple:
    """Move the interior knots by L-BFGS to a local minimum of the projected MSE.

    L-BFGS is restarted (fresh curvature memory, objective rescaled to 1) until a restart no
    longer improves by 1e-6 relative. Returns (knots, number of objective evaluations).
    """
    if len(knots) <= 2:
        return knots, 0
    obj = ProjectedObjective(x, y, knots[0], knots[-1], len(knots))
    z = obj.logits(knots)
    for _ in range(restarts):
        obj.scale = 1.0
        start_value = obj.value_and_gradient(z)[0]
        obj.scale = max(start_value, 1e-300)
        res = minimize(obj.value_and_gradient, z, jac=True, method="L-BFGS-B",
                       options={"maxiter": max_iter, "maxcor": 30, "ftol": 1e-15,
                                "gtol": 1e-12, "maxls": 40})
        improved = res.fun < 1.0 - 1e-6
        if res.fun <= 1.0:
            z = res.x
        if not improved:
            break
    return obj.knots(z), obj.evaluations


# ---------------------------------------------------------------------------------------------
# The reference fit
# ---------------------------------------------------------------------------------------------


@dataclass
class P1Fit:
    knots: np.ndarray
    coef: np.ndarray
    seconds: float = 0.0
    evaluations: int = 0
    info: dict = field(default_factory=dict)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return evaluate(self.knots, self.coef, x)


def train_mse(knots, x, y) -> float:
    return float(np.mean((y - evaluate(knots, lsq_fit(knots, x, y), x)) ** 2))


def starting_knots(x, y, n_knots: int, truth=None, phases: int = 4) -> dict:
    """Named initial knot vectors: the equidistributed density at `phases` phase shifts,
    from the data (and from the truth if `truth` is a Dataset1D)."""
    densities = {"data": knot_density_from_data(x, y)}
    if truth is not None:
        densities["truth"] = knot_density_from_truth(truth, x)
    return {f"{name}@{k}/{phases}": equidistribute(grid, mass, n_knots, k / phases)
            for name, (grid, mass) in densities.items() for k in range(phases)}


def free_knot_fit(x: np.ndarray, y: np.ndarray, n_knots: int, truth=None,
                  phases: int = 4) -> P1Fit:
    """The best free-knot P1 least-squares fit found with n_knots nodes.

    Polishes every starting knot vector (see starting_knots) by L-BFGS and keeps the one with
    the lowest training MSE: the projected objective has local minima (e.g. on App. C.3 at
    D = 32 one phase ends at train RMSE 0.039, another at 0.033).
    """
    start = time.perf_counter()
    best, evaluations, info = None, 0, {"polished_rmse": {}}
    for name, init in starting_knots(x, y, n_knots, truth, phases).items():
        knots, evals = polish(init, x, y)
        evaluations += evals
        mse = train_mse(knots, x, y)
        info["polished_rmse"][name] = float(np.sqrt(mse))
        if best is None or mse < best[0]:
            best = (mse, knots, name)
    knots = best[1]
    info["start"] = best[2]
    return P1Fit(knots, lsq_fit(knots, x, y), time.perf_counter() - start, evaluations, info)


def uniform_fit(x: np.ndarray, y: np.ndarray, n_knots: int) -> P1Fit:
    """Least-squares P1 fit on uniformly spaced knots over [min x, max x]."""
    start = time.perf_counter()
    knots = uniform_knots(x, n_knots)
    return P1Fit(knots, lsq_fit(knots, x, y), time.perf_counter() - start)


def reference_rows(xtr, ytr, xte, yte, dofs, truth=None, phases=4, log=None) -> list:
    """One result dict per D: free-knot train/test RMSE and uniform-knot test RMSE."""
    rows = []
    for d in dofs:
        fit = free_knot_fit(xtr, ytr, d, truth, phases)
        uni = uniform_fit(xtr, ytr, d)
        row = {
            "dof": d,
            "train_rmse": benchlib.rmse(ytr, fit.predict(xtr)),
            "test_rmse": benchlib.rmse(yte, fit.predict(xte)),
            "test_r2": benchlib.r2(yte, fit.predict(xte)),
            "uniform_test_rmse": benchlib.rmse(yte, uni.predict(xte)),
            "seconds": fit.seconds,
            "evaluations": fit.evaluations,
            **fit.info,
        }
        rows.append(row)
        if log:
            log(f"D={d}: test RMSE {row['test_rmse']:.4g} ({fit.seconds:.1f} s, "
                f"{fit.evaluations} evaluations, best start: {fit.info['start']})")
    return rows


def parse_dofs(text: str) -> list:
    dofs = [int(v) for v in text.split(",") if v.strip()]
    if not dofs or min(dofs) < 2:
        raise argparse.ArgumentTypeError("--dofs needs integers >= 2, e.g. 32,64,128,256")
    return dofs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", help="training CSV (header row; x, then target)")
    parser.add_argument("test", help="test CSV, same format")
    parser.add_argument("--dofs", type=parse_dofs, default=[32, 64, 128, 256],
                        help="comma-separated node counts (default 32,64,128,256)")
    parser.add_argument("--truth", metavar="NAME", default=None,
                        help="also start from knots built from data set NAME's true f and "
                             f"sampling density ({', '.join(benchlib.DATASETS)})")
    parser.add_argument("--phases", type=int, default=4,
                        help="starts per density: equidistribution phase shifts k/P (default 4)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    xtr, ytr = benchlib.read_xy(args.train)
    xte, yte = benchlib.read_xy(args.test)
    truth = benchlib.dataset(args.truth) if args.truth else None
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    rows = reference_rows(xtr, ytr, xte, yte, args.dofs, truth, args.phases, log)
    if args.json:
        print(json.dumps({"train": args.train, "test": args.test, "rows": rows}, indent=2))
    else:
        print(benchlib.markdown_table(
            ["D", "train RMSE", "test RMSE", "test R^2", "uniform-knot test RMSE", "seconds"],
            [[r["dof"], r["train_rmse"], r["test_rmse"], r["test_r2"], r["uniform_test_rmse"],
              r["seconds"]] for r in rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
