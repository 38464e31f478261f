"""lreg.ConnectionClassifier / ConnectionRegressor: the LReg connection of `lreg connect` as
scikit-learn estimators. Same model as the CLI on the same data and options, model files read
both ways with the same predictions (to 1e-12), the CLI's words for bad input and options,
pickling, and what the connection is for: it corrects a deliberately wrong frozen model."""

import os
import pickle
import signal
import threading

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import log_loss
from sklearn.model_selection import cross_val_score

import lreg

OPTIONS = dict(components=4, dof=8, epochs=2, batch=128, seed=3)  # the CLI's flags below
FLAGS = ["--components", 4, "--dof", 8, "--epochs", 2, "--batch", 128, "--seed", 3, "--quiet"]


def synthetic(n, seed):
    """Six noisy linear features of two latent values s; the true logits (3 sin 2s0, 3 cos 2s0,
    2 s1) give the labels; the frozen base knows the last two logits only (0 for the first).
    Regression: targets (sin 2s0 + s1, s0 s1), a base that predicts 0.5 times them."""
    r = np.random.default_rng(seed)
    s = r.standard_normal((n, 2))
    mix = np.array([[1, 0.2], [0.3, -1], [0.5, 0.5], [-0.7, 0.4], [0.1, 0.9], [2, 0]])
    F = 3.0 + s @ mix.T + 0.05 * r.standard_normal((n, 6))
    truth = np.column_stack([3 * np.sin(2 * s[:, 0]), 3 * np.cos(2 * s[:, 0]), 2 * s[:, 1]])
    p = np.exp(truth) / np.exp(truth).sum(1, keepdims=True)
    labels = (r.uniform(size=(n, 1)) > np.cumsum(p, 1)).sum(1)
    logits = truth.copy()
    logits[:, 0] = 0
    T = np.column_stack([np.sin(2 * s[:, 0]) + s[:, 1], s[:, 0] * s[:, 1]])
    return F, logits, labels, T, 0.5 * T


@pytest.fixture(scope="module")
def data():
    return synthetic(3000, 1), synthetic(1000, 2)


def save_set(tmp_path, name, F, O, truth):
    for part, a in (("F", F), ("O", O), ("Y", truth)):
        np.save(tmp_path / f"{name}_{part}.npy", a)
    return [tmp_path / f"{name}_{part}.npy" for part in "FOY"]


def cli_connect(cli, tmp_path, F, O, truth, truth_flag):
    """`lreg connect` with FLAGS on the three arrays; the model's path."""
    F_, O_, Y_ = save_set(tmp_path, "train", F, O, truth)
    code, _, err = cli("connect", "--features", F_, "--outputs", O_, truth_flag, Y_, *FLAGS,
                       "--model", tmp_path / "cli.json")
    assert code == 0, err
    return tmp_path / "cli.json"


def cli_predict(cli, tmp_path, model, F, O):
    np.save(tmp_path / "pF.npy", F)
    np.save(tmp_path / "pO.npy", O)
    code, _, err = cli("predict", model, tmp_path / "pF.npy", "--outputs", tmp_path / "pO.npy",
                       "--out", tmp_path / "pred.npy")
    assert code == 0, err
    return np.load(tmp_path / "pred.npy")


