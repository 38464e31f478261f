"""Model files are shared with the CLI and the app: a model fitted in Python equals the CLI's on
the same data and options, each side reads the other's files and predicts the same (to 1e-12),
and pickling goes through the same JSON text."""

import json
import pickle

import numpy as np
import pytest

import lreg

from conftest import rmse


def generated(cli, tmp_path, name, *args):
    out = tmp_path / name
    code, _, err = cli("generate", name, "--seed", 1, "--out", out, *args)
    assert code == 0, err
    return out / "train.csv", out / "test.csv"


def cli_predictions(cli, tmp_path, model_path, X, outputs=1):
    np.savetxt(tmp_path / "inputs.csv", X, delimiter=",", comments="",
               header=",".join(f"x{k + 1}" for k in range(X.shape[1])), fmt="%.17g")
    code, out, err = cli("predict", model_path, tmp_path / "inputs.csv")
    assert code == 0, err
    table = np.loadtxt(out.splitlines()[1:], delimiter=",", ndmin=2)
    return table[:, -outputs:]


def test_generate_and_read_data_give_the_cli_values(cli, tmp_path):
    train, test = generated(cli, tmp_path, "B1")
    X, y, inputs, outputs = lreg.read_data(train)
    data = lreg.generate("B1", seed=1)
    np.testing.assert_array_equal(data.X_train, X)
    np.testing.assert_array_equal(data.y_train, y)
    assert (inputs, outputs) == (["x"], ["y"])
    np.testing.assert_array_equal(data.X_test, lreg.read_data(test)[0])


@pytest.mark.parametrize("name,dof", [("B1", 32), ("A2", 48), ("appc4", 40)])
def test_python_fits_the_cli_model_and_its_snapshots_hold_it(cli, cli_json, tmp_path, name, dof):
    train, test = generated(cli, tmp_path, name, "--train-size", 3000)
    outputs = 2 if name == "appc4" else 1
    # --polish 0: the model is then the best train phase's mesh as it was (the final node polish
    # and restarts would move it away from every snapshot).
    report = cli_json("fit", train, "--targets", outputs, "--dof", dof, "--iterations", 6,
                      "--polish", 0, "--model", tmp_path / "cli.json", "--quiet")
    cli_model = lreg.load(tmp_path / "cli.json")
    X, y, inputs, names = lreg.read_data(train, outputs)

    est = lreg.LRegRegressor(dof=dof, iterations=6, polish=0).fit(X, y)
    np.testing.assert_allclose(est.model_.nodes, cli_model.nodes, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(est.model_.simplices, cli_model.simplices)
    np.testing.assert_allclose(est.model_.coefficients, cli_model.coefficients, rtol=0, atol=1e-12)
    assert est.n_iter_ == report["iterations"]

    # The engine's snapshots: the best train phase holds the CLI's model, array for array.
    trains = []
    engine = lreg.Engine(X, y, input_names=inputs, output_names=names, dof=dof, iterations=6,
                         polish=0)
    engine.run(lambda s: trains.append(s) if s.phase == "train" else None)
    best = min(trains, key=lambda s: s.validation["rmse"])
    np.testing.assert_allclose(best.nodes, cli_model.nodes, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(best.simplices, cli_model.simplices)
    np.testing.assert_allclose(best.coefficients, cli_model.coefficients, rtol=0, atol=1e-12)
    np.testing.assert_allclose(best.input_nodes, cli_model.input_nodes, rtol=0, atol=1e-12)
    assert best.train["rmse"] == pytest.approx(report["train"]["rmse"], rel=1e-12)
    assert cli_model.input_names == inputs and cli_model.output_names == names


def test_each_side_reads_the_others_model_files(cli, cli_json, tmp_path):
    train, test = generated(cli, tmp_path, "A2")
    cli_json("fit", train, "--dof", 64, "--iterations", 5, "--model", tmp_path / "cli.json",
             "--quiet")
    X, y, _, _ = lreg.read_data(train)
    T, t, _, _ = lreg.read_data(test)

    python_model = lreg.LRegRegressor(dof=50, iterations=4).fit(X, y).model_
    python_model.save(tmp_path / "python.json")
    np.testing.assert_allclose(cli_predictions(cli, tmp_path, tmp_path / "python.json", T),
                               python_model.predict(T), rtol=0, atol=1e-12)
    ev = cli_json("eval", tmp_path / "python.json", test)
    assert ev["rmse"] == pytest.approx(rmse(python_model.predict(T)[:, 0], t), rel=1e-12)

    cli_model = lreg.load(tmp_path / "cli.json")
    np.testing.assert_allclose(cli_model.predict(T),
                               cli_predictions(cli, tmp_path, tmp_path / "cli.json", T),
                               rtol=0, atol=1e-12)
    # The file itself: the same format, the same fields.
    written = json.loads((tmp_path / "python.json").read_text())
    read = json.loads((tmp_path / "cli.json").read_text())
    assert written.keys() == read.keys()
    assert written["format"] == "lreg-model"


def test_save_load_and_json_are_exact(tmp_path, b1):
    model = lreg.fit(b1.X_train, b1.y_train, dof=40, iterations=5)
    model.save(str(tmp_path / "m.json"))
    again = lreg.load(tmp_path / "m.json")
    np.testing.assert_array_equal(again.coefficients, model.coefficients)
    np.testing.assert_array_equal(again.predict(b1.X_test), model.predict(b1.X_test))
    assert lreg.Model.from_json(model.to_json()).to_json() == model.to_json()
    assert again.training == model.training and again.training["dof"] == "40"


def test_pickling_goes_through_the_model_file(b1):
    est = lreg.LRegRegressor(dof=24, iterations=3).fit(b1.X_train, b1.y_train)
    blob = pickle.dumps(est)
    assert b'"lreg-model"' in blob  # the JSON model file is what is stored
    again = pickle.loads(blob)
    np.testing.assert_array_equal(again.predict(b1.X_test), est.predict(b1.X_test))
    assert again.get_params() == est.get_params()
    assert again.n_iter_ == est.n_iter_ and again.n_features_in_ == 1
    model = pickle.loads(pickle.dumps(est.model_))
    np.testing.assert_array_equal(model.nodes, est.model_.nodes)
