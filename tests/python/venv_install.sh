#!/usr/bin/env bash
# `pip install ./python` into a fresh virtual environment, offline (--no-index), as doc/python.md
# says, then the installed package is used from outside the source tree. The build tree's
# extension is reused (LREG_BUILD_DIR: setup.py runs only `cmake --build` there) so that the
# suite does not compile the core a second time; without it setup.py configures its own tree.
set -euo pipefail
build=$1
source=$2
python=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" -m venv --system-site-packages "$tmp/venv"
# pip builds in the directory it is given: a copy keeps the checkout free of build artefacts.
cp -r "$source/python" "$tmp/package"
rm -rf "$tmp/package/build" "$tmp/package/"*.egg-info
LREG_BUILD_DIR=$build "$tmp/venv/bin/pip" install --no-index --no-build-isolation --no-deps \
  "$tmp/package" >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; exit 1; }

cd "$tmp"  # nowhere near the source or build tree
"$tmp/venv/bin/python" - "$build/app/lreg" <<'PY'
import subprocess, sys
import numpy as np
import lreg

assert lreg.__file__.startswith(sys.prefix), f"imported {lreg.__file__}, not the venv's"
data = lreg.generate("B1", seed=2)
est = lreg.LRegRegressor(dof=32).fit(data.X_train, data.y_train)
score = est.score(data.X_test, data.y_test)
assert score > 0.95, score
est.model_.save("model.json")
np.savetxt("test.csv", np.column_stack([data.X_test, data.y_test]), delimiter=",",
           header="x,y", comments="", fmt="%.17g")
out = subprocess.run([sys.argv[1], "eval", "model.json", "test.csv", "--json"],
                     capture_output=True, text=True, check=True).stdout
print(f"venv: {lreg.__file__}, test R2 {score:.6f}; CLI eval of its model: {out.strip()}")
assert abs(__import__("json").loads(out)["r2"] - score) < 1e-12
PY