def test_the_classifier_is_the_cli_connection_and_shares_its_files(cli, tmp_path, data):
    (F, O, y, _, _), (Fv, Ov, yv, _, _) = data
    cli_model = lreg.load(cli_connect(cli, tmp_path, F, O, y, "--labels"))
    est = lreg.ConnectionClassifier(n_base_outputs=3, **OPTIONS).fit(np.hstack([F, O]), y)
    assert isinstance(cli_model, lreg.ConnectionModel) and cli_model.task == "classification"
    for part in ("W", "b", "coefficients", "nodes"):
        np.testing.assert_allclose(getattr(est.model_, part), getattr(cli_model, part),
                                   rtol=0, atol=1e-12, err_msg=part)
    assert est.n_iter_ == 2 and len(est.loss_curve_) == 2
    np.testing.assert_array_equal(est.classes_, [0, 1, 2])

    # Python's file through `lreg predict`, the CLI's file through the estimator.
    est.model_.save(tmp_path / "py.json")
    logits = cli_predict(cli, tmp_path, tmp_path / "py.json", Fv, Ov)
    Xv = np.hstack([Fv, Ov])
    np.testing.assert_allclose(est.model_.predict(Fv, Ov), logits, rtol=0, atol=1e-12)
    from_cli = lreg.ConnectionClassifier.from_model(cli_model)
    np.testing.assert_allclose(from_cli.decision_function(Xv), logits, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(from_cli.predict(Xv), np.argmax(logits, 1))
    np.testing.assert_allclose(from_cli.predict_proba(Xv).sum(1), 1, rtol=0, atol=1e-12)

    # What it is for: the frozen base's validation cross-entropy goes down.
    base = log_loss(yv, np.exp(Ov) / np.exp(Ov).sum(1, keepdims=True))
    assert log_loss(yv, est.predict_proba(Xv)) < base - 0.02
    assert est.score(Xv, yv) > np.mean(np.argmax(Ov, 1) == yv)


def test_the_regressor_is_the_cli_connection_and_shares_its_files(cli, tmp_path, data):
    (F, _, _, T, P), (Fv, _, _, Tv, Pv) = data
    cli_model = lreg.load(cli_connect(cli, tmp_path, F, P, T, "--targets"))
    est = lreg.ConnectionRegressor(n_base_outputs=2, **OPTIONS).fit(np.hstack([F, P]), T)
    assert cli_model.task == "regression"
    np.testing.assert_allclose(est.model_.coefficients, cli_model.coefficients, rtol=0, atol=1e-12)
    np.testing.assert_allclose(est.model_.W, cli_model.W, rtol=0, atol=1e-12)

    est.model_.save(tmp_path / "py.json")
    Xv = np.hstack([Fv, Pv])
    corrected = cli_predict(cli, tmp_path, tmp_path / "py.json", Fv, Pv)
    np.testing.assert_allclose(est.predict(Xv), corrected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(lreg.ConnectionRegressor.from_model(cli_model).predict(Xv),
                               corrected, rtol=0, atol=1e-12)
    assert np.mean((est.predict(Xv) - Tv) ** 2) < np.mean((Pv - Tv) ** 2)

    # One target and one base prediction: predict gives #N, as y was.
    one = lreg.ConnectionRegressor(n_base_outputs=1, **OPTIONS).fit(np.hstack([F, P[:, :1]]), T[:, 0])
    assert one.predict(np.hstack([Fv, Pv[:, :1]])).shape == (len(Fv),)


def test_labels_as_the_cli_takes_them_and_as_scikit_learn_does(data):
    (F, O, y, _, _), _ = data
    X = np.hstack([F, O])
    names = np.array(["coat", "dress", "shirt"])[y]  # sorted: column i is classes_[i]
    by_name = lreg.ConnectionClassifier(n_base_outputs=3, epochs=1).fit(X, names)
    by_index = lreg.ConnectionClassifier(n_base_outputs=3, epochs=1).fit(X, y)
    np.testing.assert_array_equal(by_name.predict(X), np.array(["coat", "dress", "shirt"])[by_index.predict(X)])
    # Some of 0..C-1 missing from y: still one logit column per class index, as in the CLI.
    keep = y != 1
    partial = lreg.ConnectionClassifier(n_base_outputs=3, epochs=1).fit(X[keep], y[keep])
    np.testing.assert_array_equal(partial.classes_, [0, 1, 2])
    with pytest.raises(ValueError, match=r"^y has 2 classes but X holds 3 base logits "
                                         r"\(n_base_outputs=3\): one logit per class"):
        lreg.ConnectionClassifier(n_base_outputs=3).fit(X[keep], names[keep])


def test_clone_pickle_and_pipelines(data):
    (F, O, y, T, P), _ = data
    X = np.hstack([F, O])
    est = lreg.ConnectionClassifier(n_base_outputs=3, components=3, epochs=1)
    assert clone(est).get_params() == est.get_params()
    est.fit(X, y)
    again = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(again.predict_proba(X), est.predict_proba(X))
    assert again.model_.to_json() == est.model_.to_json()
    scores = cross_val_score(lreg.ConnectionRegressor(n_base_outputs=2), np.hstack([F, P]), T, cv=3)
    assert scores.shape == (3,) and np.all(np.isfinite(scores))


def cli_words(cli, tmp_path, data, *args, labels=True):
    (F, O, y, T, P), _ = data
    F_, O_, Y_ = save_set(tmp_path, "bad", F, O if labels else P, y if labels else T)
    code, _, err = cli("connect", "--features", F_, "--outputs", O_,
                       "--labels" if labels else "--targets", Y_, "--quiet", *args)
    assert code in (1, 2), err
    line = err.strip().splitlines()[-1]
    return line.removeprefix("lreg connect: error: " if code == 1 else "lreg connect: ")


@pytest.mark.parametrize(
    "option,value,flag",
    [("components", 0, "--components"), ("components", 9, "--components"),
     ("dof", 1, "--dof"), ("epochs", -1, "--epochs"), ("lr", -0.5, "--lr"),
     ("projection_lr", -1, "--projection-lr"), ("batch", 0, "--batch"), ("hard", -2, "--hard"),
     ("mesh_updates", 100001, "--mesh-updates"), ("seed", -1, "--seed"),
     ("threads", 0, "--threads"), ("dof", 2.5, "--dof")],
)
def test_bad_options_give_the_cli_words(cli, tmp_path, data, option, value, flag):
    (F, O, y, _, _), _ = data
    words = cli_words(cli, tmp_path, data, flag, value)
    est = lreg.ConnectionClassifier(n_base_outputs=3, **{option: value})
    with pytest.raises(ValueError) as error:
        est.fit(np.hstack([F, O]), y)
    assert str(error.value) == words.replace(f"{flag}:", f"{option}:")
    assert not hasattr(est, "model_")


def test_bad_data_gives_the_cli_words(cli, tmp_path, data):
    (F, O, y, T, P), _ = data
    X = np.hstack([F, O])
    bad = X.copy()
    bad[2, 1] = np.nan
    np.save(tmp_path / "nanF.npy", bad[:, :6])
    np.save(tmp_path / "O.npy", O)
    np.save(tmp_path / "Y.npy", y)
    code, _, err = cli("connect", "--features", tmp_path / "nanF.npy", "--outputs",
                       tmp_path / "O.npy", "--labels", tmp_path / "Y.npy", "--quiet")
    assert code == 1
    words = err.strip().splitlines()[-1].removeprefix(f"lreg connect: error: {tmp_path / 'nanF.npy'}: ")
    assert words == "row 3, column 2: value is not finite (NaN)"
    for est in (lreg.ConnectionClassifier(n_base_outputs=3), lreg.ConnectionRegressor()):
        with pytest.raises(ValueError, match=rf"^X: {words.replace('(', '[(]').replace(')', '[)]')}$"):
            est.fit(bad, y if isinstance(est, lreg.ConnectionClassifier) else T[:, 0])
    fitted = lreg.ConnectionClassifier(n_base_outputs=3, epochs=1).fit(X, y)
    with pytest.raises(ValueError, match=r"^X: row 3, column 2: value is not finite \(NaN\)$"):
        fitted.predict(bad)
    with pytest.raises(ValueError, match="X has 10 features, but ConnectionClassifier is expecting 9"):
        fitted.predict(np.hstack([X, X[:, :1]]))
    with pytest.raises(ValueError, match=r"^X has 3 columns and n_base_outputs=3: no feature"):
        lreg.ConnectionClassifier(n_base_outputs=3).fit(O, y)
    with pytest.raises(ValueError, match=r"^y has 2 target columns but X holds 1 base predictions"):
        lreg.ConnectionRegressor(n_base_outputs=1).fit(np.hstack([F, P[:, :1]]), T)
    with pytest.raises(ValueError, match=r"^y has 1 class \(0\); a classifier needs at least 2$"):
        lreg.ConnectionClassifier().fit(F, np.zeros(len(F), dtype=int))
    with pytest.raises(ValueError, match=r"^n_base_outputs: '-1' is out of range \(must be >= 0\)$"):
        lreg.ConnectionClassifier(n_base_outputs=-1).fit(X, y)
    with pytest.raises(TypeError, match=r"unknown option 'dofs' \(the options are batch, "):
        lreg.ConnectionTrainer(F, O, y, dofs=8)
    # The engine's checks on the arrays, named as the estimator names them.
    with pytest.raises(ValueError, match=r"^y: row 1: label 3"):
        lreg.ConnectionTrainer(F, O, np.full(len(F), 3.0), features_name="X", truth_name="y")


def test_the_trainer_steps_epochs_and_reports_mesh_updates(data):
    (F, O, y, _, _), _ = data
    trainer = lreg.ConnectionTrainer(F, O, y, components=2, dof=6, epochs=3)
    start = trainer.model()
    np.testing.assert_array_equal(start.predict(F, O), O)  # c = 0: the frozen model itself
    assert trainer.last_mesh_update() == [] and trainer.epoch == 0
    losses = [trainer.train_epoch() for _ in range(trainer.epochs)]
    # An epoch's mesh update runs before the next epoch's first batch: 2 after 3 epochs.
    assert trainer.epoch == 3 and trainer.mesh_updates == 2 and losses[-1] < losses[0]
    update = trainer.last_mesh_update()
    assert len(update) == 2 and update[0]["coarse"].shape == (6,)
    np.testing.assert_array_equal(update[0]["coarse"], trainer.model().nodes[0])
    assert lreg.default_connect_options()["components"] == 8
    model = trainer.model()
    assert model.parameter_count == (6 + 1) * 2 + 2 * 6 * 3
    np.testing.assert_allclose(model.correction(F) + O, model.predict(F, O), rtol=0, atol=1e-12)
    z = model.transform(F)
    assert z.shape == (len(F), 2) and np.all((z > 0) & (z < 1))


def test_ctrl_c_stops_between_epochs_and_keeps_the_epochs_that_finished(data):
    """A real Ctrl-C (SIGINT to this process) during a fit of 100,000 epochs."""
    (F, O, y, _, _), _ = data
    X = np.hstack([F[:500], O[:500]])
    est = lreg.ConnectionClassifier(n_base_outputs=3, epochs=100000)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            est.fit(X, y[:500])
    finally:
        timer.cancel()
    assert 1 <= est.n_iter_ < 100000 and len(est.loss_curve_) == est.n_iter_
    assert est.model_.training["epochs"] == str(est.n_iter_)
    assert est.predict_proba(X).shape == (500, 3)
