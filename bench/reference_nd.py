#!/usr/bin/env -S /usr/bin/python3
"""Best P1 node placement found for 2D/3D data: the reference lreg's 2D/3D fits are measured against.

Independent of lreg's C++ (numpy/scipy only), like free_knot_reference.py in 1D:

  * For a mesh with nodes p the coefficients c(p) are the exact least-squares solution (sparse
    normal equations, a 1e-10 relative ridge for nodes without data).
  * The projected objective F(p) = min_c mean |f_{p,c}(x) - y|^2 has the exact gradient
    dF/dp_a = -(2/N) sum_n r_n lambda_a(x_n) grad f|_t(n)  (a sample in simplex t depends on
    vertex a through its barycentric coordinate; r = f - y, summed over outputs).
  * Starts: the uniform Kuhn grid, a tensor-product grid whose per-axis knots equidistribute the
    slab residual energies (energy^(1/5), a few rounds), and any model files given with
    --start (e.g. lreg's own fit). Each is moved by L-BFGS-B over the free coordinates (nodes on
    a face of the box slide in it, corners stay); a step that would fold or flatten a simplex
    (volume below 1e-3 of its start volume) is refused by the line search (the objective is
    returned as +inf there). The start with the smallest training MSE wins.
  * The connectivity of each start is kept (no flips): lreg's own mesh as a start brings its
    flips in.

Usage:
  /usr/bin/python3 bench/reference_nd.py TRAIN.csv TEST.csv --dof 1024 [--targets 1]
      [--start lreg-model.json ...] [--maxiter 300] [--json]
"""

import argparse
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix, identity
from scipy.sparse.linalg import splu

import benchlib

RIDGE_REL = 1e-10
VOLUME_SHARE = 1e-3  # no simplex may shrink below this share of its start volume


