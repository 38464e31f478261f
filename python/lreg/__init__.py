"""LReg, the Lagrange Regressor: a P1 finite-element regressor whose node placement is optimised
by the mesh refinement-coarsening (MRC) loop. NumPy in and out, scikit-learn estimators, and the
loop steppable from a notebook. See doc/python.md.

    import lreg
    data = lreg.generate("B1", seed=1)
    est = lreg.LRegRegressor(dof=64).fit(data.X_train, data.y_train)
    est.score(data.X_test, data.y_test)
"""

from ._lreg import (
    ConnectionModel,
    ConnectionTrainer,
    Engine,
    Error,
    GeneratedData,
    Model,
    Snapshot,
    __version__,
    default_connect_options,
    default_options,
    generate,
    generators,
    info,
    load,
    read_data,
)
from . import _validation
from ._connection import ConnectionClassifier, ConnectionRegressor
from ._estimators import LRegRegressor
from ._plot import plot

__all__ = [
    "ConnectionClassifier",
    "ConnectionModel",
    "ConnectionRegressor",
    "ConnectionTrainer",
    "Engine",
    "Error",
    "GeneratedData",
    "LRegRegressor",
    "Model",
    "Snapshot",
    "__version__",
    "default_connect_options",
    "default_options",
    "fit",
    "generate",
    "generators",
    "info",
    "load",
    "plot",
    "read_data",
]


def fit(X, y, *, validation=None, callback=None, **options):
    """Fits to the end as `lreg fit` does and returns the best model (lreg.Model).

    X is #N by d (d = 1, 2, 3; a 1D array is one input), y is #N or #N by C; options are those
    of `lreg fit` (lreg.default_options()). callback(snapshot) runs after every sub-step.
    Ctrl-C stops the fit between sub-steps with KeyboardInterrupt; to keep the best model so far,
    use lreg.Engine (best_model()) or LRegRegressor (fitted with it) instead. A DataFrame's
    columns (a Series' name) name the model's inputs (outputs) unless input_names
    (output_names) say otherwise.
    """
    options.setdefault("input_names", _validation.column_names(X))
    options.setdefault("output_names", _validation.output_names(y))
    return Engine(X, y, validation=validation, **options).run(callback)
