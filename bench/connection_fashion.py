#!/usr/bin/python3
"""The LReg connection on Fashion-MNIST (paper Sections 2.7, 3.3-3.4; issue 12), one run.

1. A frozen base: `lreg mlp` trains a softmax MLP (784-256-128-10, Adam) on Fashion-MNIST's
   60,000 training images and exports its penultimate features (128 ReLU activations), its
   logits and the labels, for the training set and the 10,000 validation (t10k) images.
2. `lreg connect` attaches a connection (d components, n nodes each) to the frozen base and
   trains it for E epochs on the same 60,000 samples; validation after every epoch.
3. The peers a user would try instead, on the same frozen features and logits, the same data,
   batch size, epochs and Adam: retraining the last layer (a linear probe started from the
   base's own last layer, so that its epoch 0 is the base too) and a LoRA-style rank-r update
   of the last layer (logits + B A h, B = 0 at the start) with r chosen so that its parameter
   count is closest to the connection's.

Prints one table (validation cross-entropy, accuracy, trainable parameters, seconds; mean and
spread over --seeds, which change the batch order and the LoRA start) and a learning-rate
sensitivity table (every method at its default rate times 0.1, 1 and 10, first seed).
Nothing is tuned on the validation set: every method runs at its default rate; the
sensitivity table shows whether the conclusion depends on that choice.

Needs Debian's `dataset-fashion-mnist` (`scripts/setup.sh --bench`) and a built `lreg`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


def run_json(cmd: list) -> dict:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise benchlib.LregError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def train_base(lreg: str, out: str, epochs: int, seed: int) -> dict:
    t0 = time.perf_counter()
    result = run_json([lreg, "mlp", "--images", f"{FASHION}/train-images-idx3-ubyte.gz",
                       "--labels", f"{FASHION}/train-labels-idx1-ubyte.gz",
                       "--val-images", f"{FASHION}/t10k-images-idx3-ubyte.gz",
                       "--val-labels", f"{FASHION}/t10k-labels-idx1-ubyte.gz",
                       "--hidden", "256,128", "--epochs", str(epochs), "--seed", str(seed),
                       "--export", out, "--json", "--quiet"])
    result["wall"] = time.perf_counter() - t0
    return result


def connect(lreg: str, base: str, epochs: int, extra: list) -> dict:
    files = []
    for prefix, name in (("", "train"), ("val-", "val")):
        files += [f"--{prefix}features", f"{base}/{name}_features.npy",
                  f"--{prefix}outputs", f"{base}/{name}_logits.npy",
                  f"--{prefix}labels", f"{base}/{name}_labels.npy"]
    t0 = time.perf_counter()
    result = run_json([lreg, "connect"] + files + ["--epochs", str(epochs), "--json", "--quiet"]
                      + extra)
    result["wall"] = time.perf_counter() - t0
    return result


# --- The peers, in numpy --------------------------------------------------------------------


def cross_entropy(logits: np.ndarray, y: np.ndarray):
    top = logits.max(axis=1, keepdims=True)
    log_sum = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
    loss = float(np.mean(log_sum - logits[np.arange(len(y)), y]))
    accuracy = float(np.mean(logits.argmax(axis=1) == y))
    return loss, accuracy


def softmax_gradient(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d mean cross-entropy / d logits."""
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1.0
    return p / len(y)


class Adam:
    def __init__(self, params: list, rate: float):
        self.params, self.rate, self.t = params, rate, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads: list):
        self.t += 1
        c1, c2 = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= self.rate * (m / c1) / (np.sqrt(v / c2) + 1e-8)


def last_layer(h: np.ndarray, logits: np.ndarray):
    """The base's last layer (logits = h W^T + b), recovered exactly by least squares."""
    H = np.hstack([h, np.ones((len(h), 1))])
    Wb, *_ = np.linalg.lstsq(H, logits, rcond=None)
    residual = float(np.max(np.abs(H @ Wb - logits)))
    return Wb[:-1].T.copy(), Wb[-1].copy(), residual


class LinearProbe:
    """Retrains the last layer, starting from the base's own."""

    def __init__(self, W, b):
        self.W, self.b = W.copy(), b.copy()

    def parameters(self):
        return [self.W, self.b]

    def logits(self, h, base):
        return h @ self.W.T + self.b

    def gradients(self, h, base, g):
        return [g.T @ h, g.sum(axis=0)]


