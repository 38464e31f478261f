"""Bad input gives a ValueError (lreg.Error for what the engine refuses) with a clear message,
in the words of the CLI where the CLI has words for it; nothing is fitted from bad data."""

import re

import numpy as np
import pytest

import lreg


def cli_error(cli, path, *args):
    """The last line `lreg fit PATH ARGS...` writes to stderr, without "lreg fit: error: " (bad
    input, exit 1) or "lreg fit: " (a value the option parser refuses, exit 2) and the file."""
    code, _, err = cli("fit", path, *args)
    assert code in (1, 2), err
    words = err.strip().splitlines()[-1]
    words = words.removeprefix("lreg fit: error: " if code == 1 else "lreg fit: ")
    return words.removeprefix(f"{path}: ")


def test_four_input_columns_are_refused_as_by_the_cli(cli, tmp_path):
    data = np.random.default_rng(0).random((20, 5))
    np.save(tmp_path / "four.npy", data)
    words = cli_error(cli, tmp_path / "four.npy")
    assert words == "4 input columns; LReg supports 1, 2 or 3 (the mesh grows as d! per cell)"
    for fit in (
        lambda: lreg.fit(data[:, :4], data[:, 4]),
        lambda: lreg.Engine(data[:, :4], data[:, 4]),
        lambda: lreg.LRegRegressor().fit(data[:, :4], data[:, 4]),
    ):
        with pytest.raises(ValueError) as error:
            fit()
        assert str(error.value) == "X: " + words
        assert isinstance(error.value, lreg.Error)


@pytest.mark.parametrize("value,name", [(np.nan, "NaN"), (np.inf, "inf"), (-np.inf, "-inf")])
def test_non_finite_inputs_are_named_as_by_the_cli(cli, tmp_path, value, name):
    data = np.random.default_rng(1).random((20, 2))
    data[2, 0] = value
    np.save(tmp_path / "bad.npy", data)
    words = cli_error(cli, tmp_path / "bad.npy")
    assert words == f"row 3, column 1: value is not finite ({name})"
    X, y = data[:, :1], data[:, 1]
    for fit in (lambda: lreg.fit(X, y), lambda: lreg.LRegRegressor().fit(X, y)):
        with pytest.raises(ValueError, match=r"^X: row 3, column 1: value is not finite \(" + name):
            fit()
    good = lreg.LRegRegressor(dof=8, iterations=1).fit(np.nan_to_num(X, posinf=1, neginf=0), y * 0)
    with pytest.raises(ValueError, match=r"^X: row 3, column 1: value is not finite"):
        good.predict(X)
    with pytest.raises(ValueError, match=r"^X: row 3, column 1: value is not finite"):
        good.model_.predict(X)
    with pytest.raises(ValueError, match=r"^validation X: row 3, column 1: value is not finite"):
        lreg.Engine(np.arange(10.0), np.arange(10.0), validation=(X, y))
    with pytest.raises(ValueError, match=r"^validation X: 20 input rows but 19 target rows$"):
        lreg.Engine(np.arange(10.0), np.arange(10.0), validation=(np.zeros_like(X), y[1:]))


def test_non_finite_targets_are_named():
    X = np.linspace(0, 1, 30)[:, None]
    y = np.sin(X[:, 0])
    y[7] = np.nan
    with pytest.raises(ValueError, match=r"^y: row 8, column 1: value is not finite \(NaN\)$"):
        lreg.LRegRegressor().fit(X, y)
    Y = np.column_stack([np.zeros_like(y), y])
    with pytest.raises(ValueError, match=r"^y: row 8, column 2: value is not finite \(NaN\)$"):
        lreg.Engine(X, Y)


def test_wrong_shapes():
    X = np.random.default_rng(2).random((10, 2))
    with pytest.raises(ValueError, match=r"^X: 10 input rows but 9 target rows$"):
        lreg.fit(X, X[:9, 0])
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[10, 9\]"):
        lreg.LRegRegressor().fit(X, X[:9, 0])
    with pytest.raises(ValueError, match=r"^X: expected a 2D array \(samples by columns\), got shape \(2, 5, 2\)$"):
        lreg.fit(X.reshape(2, 5, 2), X[:2, 0])
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array"):
        lreg.LRegRegressor().fit(X[:, 0], X[:, 1])  # scikit-learn's convention: X is 2D
    with pytest.raises(ValueError, match=r"Found array with dim 3. None expected <= 2"):
        lreg.LRegRegressor().fit(X, X[:, :1, None])
    est = lreg.LRegRegressor(dof=8, iterations=1).fit(X, X[:, 0])
    with pytest.raises(ValueError, match="X has 3 features, but LRegRegressor is expecting 2"):
        est.predict(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"^the model takes 2 input columns, the data has 3$"):
        est.model_.predict(np.zeros((4, 3)))


