#!/usr/bin/env -S /usr/bin/python3
"""LRegRegressor beside scikit-learn's regressors on the paper's 1D and 2D sets (issue 13).

One script, one run, every estimator on the same arrays: LRegRegressor (D = 64 in 1D,
D = 256 and 1024 in 2D; otherwise the CLI's defaults), MLPRegressor (two hidden layers of 64 ReLUs,
Adam, at most --mlp-epochs epochs), HistGradientBoostingRegressor (defaults) and
KNeighborsRegressor (k = 10, distance-weighted; inputs scaled to the unit box). Data from
lreg.generate(NAME, seed=1) at the paper's sizes: A1, B1, C, fig4a, appc2, appc3 (1D) and
A2, B2, appc4 (2D; appc4 has two outputs). For each: test RMSE (noisy test targets), test R²,
fit and predict seconds, and the size of the fitted model in stored numbers (LReg: node
coordinates and coefficients; MLP: weights and biases; KNN: the training set it keeps;
HistGradientBoosting: tree nodes). "noise" is the RMSE of the true function on the same test
set, the floor no estimator can go below on average. OpenMP (HistGradientBoosting) is told to
wait passively: on a shared machine its spinning threads otherwise slow everything by 10-100x.

Usage:
  /usr/bin/python3 bench/python_peers.py [--package build/python] [--sets A1,B1,A2]
                                         [--mlp-epochs 300]
"""

import argparse
import os
import sys
import time
import warnings

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before libgomp starts (see above)

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.multioutput import MultiOutputRegressor
from sklearn.neighbors import KNeighborsRegressor
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

import benchlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS_1D = ["A1", "B1", "C", "fig4a", "appc2", "appc3"]
SETS_2D = ["A2", "B2", "appc4"]


def estimators(lreg, dim, outputs, mlp_epochs):
    hgb = HistGradientBoostingRegressor(random_state=0)
    lregs = {f"LReg D={D}": lreg.LRegRegressor(dof=D) for D in ((64,) if dim == 1 else (256, 1024))}
    return {
        **lregs,
        "MLP (64, 64)": make_pipeline(
            StandardScaler(),
            MLPRegressor(hidden_layer_sizes=(64, 64), max_iter=mlp_epochs, random_state=0)),
        "HistGradientBoosting": hgb if outputs == 1 else MultiOutputRegressor(hgb),
        "KNN k=10": make_pipeline(MinMaxScaler(),
                                  KNeighborsRegressor(n_neighbors=10, weights="distance")),
    }


def stored_numbers(est):
    """How many numbers the fitted model keeps (see the module's docstring)."""
    if hasattr(est, "model_"):
        m = est.model_
        return m.nodes.size + m.coefficients.size
    last = est.steps[-1][1] if hasattr(est, "steps") else est
    if hasattr(last, "coefs_"):
        return sum(w.size for w in last.coefs_) + sum(b.size for b in last.intercepts_)
    if hasattr(last, "_fit_X"):
        return last._fit_X.size + np.asarray(last._y).size
    boosters = [e for e in getattr(last, "estimators_", [last])]
    return sum(len(p.nodes) for b in boosters for it in b._predictors for p in it)


def rmse(y, p):
    return float(np.sqrt(np.mean((np.asarray(y) - np.asarray(p)) ** 2)))


def r2(y, p):
    y, p = np.asarray(y).reshape(len(y), -1), np.asarray(p).reshape(len(y), -1)
    return float(1 - np.sum((y - p) ** 2) / np.sum((y - y.mean(0)) ** 2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default=os.path.join(REPO, "build", "python"))
    parser.add_argument("--sets", default=",".join(SETS_1D + SETS_2D))
    parser.add_argument("--mlp-epochs", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, args.package)
    import lreg

    rows = []
    for name in args.sets.split(","):
        data = lreg.generate(name, seed=1)
        info = data.info
        Xtr, ytr, Xte, yte = (np.array(a) for a in (data.X_train, data.y_train, data.X_test,
                                                     data.y_test))
        noise = rmse(data.truth(Xte), yte)
        for label, est in estimators(lreg, info["dim"], info["outputs"], args.mlp_epochs).items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                t0 = time.perf_counter()
                est.fit(Xtr, ytr)
                t1 = time.perf_counter()
                pred = est.predict(Xte)
                t2 = time.perf_counter()
            rows.append([f"{name} ({info['dim']}D, {len(Xtr)})", label, rmse(yte, pred), noise,
                         r2(yte, pred), t1 - t0, t2 - t1, stored_numbers(est)])
            print(f"{name} {label}: RMSE {rows[-1][2]:.4g} in {t1 - t0:.2f} s", file=sys.stderr)
    print(f"LRegRegressor and scikit-learn's regressors, the paper's sets (seed 1), load "
          f"{benchlib.load_text()}:\n")
    print(benchlib.markdown_table(
        ["data (train size)", "estimator", "test RMSE", "noise RMSE", "test R²", "fit s",
         "predict s", "stored numbers"], rows))


if __name__ == "__main__":
    main()