class LoraUpdate:
    """logits + (h A^T) B^T with A (r x C_in) Gaussian, B (C x r) zero: epoch 0 is the base."""

    def __init__(self, inputs: int, outputs: int, rank: int, rng):
        self.A = rng.standard_normal((rank, inputs)) / np.sqrt(inputs)
        self.B = np.zeros((outputs, rank))

    def parameters(self):
        return [self.A, self.B]

    def logits(self, h, base):
        return base + (h @ self.A.T) @ self.B.T

    def gradients(self, h, base, g):
        u = h @ self.A.T
        return [(g @ self.B).T @ h, g.T @ u]


def train_peer(model, data, epochs: int, batch: int, rate: float, seed: int) -> dict:
    h, base, y = data["train_features"], data["train_logits"], data["train_labels"]
    rng = np.random.default_rng(seed)
    adam = Adam(model.parameters(), rate)
    t0 = time.perf_counter()
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for first in range(0, len(y), batch):
            idx = order[first:first + batch]
            g = softmax_gradient(model.logits(h[idx], base[idx]), y[idx])
            adam.step(model.gradients(h[idx], base[idx], g))
        loss, acc = cross_entropy(model.logits(data["val_features"], data["val_logits"]),
                                  data["val_labels"])
        history.append({"val_loss": loss, "val_accuracy": acc,
                        "seconds": time.perf_counter() - t0})
    return {"epochs": history, "parameters": sum(p.size for p in model.parameters())}