def test_empty_data():
    with pytest.raises(ValueError, match=r"^X: the training set is empty$"):
        lreg.fit(np.zeros((0, 1)), np.zeros(0))
    with pytest.raises(ValueError, match=r"0 sample\(s\) \(shape=\(0, 2\)\) while a minimum of 2"):
        lreg.LRegRegressor().fit(np.zeros((0, 2)), np.zeros(0))
    with pytest.raises(ValueError, match=r"0 feature\(s\) \(shape=\(5, 0\)\) while a minimum of 1"):
        lreg.LRegRegressor().fit(np.zeros((5, 0)), np.zeros(5))
    with pytest.raises(ValueError, match=r"^need at least 2 training samples, got 1$"):
        lreg.fit([[1.0]], [2.0])
    with pytest.raises(ValueError, match=r"1 sample\(s\) \(shape=\(1, 1\)\) while a minimum of 2"):
        lreg.LRegRegressor().fit([[1.0]], [2.0])
    with pytest.raises(ValueError, match=r"^validation X: the validation set is empty$"):
        lreg.Engine(np.zeros((4, 1)) + np.arange(4)[:, None], np.zeros(4),
                    validation=(np.zeros((0, 1)), np.zeros(0)))


def test_other_structures():
    with pytest.raises(ValueError, match="Complex data not supported"):
        lreg.LRegRegressor().fit(np.ones((5, 1)) * 1j, np.ones(5))
    with pytest.raises(ValueError, match=r"^X: complex data is not supported$"):
        lreg.fit(np.ones((5, 1)) * 1j, np.ones(5))
    with pytest.raises(ValueError, match=r"^X: dtype <U1 is not numeric"):
        lreg.fit(np.array([["a"], ["b"]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="requires y to be passed, but the target y is None"):
        lreg.LRegRegressor().fit(np.ones((5, 1)), None)


FLAGS = {"method": "fit", "l1_lambda": "lambda"}  # the Python names that differ from the CLI's


@pytest.mark.parametrize(
    "option,value,words",
    [
        ("dof", 1, "invalid option: dof must be at least 2 (got 1)"),
        ("damping", 2.0, "invalid option: damping must be in (0, 1] (got 2)"),
        ("lr", -1.0, "invalid option: learning rate must be > 0 (got -1)"),
        ("method", "foo", "--fit: unknown fit method 'foo' (use lstsq or adam)"),
        ("indicator", "bar", "--indicator: unknown indicator 'bar' (use residual or counts)"),
        ("loss", "l3", "--loss: unknown loss 'l3' (use mae, mse or huber)"),
        ("device", "tpu", "--device: unknown device 'tpu' (use auto, cpu or cuda)"),
        ("seed", -1, "--seed: '-1' is out of range (must be >= 0)"),
        ("threads", 0, "--threads: '0' is out of range (must be >= 1)"),
        ("dof", 8.5, "--dof: expects a whole number, got '8.5'"),
        ("placement", 10**30, "--placement: '{}' is out of range (must be <= {})".format(
            10**30, 2**63 - 1)),
    ],
)
def test_bad_options_give_the_cli_words(cli, tmp_path, option, value, words):
    """The engine's refusals word for word; the option parser's with the Python name of the
    option in place of the CLI's flag."""
    data = lreg.generate("A1", seed=1)
    flag = FLAGS.get(option, option)
    np.save(tmp_path / "a1.npy", np.column_stack([data.X_train, data.y_train]))
    cli_words = cli_error(cli, tmp_path / "a1.npy", f"--{flag}", value)
    assert cli_words == words
    est = lreg.LRegRegressor(**{option: value})
    with pytest.raises(ValueError) as error:
        est.fit(data.X_train, data.y_train)
    assert str(error.value) == cli_words.replace(f"--{flag}:", f"{option}:")
    assert isinstance(error.value, lreg.Error)
    assert not hasattr(est, "model_")  # nothing fitted


def test_options_of_the_wrong_kind():
    X, y = np.arange(10.0)[:, None], np.arange(10.0)
    with pytest.raises(TypeError, match=r"unknown option 'dofs' \(the options are batch, damping, "):
        lreg.Engine(X, y, dofs=8)
    with pytest.raises(ValueError, match=r"^method: expects a string, got '1'$"):
        lreg.Engine(X, y, method=1)
    with pytest.raises(ValueError, match=r"^lr: expects a number, got 'fast'$"):
        lreg.Engine(X, y, lr="fast")
    with pytest.raises(ValueError, match=r"^lr: 'inf' is out of range \(must be a finite number\)$"):
        lreg.Engine(X, y, lr=float("inf"))
    with pytest.raises(ValueError, match=r"^dof: expects a whole number, got 'True'$"):
        lreg.Engine(X, y, dof=True)
    with pytest.raises(ValueError, match=r"^noise_floor: expects True or False, got '0'$"):
        lreg.Engine(X, y, noise_floor=0)
    # NumPy scalars are numbers like any other.
    assert lreg.Engine(X, y, dof=np.int32(8), lr=np.float32(0.5)).step().phase == "reindex"


def test_a_missing_or_broken_model_file(tmp_path):
    with pytest.raises(ValueError, match=r"nothing\.json: cannot open"):
        lreg.load(tmp_path / "nothing.json")
    (tmp_path / "broken.json").write_text('{"format": "lreg-model", "version": 1, ')
    with pytest.raises(ValueError, match="broken.json"):
        lreg.load(tmp_path / "broken.json")


def test_data_the_engine_refuses_is_named():
    with pytest.raises(ValueError, match=r"the input column is constant \(every x is 1\): a 1D fit"):
        lreg.fit(np.ones((50, 1)), np.arange(50.0))
    with pytest.raises(ValueError, match=r"input column 1 spans \[-1\.7e\+308, 1\.7e\+308\], a range "
                                         r"wider than the largest double"):
        lreg.fit([[-1.7e308], [0.0], [1.7e308], [1.0]], [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match=r"a range narrower than the smallest normal double"):
        lreg.fit(np.linspace(0, 1e-310, 40)[:, None], np.arange(40.0))
    with pytest.raises(ValueError, match=r"dof 1024 is more than 16 nodes per training sample "
                                         r"\(5 samples; at most 144\)"):
        lreg.fit(np.arange(5.0)[:, None], np.arange(5.0), dof=1024)
    # Named y (the engine's message named the data set, "X").
    with pytest.raises(ValueError, match=r"^y: row 3, column 1: 2e\+300 is beyond 1e150 in size "
                                         r"\(its square overflows the least-squares sums\): scale"):
        lreg.fit(np.arange(5.0)[:, None], [0.0, 1.0, 2e300, 3.0, 4.0])
    with pytest.raises(ValueError, match=r"^y: row 2, column 2: -3e\+200 is beyond 1e150"):
        lreg.LRegRegressor().fit(np.arange(5.0)[:, None], [[0, 0], [1, -3e200], [2, 2], [3, 3], [4, 4]])
    with pytest.raises(ValueError, match=r"^validation y: row 1, column 1: 1e\+151 is beyond"):
        lreg.Engine(np.arange(10.0), np.arange(10.0), validation=(np.arange(3.0), [1e151, 0, 0]))


def test_r2_of_targets_with_a_large_offset():
    # The engine's error sums cancelled on y = 1e9 + sin(6x) + noise: its R^2 read 0 in 2D and
    # 0.99998 in 1D where the fit's is 0.995.
    rng = np.random.default_rng(3)
    for d in (1, 2):
        x = rng.uniform(size=(3000, d))
        y = 1e9 + np.sin(6 * x.sum(axis=1)) + 0.05 * rng.normal(size=3000)
        r2 = []
        model = lreg.fit(x, y, dof=64, iterations=3, callback=lambda s: r2.append(s.train["r2"]))
        exact = 1 - np.sum((model.predict(x)[:, 0] - y) ** 2) / np.sum((y - y.mean()) ** 2)
        assert 0.9 < exact < 0.999
        assert abs(r2[-1] - exact) < 1e-3, (d, r2[-1], exact)
