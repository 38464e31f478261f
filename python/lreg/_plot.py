"""lreg.plot: a snapshot or model drawn with matplotlib, like the app's 1D and 2D views.

1D: the data, the true function (if given), the fit through its nodes (exact: P1 is linear
between nodes), the shaded |fit - truth| area, the hardness per interval as bars, inserted nodes
in green, nodes about to be removed in red, removed positions as red crosses.
2D: the fitted field over the triangulation (Gouraud shading is exactly the P1 interpolant),
the mesh wireframe, the data points, the same node markers; `surface=True` lifts it to z = f(x)
on 3D axes.
"""

import numpy as np

INSERTED, TO_REMOVE, REMOVED = "tab:green", "tab:red", "tab:red"
MAX_POINTS = 50000  # as the app: an even stride of at most this many data points


def _parts(obj):
    """(snapshot or None, model) of a Snapshot, Model, Engine or fitted LRegRegressor."""
    from ._lreg import Engine, Model, Snapshot

    if isinstance(obj, Snapshot):
        return obj, obj.model()
    if isinstance(obj, Engine):
        if obj.snapshot is None:
            raise ValueError("the engine has no snapshot yet: call substep(), step() or run()")
        return obj.snapshot, obj.snapshot.model()
    if isinstance(obj, Model):
        return None, obj
    model = getattr(obj, "model_", None)
    if isinstance(model, Model):
        return None, model
    raise TypeError(
        "lreg.plot draws an lreg.Snapshot, Model, Engine or fitted LRegRegressor, got "
        f"{type(obj).__name__}"
    )


