"""Input checks shared by the scikit-learn estimators.

scikit-learn's own validation handles the structure (sparse, complex, object, empty, the
feature count seen in fit); values are left to the engine, which refuses NaN and infinity with
the words of the CLI ("X: row 3, column 1: value is not finite (NaN)").
"""

import numpy as np
from sklearn.utils import check_array, check_consistent_length


def validate_fit_data(estimator, X, y):
    """(X, y) as NumPy arrays for fit: X #N by d (n_features_in_ and feature_names_in_ are set),
    y #N or #N by C; numeric dtypes kept (the engine reads float64 in place and copies others
    once), at least 2 samples."""
    if y is None:
        raise ValueError(
            f"{type(estimator).__name__} requires y to be passed, but the target y is None"
        )
    X = estimator._validate_data(
        X, reset=True, dtype="numeric", force_all_finite=False, ensure_min_samples=2
    )
    y = check_array(
        y, ensure_2d=False, dtype="numeric", force_all_finite=False, input_name="y"
    )
    check_consistent_length(X, y)
    return X, y


def validate_predict_data(estimator, X):
    """X for predict: the same number of columns (and names) as in fit."""
    return estimator._validate_data(
        X, reset=False, dtype="numeric", force_all_finite=False
    )


def input_names(estimator):
    """The model's input names: the DataFrame's column names when fit saw them, else None
    (the engine's x1..xd)."""
    names = getattr(estimator, "feature_names_in_", None)
    return None if names is None else [str(n) for n in names]


def column_names(X):
    """A DataFrame's column names as the model's input names, else None (x1..xd)."""
    columns = getattr(X, "columns", None)
    return None if columns is None else [str(c) for c in columns]


def output_names(y):
    """The model's output names from y as given to fit: a pandas Series' name, a DataFrame's
    column names, else None (the engine's y1..yC). `lreg predict` heads its columns with them."""
    columns = getattr(y, "columns", None)
    if columns is not None:
        return [str(c) for c in columns]
    name = getattr(y, "name", None)
    if name is None or getattr(y, "ndim", 1) != 1:
        return None
    return [str(name)]


def as_float64_outputs(P, y_was_1d):
    """Predictions #N by C as scikit-learn wants them: #N when fit saw a 1D y."""
    return P[:, 0] if y_was_1d else np.asarray(P)
