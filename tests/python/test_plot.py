"""lreg.plot draws what the app's 1D and 2D views show: the fit through its nodes, the truth and
the |fit - truth| area, the hardness bars, inserted (green) / to-remove (red) / removed (red x)
nodes; the 2D field over the triangulation with its wireframe."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

import lreg


def scatter_with(ax, colour):
    """The offsets of the scatter collections drawn in `colour`."""
    rgba = mcolors.to_rgba(colour)
    found = [c.get_offsets() for c in ax.collections
             if len(c.get_facecolors()) and np.allclose(c.get_facecolors()[0][:3], rgba[:3])]
    return np.concatenate(found) if found else np.zeros((0, 2))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_1d_snapshot_after_refine(b1, tmp_path):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=24, topk=5)
    engine.substep()
    refine = engine.substep()
    ax = lreg.plot(refine, b1.X_train, b1.y_train, truth=b1.truth)
    fit = next(l for l in ax.lines if l.get_label() == "LReg fit")
    np.testing.assert_allclose(fit.get_xdata(), refine.input_nodes[:, 0])
    np.testing.assert_allclose(fit.get_ydata(), refine.coefficients[:, 0])
    inserted = scatter_with(ax, "tab:green")
    np.testing.assert_allclose(np.sort(inserted[:, 0]), np.sort(refine.input_nodes[refine.inserted, 0]))
    assert any(l.get_label() == "truth" for l in ax.lines)
    assert "refine" in ax.get_title() and "next: interpolate" in ax.get_title()
    bars = [p for a in ax.figure.axes for p in a.patches]
    assert len(bars) == len(refine.counts)  # one bar per interval
    ax.figure.savefig(tmp_path / "b1.png", dpi=60)
    image = plt.imread(tmp_path / "b1.png")
    assert image.shape[0] > 100 and image[..., :3].std() > 0.05  # something was drawn


def test_1d_removed_and_to_remove_markers(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=24, topk=5)
    for _ in range(3):
        engine.substep()
    before = engine.snapshot  # interpolate: nodes the coming coarsen removes are marked
    ax = lreg.plot(before)
    marked = scatter_with(ax, "tab:red")
    assert len(marked) == len(before.to_remove) == 5
    coarsen = engine.substep()
    ax = lreg.plot(coarsen)
    removed = scatter_with(ax, "tab:red")
    np.testing.assert_allclose(np.sort(removed[:, 0]), np.sort(coarsen.input_removed[:, 0]))


def test_models_estimators_and_engines_are_drawn(b1):
    est = lreg.LRegRegressor(dof=16, iterations=2).fit(b1.X_train, b1.y_train)
    for obj in (est, est.model_):
        ax = lreg.plot(obj, b1.X_train, b1.y_train)
        fit = next(l for l in ax.lines if l.get_label() == "LReg fit")
        np.testing.assert_allclose(fit.get_ydata(), est.model_.coefficients[:, 0])
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=16)
    with pytest.raises(ValueError, match="no snapshot yet"):
        lreg.plot(engine)
    engine.substep()
    assert "train" in lreg.plot(engine).get_title()
    with pytest.raises(TypeError, match="lreg.plot draws"):
        lreg.plot("not a model")


def test_2d_field_wireframe_and_surface():
    data = lreg.generate("A2", seed=1, train_size=2000)
    engine = lreg.Engine(data.X_train, data.y_train, dof=64)
    engine.substep()  # train
    engine.substep()  # polish (2D least squares)
    refine = engine.substep()
    assert refine.phase == "refine"
    ax = lreg.plot(refine, data.X_train, data.y_train)
    field = next(c for c in ax.collections if c.__class__.__name__ == "TriMesh")
    assert field is not None  # Gouraud-shaded P1 field
    np.testing.assert_allclose(np.sort(scatter_with(ax, "tab:green")[:, 0]),
                               np.sort(refine.input_nodes[refine.inserted, 0]))
    wire = [l for l in ax.lines if len(l.get_xdata()) > 0]
    assert wire  # the mesh edges
    ax3 = lreg.plot(refine, data.X_train, data.y_train, surface=True)
    assert ax3.name == "3d"


def test_what_cannot_be_drawn():
    rng = np.random.default_rng(0)
    X = rng.random((500, 3))
    model = lreg.fit(X, X.sum(1), dof=27, iterations=1)
    with pytest.raises(ValueError, match="draws 1D and 2D models; this one has 3 inputs"):
        lreg.plot(model)
    two = lreg.fit(X[:, :1], np.column_stack([X[:, 0], X[:, 1]]), dof=8, iterations=1)
    with pytest.raises(ValueError, match="output 2 does not exist: the model has 2"):
        lreg.plot(two, output=2)