def load_exports(base: str) -> dict:
    data = {}
    for name in ("train", "val"):
        for part in ("features", "logits", "labels"):
            a = np.load(f"{base}/{name}_{part}.npy")
            data[f"{name}_{part}"] = a[:, 0].astype(int) if part == "labels" else a
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--lreg", default=benchlib.DEFAULT_LREG)
    ap.add_argument("--base-epochs", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=5, help="epochs of the connection and peers")
    ap.add_argument("--components", type=int, default=8)
    ap.add_argument("--dof", type=int, default=8)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--peer-lr", type=float, default=1e-3, help="Adam rate of the peers")
    ap.add_argument("--seed", type=int, default=1, help="seed of the base")
    ap.add_argument("--seeds", default="1,2,3", help="seeds of the connection and the peers")
    ap.add_argument("--workdir", help="keep the exported base here (reused when present)")
    ap.add_argument("--no-sensitivity", action="store_true", help="skip the learning-rate table")
    ap.add_argument("--json", help="write every figure to this file")
    args = ap.parse_args()
    if not os.path.isfile(f"{FASHION}/train-images-idx3-ubyte.gz"):
        print(f"{FASHION} is missing: install dataset-fashion-mnist (scripts/setup.sh --bench)")
        return 1
    if not benchlib.lreg_available(args.lreg):
        print(f"{args.lreg} is not built")
        return 1
    work = args.workdir or tempfile.mkdtemp(prefix="lreg-fashion-")
    base_dir = os.path.join(work, "base")
    print(f"load average before: {benchlib.load_text()}")
    if os.path.isfile(os.path.join(base_dir, "val_labels.npy")):
        base = {"parameters": None, "wall": None, "reused": True}
        print(f"reusing the exported base in {base_dir}")
    else:
        base = train_base(args.lreg, base_dir, args.base_epochs, args.seed)
    data = load_exports(base_dir)
    C_in, C = data["train_features"].shape[1], data["train_logits"].shape[1]
    base_loss, base_acc = cross_entropy(data["val_logits"], data["val_labels"])
    seeds = [int(v) for v in args.seeds.split(",")]
    shape = ["--components", str(args.components), "--dof", str(args.dof), "--batch",
             str(args.batch)]
    W, b, residual = last_layer(data["train_features"], data["train_logits"])
    runs = {"connection": [], "fixed": [], "probe": [], "lora": []}
    for seed in seeds:
        seeded = shape + ["--seed", str(seed)]
        runs["connection"].append(connect(args.lreg, base_dir, args.epochs, seeded))
        runs["fixed"].append(connect(args.lreg, base_dir, args.epochs,
                                     seeded + ["--mesh-updates", "0"]))
        P = runs["connection"][-1]["parameters"]
        rank = max(1, round(P / (C_in + C)))
        runs["probe"].append(train_peer(LinearProbe(W, b), data, args.epochs, args.batch,
                                        args.peer_lr, seed))
        runs["lora"].append(train_peer(LoraUpdate(C_in, C, rank, np.random.default_rng(seed)),
                                       data, args.epochs, args.batch, args.peer_lr, seed))
    print(f"load average after: {benchlib.load_text()}")
    train_loss, train_acc = cross_entropy(data["train_logits"], data["train_labels"])
    print(f"\nFashion-MNIST, train 60,000 / validation 10,000; base 784-256-128-10 trained "
          f"{args.base_epochs} epochs then frozen (train cross-entropy {train_loss:.4f}, accuracy "
          f"{train_acc:.4f}); connection and peers: {args.epochs} epochs, batch {args.batch}, "
          f"Adam (peers lr {args.peer_lr:g}, connection defaults), seeds {args.seeds} (mean ± "
          f"spread, half the range); last layer recovered from the exports with max |error| "
          f"{residual:.1e}\n")

    def cell(values, digits):
        mean = float(np.mean(values))
        if len(values) == 1:
            return f"{mean:.{digits}f}"
        return f"{mean:.{digits}f} ± {(max(values) - min(values)) / 2:.{digits}f}"

    def epoch_row(name, key, epoch):
        entries = [r["epochs"][epoch - 1] for r in runs[key]]
        return [name, cell([e["val_loss"] for e in entries], 4),
                cell([e["val_accuracy"] for e in entries], 4), runs[key][0]["parameters"],
                cell([e["seconds"] for e in entries], 2)]

    rows = [["base (frozen)", f"{base_loss:.4f}", f"{base_acc:.4f}",
             f"0 (base: {base['parameters']})" if base["parameters"] else "0",
             f"{base['wall']:.1f}" if base["wall"] else "-"]]
    ends = sorted({1, args.epochs})
    for e in ends:
        rows.append(epoch_row(f"+ connection d={args.components} n={args.dof}, {e} epoch(s)",
                              "connection", e))
    rows.append(epoch_row(f"+ connection, fixed meshes, {args.epochs} epochs", "fixed",
                          args.epochs))
    for e in ends:
        rows.append(epoch_row(f"linear probe (last layer), {e} epoch(s)", "probe", e))
    for e in ends:
        rows.append(epoch_row(f"LoRA r={rank} on the last layer, {e} epoch(s)", "lora", e))
    print(benchlib.markdown_table(
        ["method", "val cross-entropy", "val accuracy", "trainable parameters", "seconds"], rows))
    print("\nseconds: base = whole `lreg mlp` run (training, export); connection = whole "
          "`lreg connect` process up to that epoch (reading the .npy files included); peers = "
          "numpy training up to that epoch (data already in memory)")

    figures = {"base": {"val_loss": base_loss, "val_accuracy": base_acc, "train_loss": train_loss,
                        "train_accuracy": train_acc, **base},
               "seeds": seeds, "lora_rank": rank, "runs": runs}
    seed = seeds[0]
    batch = shape + ["--seed", str(seed)]
    if not args.no_sensitivity:
        print(f"\nlearning-rate sensitivity: validation cross-entropy after {args.epochs} epochs "
              f"(base {base_loss:.4f})\n")
        srows, figures["sensitivity"] = [], {}
        for factor in (0.1, 1.0, 10.0):
            c = connect(args.lreg, base_dir, args.epochs, batch + [
                "--lr", f"{0.01 * factor:g}", "--projection-lr", f"{0.001 * factor:g}"])
            p = train_peer(LinearProbe(W, b), data, args.epochs, args.batch,
                           args.peer_lr * factor, seed)
            q = train_peer(LoraUpdate(C_in, C, rank, np.random.default_rng(seed)), data,
                           args.epochs, args.batch, args.peer_lr * factor, seed)
            values = [c["epochs"][-1]["val_loss"], p["epochs"][-1]["val_loss"],
                      q["epochs"][-1]["val_loss"]]
            srows.append([f"x{factor:g}"] + values)
            figures["sensitivity"][f"{factor:g}"] = values
        print(benchlib.markdown_table(
            ["rate (x default)", "connection (0.01 / 0.001)", f"linear probe ({args.peer_lr:g})",
             f"LoRA r={rank} ({args.peer_lr:g})"], srows))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