def _strided(X, y):
    if X is None:
        return None, None
    X = np.asarray(X, dtype=float)
    X = X.reshape(len(X), -1)
    step = max(1, len(X) // MAX_POINTS)
    return X[::step], (None if y is None else np.asarray(y, dtype=float).reshape(len(X), -1)[::step])


def _title(snapshot, model):
    if snapshot is None:
        return f"LReg model, D = {model.dof}"
    return (
        f"iteration {snapshot.iteration}, {snapshot.phase} (next: {snapshot.next_phase}), "
        f"D = {len(snapshot.nodes)}, train RMSE {snapshot.train['rmse']:.4g}"
    )


def plot(obj, X=None, y=None, *, truth=None, output=0, ax=None, surface=False, counts=True):
    """Draws a snapshot, model, engine or fitted estimator; returns the matplotlib Axes.

    X, y: data to show (optional); truth: the noise-free function (e.g. data.truth), a callable
    taking #N by d inputs; output: which output to draw; ax: axes to draw into (a new figure
    otherwise); surface: 2D only, draw z = f(x) on 3D axes; counts: 1D only, the hardness bars.
    """
    import matplotlib.pyplot as plt

    snapshot, model = _parts(obj)
    if not 0 <= output < model.outputs:
        raise ValueError(f"output {output} does not exist: the model has {model.outputs}")
    if model.dim not in (1, 2):
        raise ValueError(
            f"lreg.plot draws 1D and 2D models; this one has {model.dim} inputs "
            "(plot a slice of model.predict instead)"
        )
    X, y = _strided(X, y)
    if ax is None:
        fig = plt.figure(figsize=(8, 5) if model.dim == 1 else (7, 6))
        ax = fig.add_subplot(projection="3d" if surface and model.dim == 2 else None)
    if model.dim == 1:
        _plot_1d(ax, snapshot, model, X, y, truth, output, counts)
    else:
        _plot_2d(ax, snapshot, model, X, y, output, surface)
    ax.set_title(_title(snapshot, model), fontsize=10)
    return ax


def _markers(snapshot, nodes, values, output):
    """(positions #k by d, values #k, colour, marker, label) of the inserted, to-remove and
    removed nodes (removed ones are drawn on the current function)."""
    if snapshot is None:
        return []
    marks = []
    if len(snapshot.inserted):
        marks.append((nodes[snapshot.inserted], values[snapshot.inserted], INSERTED, "o", "inserted"))
    if len(snapshot.to_remove):
        marks.append((nodes[snapshot.to_remove], values[snapshot.to_remove], TO_REMOVE, "o", "to remove"))
    if len(snapshot.removed):
        removed = snapshot.input_removed
        marks.append((removed, snapshot.predict(removed)[:, output], REMOVED, "x", "removed"))
    return marks


def _plot_1d(ax, snapshot, model, X, y, truth, output, counts):
    nodes = model.input_nodes[:, 0]
    values = model.coefficients[:, output]
    if X is not None and y is not None:
        ax.scatter(X[:, 0], y[:, output], s=4, color="0.65", alpha=0.6, label="data", zorder=1)
    if truth is not None:
        grid = np.union1d(np.linspace(nodes[0], nodes[-1], 2000), nodes)
        true = np.asarray(truth(grid[:, None]), dtype=float).reshape(len(grid), -1)[:, output]
        fit = model.predict(grid[:, None])[:, output]
        ax.plot(grid, true, "--", color="0.2", lw=1, label="truth", zorder=2)
        ax.fill_between(grid, fit, true, color="tab:orange", alpha=0.25, label="|fit - truth|", zorder=2)
    ax.plot(nodes, values, "-", color="tab:blue", lw=1.5, label="LReg fit", zorder=3)
    ax.plot(nodes, values, "o", color="tab:blue", ms=3, zorder=4)
    for where, at, colour, marker, label in _markers(snapshot, model.input_nodes, values, output):
        ax.scatter(where[:, 0], at, s=36, color=colour, marker=marker, label=label, zorder=5)
    if counts and snapshot is not None and np.any(snapshot.counts > 0):
        bars = ax.twinx()
        bars.bar(nodes[:-1], snapshot.counts, width=np.diff(nodes), align="edge",
                 color="tab:purple", alpha=0.3)
        bars.set_ylabel("hardness per interval", color="tab:purple")
        bars.set_ylim(0, 3 * snapshot.counts.max())  # keep the bars below the curves
    ax.set_xlabel(model.input_names[0])
    ax.set_ylabel(model.output_names[output])
    ax.legend(loc="best", fontsize=8)


def _plot_2d(ax, snapshot, model, X, y, output, surface):
    import matplotlib.tri as mtri

    nodes = model.input_nodes
    values = model.coefficients[:, output]
    tri = mtri.Triangulation(nodes[:, 0], nodes[:, 1], np.asarray(model.simplices))
    if surface:
        ax.plot_trisurf(tri, values, cmap="viridis", linewidth=0.2, edgecolor="0.3", alpha=0.9)
        if X is not None and y is not None:
            step = max(1, len(X) // 3000)  # a few points above and below, not a cloud
            ax.scatter(X[::step, 0], X[::step, 1], y[::step, output], s=2, color="0.2", alpha=0.3)
        for where, at, colour, marker, label in _markers(snapshot, nodes, values, output):
            ax.scatter(where[:, 0], where[:, 1], at, s=30, color=colour, marker=marker,
                       label=label, depthshade=False)
        ax.set_zlabel(model.output_names[output])
    else:
        field = ax.tripcolor(tri, values, shading="gouraud", cmap="viridis")
        ax.figure.colorbar(field, ax=ax, label=model.output_names[output])
        ax.triplot(tri, color="0.15", lw=0.3)
        if X is not None:
            ax.scatter(X[:, 0], X[:, 1], s=0.5, color="white", alpha=0.25)
        for where, _, colour, marker, label in _markers(snapshot, nodes, values, output):
            ax.scatter(where[:, 0], where[:, 1], s=30, color=colour, marker=marker, label=label)
        ax.set_aspect("auto")
    ax.set_xlabel(model.input_names[0])
    ax.set_ylabel(model.input_names[1])
    if snapshot is not None and (len(snapshot.inserted) or len(snapshot.to_remove) or len(snapshot.removed)):
        ax.legend(loc="upper right", fontsize=8)
