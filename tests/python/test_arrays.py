"""NumPy arrays in and out: float64 in C or Fortran order (and strided slices) are read in
place; float32, integers, byte-swapped and negative-stride arrays are copied once into float64.
Every layout and dtype gives the same fit and the same predictions."""

import numpy as np
import pytest

import lreg
from lreg import _lreg

OPTIONS = dict(dof=24, iterations=4)


def layouts(X):
    """The same values in every layout the engine reads in place."""
    C = np.ascontiguousarray(X)
    F = np.asfortranarray(X)
    doubled = np.empty((2 * len(X), X.shape[1]))
    doubled[::2] = X
    return {"C": C, "F": F, "strided rows": doubled[::2]}


@pytest.mark.parametrize("name", ["C", "F", "strided rows"])
def test_float64_layouts_are_read_in_place(name):
    X = np.random.default_rng(0).random((50, 3))
    array = layouts(X)[name]
    layout = _lreg._layout(array)
    assert not layout["copied"]
    assert layout["address"] == array.ctypes.data
    assert layout["shape"] == (50, 3)
    assert layout["strides"] == (array.strides[0] // 8, array.strides[1] // 8)


@pytest.mark.parametrize(
    "make",
    [
        lambda X: X.astype(np.float32),
        lambda X: (X * 100).astype(np.int64),
        lambda X: X > 0.5,
        lambda X: X.astype(">f8"),
        lambda X: X[::-1],
        lambda X: np.broadcast_to(X[:1], X.shape),
    ],
    ids=["float32", "int64", "bool", "big-endian", "negative stride", "broadcast"],
)
def test_other_arrays_are_copied_once_to_float64(make):
    X = np.random.default_rng(1).random((20, 2))
    source = make(X)
    layout = _lreg._layout(source)
    assert layout["copied"]
    assert layout["shape"] == (20, 2)
    assert layout["strides"] == (2, 1)  # the copy is C order


def test_a_1d_array_is_one_column_in_place():
    x = np.linspace(0, 1, 11)
    layout = _lreg._layout(x)
    assert not layout["copied"] and layout["shape"] == (11, 1)


@pytest.mark.parametrize("d", [1, 2])
def test_every_layout_gives_the_same_model(d):
    data = lreg.generate("B1" if d == 1 else "A2", seed=3, train_size=600)
    X, y = np.array(data.X_train), np.array(data.y_train)
    reference = lreg.fit(X, y, **OPTIONS)
    for name, Xl in layouts(X).items():
        for yl in (y, np.asfortranarray(y[:, None]), np.repeat(y, 2)[::2]):
            model = lreg.fit(Xl, yl, **OPTIONS)
            np.testing.assert_array_equal(model.nodes, reference.nodes, err_msg=name)
            np.testing.assert_array_equal(model.coefficients, reference.coefficients, err_msg=name)
    P = reference.predict(data.X_test)
    for name, Tl in layouts(np.array(data.X_test)).items():
        np.testing.assert_array_equal(reference.predict(Tl), P, err_msg=name)


def test_float32_data_fits_as_its_float64_values():
    data = lreg.generate("A1", seed=2)
    X32, y32 = data.X_train.astype(np.float32), data.y_train.astype(np.float32)
    m32 = lreg.fit(X32, y32, **OPTIONS)
    m64 = lreg.fit(X32.astype(np.float64), y32.astype(np.float64), **OPTIONS)
    np.testing.assert_array_equal(m32.coefficients, m64.coefficients)
    np.testing.assert_array_equal(m32.predict(X32), m64.predict(X32.astype(np.float64)))


def test_lists_and_integers_are_accepted():
    X = [[0], [1], [2], [3], [4], [5]]
    y = [0, 1, 4, 9, 16, 25]
    model = lreg.fit(X, y, dof=6, iterations=1)
    np.testing.assert_allclose(model.predict([[2], [4]])[:, 0], [4, 16], atol=1e-6)


def test_numeric_strings_and_datetimes_are_read_as_numbers():
    # As doc/python.md's table says: strings and bytes that spell numbers, and datetime64 /
    # timedelta64 as their integer count of the unit; other strings and NaT are refused.
    rng = np.random.default_rng(5)
    x = np.round(rng.random((60, 1)) * 1e6)
    y = np.sin(6e-6 * x[:, 0])
    reference = lreg.fit(x, y, **OPTIONS).coefficients
    for X in (x.astype(str), x.astype(bytes), x.astype(np.int64).astype("datetime64[s]"),
              x.astype(np.int64).astype("timedelta64[ms]")):
        np.testing.assert_array_equal(lreg.fit(X, y, **OPTIONS).coefficients, reference)
    with pytest.raises(ValueError, match=r"^X: dtype <U1 is not numeric"):
        lreg.fit(np.array([["a"]] * 60), y)
    nat = x.astype(np.int64).astype("datetime64[s]")
    nat[3, 0] = np.datetime64("NaT")
    with pytest.raises(ValueError, match=r"^X: row 4, column 1: value is NaT \(not a time\)$"):
        lreg.fit(nat, y, **OPTIONS)
    with pytest.raises(ValueError, match=r"^X: row 4, column 1: value is NaT"):
        lreg.fit(nat[:, 0], y, **OPTIONS)


def test_outputs_are_new_float64_arrays_of_the_right_shape(b1):
    model = lreg.fit(b1.X_train, b1.y_train, **OPTIONS)
    P = model.predict(b1.X_test)
    assert P.dtype == np.float64 and P.shape == (200, 1) and P.flags.c_contiguous
    assert P.flags.writeable and P.base is None  # a new array, not a view
    two = np.column_stack([b1.y_train, -b1.y_train])
    model2 = lreg.fit(b1.X_train, two, **OPTIONS)
    P2 = model2.predict(b1.X_test)
    assert P2.shape == (200, 2)
    np.testing.assert_allclose(P2[:, 1], -P2[:, 0], atol=1e-9)


def test_model_and_snapshot_arrays_are_read_only_views(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, **OPTIONS)
    snapshot = engine.substep()
    model = engine.best_model()
    for array in (snapshot.nodes, snapshot.coefficients, snapshot.simplices, snapshot.counts,
                  model.nodes, model.coefficients, model.simplices):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0
    # The view keeps its owner alive.
    nodes = engine.substep().nodes
    del engine
    assert np.all(np.diff(nodes[:, 0]) > 0)


def test_the_estimator_takes_every_dtype_and_layout():
    data = lreg.generate("A2", seed=5, train_size=800)
    X, y = np.array(data.X_train), np.array(data.y_train)
    reference = lreg.LRegRegressor(**OPTIONS).fit(X, y).predict(data.X_test)
    for Xl in (np.asfortranarray(X), X.astype(np.float32).astype(np.float64), X.tolist()):
        est = lreg.LRegRegressor(**OPTIONS).fit(Xl, y)
        np.testing.assert_allclose(est.predict(data.X_test), reference, atol=1e-5)
    est = lreg.LRegRegressor(**OPTIONS).fit(X.astype(np.float32), y.astype(np.float32))
    assert est.predict(data.X_test.astype(np.float32)).dtype == np.float64


def test_dataframe_columns_name_the_model_inputs(tmp_path):
    pandas = pytest.importorskip("pandas", reason="python3-pandas is not installed")
    data = lreg.generate("A2", seed=2, train_size=1000)
    frame = pandas.DataFrame(data.X_train, columns=["speed", "angle"])
    est = lreg.LRegRegressor(dof=32, iterations=2).fit(frame, pandas.Series(data.y_train))
    assert list(est.feature_names_in_) == ["speed", "angle"]
    assert est.model_.input_names == ["speed", "angle"]
    test = pandas.DataFrame(data.X_test, columns=["speed", "angle"])
    with pytest.warns(UserWarning, match="X does not have valid feature names"):
        unnamed = est.predict(np.array(data.X_test))
    np.testing.assert_array_equal(est.predict(test), unnamed)
    est.model_.save(tmp_path / "named.json")
    assert lreg.load(tmp_path / "named.json").input_names == ["speed", "angle"]


def test_target_names_name_the_model_outputs(tmp_path):
    # A Series' name (a DataFrame's columns) heads the predictions `lreg predict` writes,
    # as the CLI's CSV header does; an unnamed Series keeps the engine's y1.
    pandas = pytest.importorskip("pandas", reason="python3-pandas is not installed")
    data = lreg.generate("appc4", seed=2, train_size=600)
    frame = pandas.DataFrame(data.X_train, columns=["a", "b"])
    y = np.asarray(data.y_train)
    est = lreg.LRegRegressor(dof=16, iterations=1)
    assert est.fit(frame, pandas.Series(y[:, 0], name="price")).model_.output_names == ["price"]
    assert est.predict(frame).shape == (600,)
    two = est.fit(frame, pandas.DataFrame(y, columns=["u", "v"]))
    assert two.model_.output_names == ["u", "v"]
    assert two.predict(frame).shape == (600, 2)
    assert est.fit(frame, pandas.Series(y[:, 0])).model_.output_names == ["y"]
    assert est.fit(frame, y[:, 0]).model_.output_names == ["y"]
    model = lreg.fit(frame, pandas.Series(y[:, 0], name="price"), dof=16, iterations=1)
    assert (model.input_names, model.output_names) == (["a", "b"], ["price"])
    model = lreg.fit(frame, y, dof=16, iterations=1, output_names=["u", "v"])
    assert (model.input_names, model.output_names) == (["a", "b"], ["u", "v"])
