"""Shared fixtures of the Python suites. CTest runs them with PYTHONPATH=build/python and
LREG_CLI pointing at the `lreg` executable (tests/python/CMakeLists.txt)."""

import json
import os
import subprocess
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # no display needed

REPO = Path(__file__).resolve().parents[2]


def _cli_path():
    path = os.environ.get("LREG_CLI") or str(REPO / "build" / "app" / "lreg")
    return path if os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def cli():
    """Runs the `lreg` CLI: cli("fit", "a.csv", "--json") -> (returncode, stdout, stderr)."""
    path = _cli_path()
    if path is None:
        pytest.skip("the lreg CLI is not built (set LREG_CLI or build build/app/lreg)")

    def run(*args):
        done = subprocess.run([path, *map(str, args)], capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    def run(*args):
        code, out, err = cli(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    return run


@pytest.fixture
def b1():
    import lreg

    return lreg.generate("B1", seed=1)


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))
