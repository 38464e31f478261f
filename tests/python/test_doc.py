"""Every ```python snippet of doc/python.md, in order, in one namespace (as a notebook runs
them), in a scratch directory: the walk-through must work as written."""

import re

import matplotlib.pyplot as plt
import pytest

from conftest import REPO

DOC = REPO / "doc" / "python.md"


def snippets():
    text = DOC.read_text()
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_the_doc_has_a_walk_through():
    assert len(snippets()) >= 6


def test_every_snippet_runs_in_order(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__doc__"}
    for number, code in enumerate(snippets(), 1):
        try:
            exec(compile(code, f"doc/python.md snippet {number}", "exec"), namespace)
        except Exception as error:  # name the snippet that broke
            pytest.fail(f"snippet {number} raised {error!r}:\n{code}")
        finally:
            plt.close("all")
    out = capsys.readouterr().out
    assert "test R2" in out and "LReg test R2" in out
    base, connected = map(float, re.search(r"test log-loss ([\d.]+), connected ([\d.]+)", out).groups())
    assert connected < base  # the connection corrects the frozen MLP
    for figure in ("b1-fit.png", "b1-refine.png", "b1-vs-mlp.png", "a2-refine.png", "a2-surface.png"):
        assert (tmp_path / figure).stat().st_size > 10_000, figure
    assert (tmp_path / "b1.json").exists() and (tmp_path / "digits-connection.json").exists()