def unit_box(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    return lo, np.where(hi > lo, hi - lo, 1.0)


def frames(nodes, simplices):
    """Per simplex: inverse edge matrices (t, d, d), first vertices (t, d), signed volumes."""
    V = nodes[simplices]
    E = np.transpose(V[:, 1:, :] - V[:, :1, :], (0, 2, 1))  # columns = edges
    det = np.linalg.det(E)
    with np.errstate(all="ignore"):
        inv = np.linalg.inv(np.where(np.abs(det)[:, None, None] > 0, E, np.eye(E.shape[1])))
    return inv, V[:, 0, :], det


def barycentric(inv, v0, which, P):
    lam = np.einsum("nij,nj->ni", inv[which], P - v0[which])
    return np.concatenate([1.0 - lam.sum(axis=1, keepdims=True), lam], axis=1)


class Projected:
    """F(z) and its gradient; z are the free node coordinates."""

    def __init__(self, nodes, simplices, U, Y):
        self.nodes0, self.simplices, self.U, self.Y = nodes.copy(), simplices, U, Y
        self.d = nodes.shape[1]
        on_face = (np.abs(nodes) < 1e-12) | (np.abs(nodes - 1) < 1e-12)
        self.free = ~on_face  # per node and axis
        self.vol0 = np.abs(frames(nodes, simplices)[2])
        self.which = benchlib.locate(nodes, simplices, U)[0]
        self.evaluations = 0

    def nodes(self, z):
        p = self.nodes0.copy()
        p[self.free] = z
        return p

    def start(self):
        return self.nodes0[self.free].copy()

    def locate(self, nodes, inv, v0):
        lam = barycentric(inv, v0, self.which, self.U)
        out = lam.min(axis=1) < -1e-12
        if np.any(out):  # moved out of their simplex: a fresh search for those
            w, l = benchlib.locate(nodes, self.simplices, self.U[out])
            self.which = self.which.copy()
            self.which[out] = w
            lam[out] = l
        return lam

    def fit(self, nodes, lam):
        n, D = len(self.U), len(nodes)
        rows = np.repeat(np.arange(n), self.d + 1)
        A = csr_matrix((lam.ravel(), (rows, self.simplices[self.which].ravel())), shape=(n, D))
        G = (A.T @ A).tocsc()
        ridge = RIDGE_REL * max(G.diagonal().mean(), 1e-300)
        c = splu((G + ridge * identity(D, format="csc")).tocsc()).solve(np.asarray(A.T @ self.Y))
        return c, A

    def __call__(self, z):
        self.evaluations += 1
        nodes = self.nodes(z)
        inv, v0, det = frames(nodes, self.simplices)
        if np.any(det <= VOLUME_SHARE * self.vol0):
            return np.inf, np.zeros_like(z)
        lam = self.locate(nodes, inv, v0)
        c, A = self.fit(nodes, lam)
        r = A @ c - self.Y  # (n, C)
        n = len(self.U)
        value = float(np.sum(r * r)) / n
        # grad f on each sample's simplex: sum_a c_a grad lambda_a, grad lambda_{1..d} = inv rows.
        S = self.simplices[self.which]  # (n, d+1)
        gl = np.concatenate([-inv[self.which].sum(axis=1, keepdims=True), inv[self.which]],
                            axis=1)  # (n, d+1, d)
        g = np.einsum("nak,nac->nck", gl, c[S])  # (n, C, d)
        rg = np.einsum("nc,nck->nk", r, g)  # (n, d)
        grad = np.zeros_like(nodes)
        for a in range(self.d + 1):
            np.add.at(grad, S[:, a], -(2.0 / n) * lam[:, a:a + 1] * rg)
        return value, grad[self.free]


def altitudes(nodes, simplices):
    """Per node: its smallest altitude over the simplices that contain it."""
    inv = frames(nodes, simplices)[0]
    grads = np.concatenate([-inv.sum(axis=1, keepdims=True), inv], axis=1)  # (t, d+1, d)
    h = 1.0 / np.linalg.norm(grads, axis=2)
    out = np.full(len(nodes), np.inf)
    np.minimum.at(out, simplices.ravel(), h.ravel())
    return out


def polish(nodes, simplices, U, Y, maxiter, rounds=8):
    """L-BFGS-B in rounds; in each, every free coordinate stays within a quarter of its node's
    smallest altitude over d (a box in which no simplex can fold), then the box moves along."""
    evaluations = 0
    for _ in range(rounds):
        obj = Projected(nodes, simplices, U, Y)
        z0 = obj.start()
        f0 = obj(z0)[0]
        scale = max(f0, 1e-300)
        h = np.broadcast_to(altitudes(nodes, simplices)[:, None], nodes.shape)[obj.free]
        reach = 0.25 * h / nodes.shape[1]

        def scaled(z):
            value, grad = obj(z)
            return value / scale, grad / scale

        res = minimize(scaled, z0, jac=True, method="L-BFGS-B",
                       bounds=list(zip(z0 - reach, z0 + reach)),
                       options={"maxiter": max(1, maxiter // rounds), "maxcor": 20,
                                "ftol": 1e-12, "gtol": 1e-10})
        evaluations += obj.evaluations
        if not (res.fun * scale < f0 * (1 - 1e-7)):
            break
        nodes = obj.nodes(res.x)
    return nodes, evaluations


def lsq(nodes, simplices, U, Y):
    obj = Projected(nodes, simplices, U, Y)
    inv, v0, _ = frames(nodes, simplices)
    return obj.fit(nodes, obj.locate(nodes, inv, v0))[0]


def mse(nodes, simplices, coef, U, Y):
    return float(np.mean(np.sum((benchlib.p1_predict(nodes, simplices, coef, U).reshape(Y.shape)
                                 - Y) ** 2, axis=1)))


def tensor_start(U, Y, dof, rounds=8):
    """Per-axis knots from slab residual energies (energy^(1/5) shares), equal counts per axis."""
    d = U.shape[1]
    m = max(2, int(np.floor(dof ** (1.0 / d) + 1e-9)))
    knots = [np.quantile(U[:, k], np.linspace(0, 1, m)) * 0.5 + np.linspace(0, 1, m) * 0.5
             for k in range(d)]
    best = None
    for _ in range(rounds):
        for k in range(d):
            knots[k][0], knots[k][-1] = 0.0, 1.0
        nodes, simplices = tensor_grid(knots)
        coef = lsq(nodes, simplices, U, Y)
        err = mse(nodes, simplices, coef, U, Y)
        if best is None or err < best[0]:
            best = (err, [k.copy() for k in knots])
        pred = benchlib.p1_predict(nodes, simplices, coef, U).reshape(Y.shape)
        e = np.sum((pred - Y) ** 2, axis=1)
        for k in range(d):
            slab = np.clip(np.searchsorted(knots[k], U[:, k], side="right") - 1, 0, m - 2)
            share = np.bincount(slab, e, m - 1) ** 0.2 + 1e-300
            mass = 0.95 * share / share.sum() + 0.05 * np.diff(knots[k])
            cum = np.concatenate([[0.0], np.cumsum(mass)])
            knots[k] = np.interp(np.linspace(0, cum[-1], m), cum, knots[k])
    return tensor_grid(best[1])


def tensor_grid(knots):
    """Kuhn triangulation of a tensor grid (as lreg's SimplexMesh::tensorGrid)."""
    import itertools
    d = len(knots)
    m = [len(k) for k in knots]
    ids = {}
    nodes = []
    for g in itertools.product(*[range(n) for n in reversed(m)]):
        g = tuple(reversed(g))
        ids[g] = len(nodes)
        nodes.append([knots[k][g[k]] for k in range(d)])
    simplices = []
    for base in itertools.product(*[range(n - 1) for n in reversed(m)]):
        base = list(reversed(base))
        for perm in itertools.permutations(range(d)):
            g = list(base)
            s = [ids[tuple(g)]]
            for k in perm:
                g[k] += 1
                s.append(ids[tuple(g)])
            simplices.append(s)
    return oriented(np.array(nodes, dtype=float), np.array(simplices))


def oriented(nodes, simplices):
    """The same simplices, each with a positive signed volume."""
    simplices = np.array(simplices, copy=True)
    flip = frames(nodes, simplices)[2] < 0
    simplices[flip, 0], simplices[flip, 1] = simplices[flip, 1], simplices[flip, 0].copy()
    return nodes, simplices


def load_model_mesh(path):
    with open(path) as fh:
        m = json.load(fh)
    return np.array(m["nodes"], dtype=float), np.array(m["simplices"], dtype=int)


def reference(Xtr, Ytr, dof, starts=(), maxiter=300, log=None):
    """The best placement found: dict with nodes, simplices (unit box), coef, lo, scale, info."""
    lo, scale = unit_box(Xtr)
    U = (Xtr - lo) / scale
    d = U.shape[1]
    m = max(2, int(np.floor(dof ** (1.0 / d) + 1e-9)))
    candidates = {"kuhn": oriented(*benchlib.kuhn_grid(d, m)), "tensor": tensor_start(U, Ytr, dof)}
    for k, path in enumerate(starts):
        candidates[f"start{k}"] = oriented(*load_model_mesh(path))
    best, info = None, {}
    for name, (nodes, simplices) in candidates.items():
        t0 = time.perf_counter()
        moved, evals = polish(np.asarray(nodes, float), np.asarray(simplices), U, Ytr, maxiter)
        coef = lsq(moved, simplices, U, Ytr)
        err = mse(moved, simplices, coef, U, Ytr)
        info[name] = {"train_rmse": float(np.sqrt(err)), "evaluations": evals,
                      "seconds": time.perf_counter() - t0, "nodes": len(nodes)}
        if log:
            log(f"  {name}: {len(nodes)} nodes, train RMSE {np.sqrt(err):.5g} "
                f"({evals} evaluations, {info[name]['seconds']:.1f} s)")
        if best is None or err < best[0]:
            best = (err, name, moved, simplices, coef)
    return {"nodes": best[2], "simplices": best[3], "coef": best[4], "lo": lo, "scale": scale,
            "start": best[1], "starts": info}


def predict(ref, X):
    U = (X - ref["lo"]) / ref["scale"]
    return benchlib.p1_predict(ref["nodes"], ref["simplices"], ref["coef"], np.clip(U, 0, 1))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("train")
    p.add_argument("test")
    p.add_argument("--dof", type=int, required=True)
    p.add_argument("--targets", type=int, default=1)
    p.add_argument("--start", action="append", default=[], help="a model file whose mesh is a start")
    p.add_argument("--maxiter", type=int, default=300)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    Xtr, Ytr = benchlib.read_csv(args.train, args.targets)
    Xte, Yte = benchlib.read_csv(args.test, args.targets)
    Ytr, Yte = Ytr.reshape(len(Ytr), -1), Yte.reshape(len(Yte), -1)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    ref = reference(Xtr, Ytr, args.dof, args.start, args.maxiter, log)
    out = {"dof": args.dof, "start": ref["start"], "starts": ref["starts"],
           "train_rmse": benchlib.rmse(Ytr, predict(ref, Xtr).reshape(Ytr.shape)),
           "test_rmse": benchlib.rmse(Yte, predict(ref, Xte).reshape(Yte.shape))}
    print(json.dumps(out, indent=1) if args.json else
          f"D = {args.dof}: best start {out['start']}, train RMSE {out['train_rmse']:.5g}, "
          f"test RMSE {out['test_rmse']:.5g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
