"""lreg.Engine, the loop steppable from a notebook: sub-steps in order, each snapshot's arrays
(nodes, simplices, coefficients, counts, inserted / to-remove / removed, phase, losses) as the
app shows them, run() to convergence with a progress callback."""

import numpy as np
import pytest

import lreg

PHASES = ["train", "refine", "interpolate", "coarsen", "reindex"]


def test_substeps_follow_the_loop_and_step_ends_an_iteration(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=24)
    assert engine.snapshot is None and engine.phase == "initial"
    first = engine.initial_snapshot()
    assert first.phase == "initial" and first.next_phase == "train" and first.iteration == 0
    seen = [engine.substep().phase for _ in range(7)]
    assert seen == PHASES + PHASES[:2]
    s = engine.step()  # finishes the iteration under way
    assert s.phase == "reindex" and s.iteration == 2 and engine.iteration == 2
    s = engine.step()
    assert s.phase == "reindex" and s.iteration == 3
    assert engine.snapshot.phase == "reindex"


def test_snapshot_arrays_in_1d(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=24, topk=6)
    train = engine.substep()
    D = 24
    assert train.nodes.shape == (D, 1) and train.coefficients.shape == (D, 1)
    np.testing.assert_array_equal(train.simplices, np.column_stack([np.arange(D - 1), np.arange(1, D)]))
    assert train.counts.shape == (D - 1,) and np.all(train.counts >= 0)
    assert train.nodes[0, 0] == 0 and train.nodes[-1, 0] == 1 and np.all(np.diff(train.nodes[:, 0]) > 0)
    np.testing.assert_allclose(train.input_nodes[[0, -1], 0],
                               [b1.X_train.min(), b1.X_train.max()], rtol=1e-12)
    assert set(train.train) == {"mae", "rmse", "r2"} and train.train["rmse"] > 0

    refine = engine.substep()
    assert len(refine.inserted) == 6 and len(refine.nodes) == D + 6
    # Each inserted node is the midpoint of its neighbours, and the function is unchanged there.
    x = refine.nodes[:, 0]
    for i in refine.inserted:
        assert x[i] == pytest.approx(0.5 * (x[i - 1] + x[i + 1]), abs=1e-15)
    grid = np.linspace(b1.X_train.min(), b1.X_train.max(), 500)[:, None]
    np.testing.assert_allclose(refine.predict(grid), train.predict(grid), atol=1e-12)

    engine.substep()  # interpolate
    coarsen = engine.substep()
    assert len(coarsen.nodes) == D and coarsen.removed.shape == (6, 1)
    assert np.all((coarsen.removed >= 0) & (coarsen.removed <= 1))
    reindex = engine.substep()
    assert len(reindex.inserted) == 0 and np.all(reindex.counts == 0)


def test_snapshot_arrays_in_2d():
    data = lreg.generate("A2", seed=1, train_size=3000)
    engine = lreg.Engine(data.X_train, data.y_train, dof=64)
    train = engine.substep()
    assert train.dim == 2 and train.nodes.shape == (64, 2)
    assert train.simplices.shape[1] == 3 and train.simplices.dtype == np.int32
    assert train.simplices.min() == 0 and train.simplices.max() == 63
    assert train.counts.shape == (len(train.simplices),)
    # P1: the function at every node is its coefficient.
    np.testing.assert_allclose(train.predict(train.input_nodes), train.coefficients, atol=1e-10)
    # Least squares in 2D moves nodes after the fit: the polish names them and where they were.
    assert train.next_phase == "polish"
    polish = engine.substep()
    assert polish.phase == "polish" and polish.next_phase == "refine"
    assert polish.moved_from.shape == (len(polish.moved), 2)
    np.testing.assert_array_equal(polish.moved_from, train.nodes[polish.moved])
    np.testing.assert_array_equal(polish.simplices, train.simplices)
    refine = engine.substep()
    assert len(refine.inserted) > 0 and len(refine.nodes) == 64 + len(refine.inserted)
    engine.substep()
    coarsen = engine.substep()
    assert len(coarsen.nodes) == 64
    assert coarsen.removed.shape == (len(refine.inserted), 2)
    # The nodes the coming coarsen removes are marked on the snapshot before it.
    before = engine.step()  # next iteration up to reindex
    assert before.phase == "reindex"


def test_metrics_are_fresh_after_every_substep_when_stepping(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=16, validation=(b1.X_test, b1.y_test))
    train = engine.substep()
    model = train.model()
    test_rmse = np.sqrt(np.mean((model.predict(b1.X_test)[:, 0] - b1.y_test) ** 2))
    assert train.has_validation
    assert train.validation["rmse"] == pytest.approx(test_rmse, rel=1e-12)
    assert engine.training_metrics(model)["rmse"] == pytest.approx(train.train["rmse"], rel=1e-12)
    refine = engine.substep()  # the function is unchanged: so are its errors
    assert refine.train["rmse"] == pytest.approx(train.train["rmse"], rel=1e-9)


def test_run_calls_back_and_returns_the_best_model(b1):
    # polish=0: the best model is then the best train phase's mesh as it was (the final node
    # polish and curvature restarts would train better than any snapshot).
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=32, iterations=6, patience=100, polish=0)
    phases, best = [], []
    def progress(s):
        phases.append(s.phase)
        if s.phase == "train":
            best.append(s.validation["rmse"])
    model = engine.run(progress)
    assert phases[0] == "initial" and phases[1:6] == ["train"] + PHASES[1:]
    assert phases.count("train") == 7 and engine.iteration == 6 and engine.converged
    assert engine.training_metrics(model)["rmse"] == pytest.approx(min(best), rel=1e-12)
    np.testing.assert_array_equal(model.coefficients, engine.best_model().coefficients)
    assert model.training["iterations"] == str(int(np.argmin(best)))


def test_a_callback_returning_false_stops_the_run(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=16, iterations=30, patience=30)
    model = engine.run(lambda s: not (s.phase == "coarsen" and s.iteration == 1))
    assert engine.phase == "coarsen" and engine.iteration == 1
    assert model.dof == 16


def test_an_exception_in_the_callback_propagates_and_keeps_the_engine(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=16)
    def boom(s):
        if s.phase == "refine":
            raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        engine.run(boom)
    assert engine.phase == "refine"
    assert engine.substep().phase == "interpolate"  # and it goes on from there


def test_fit_equals_engine_run_and_start_from_continues(b1):
    model = lreg.fit(b1.X_train, b1.y_train, dof=20, iterations=3)
    engine = lreg.Engine(b1.X_train, b1.y_train, dof=20, iterations=3)
    np.testing.assert_array_equal(engine.run().coefficients, model.coefficients)
    engine.start_from(model)
    assert engine.phase == "initial"
    s = engine.substep()
    assert s.phase == "train" and len(s.nodes) == 20
    with pytest.raises(ValueError, match="another input range"):
        other = lreg.fit(b1.X_train * 2, b1.y_train, dof=20, iterations=1)
        engine.start_from(other)


def test_vector_outputs_and_names():
    data = lreg.generate("appc4", seed=1, train_size=4000)
    assert data.y_train.shape == (4000, 2) and data.info["outputs"] == 2
    engine = lreg.Engine(data.X_train, data.y_train, dof=64, iterations=2,
                         input_names=["theta", "phi"], output_names=["re", "im"])
    model = engine.run()
    assert model.outputs == 2 and model.coefficients.shape == (64, 2)
    assert model.input_names == ["theta", "phi"] and model.output_names == ["re", "im"]
    s = engine.snapshot
    assert s.outputs == 2 and "per_output" in s.train and s.train["per_output"]["rmse"].shape == (2,)
    truth = data.truth(data.X_test)
    assert truth.shape == (len(data.X_test), 2)
    assert np.sqrt(np.mean((model.predict(data.X_test) - truth) ** 2)) < 0.2


def test_the_three_dimensional_engine():
    rng = np.random.default_rng(4)
    X = rng.random((4000, 3))
    y = np.sin(3 * X[:, 0]) + X[:, 1] * X[:, 2]
    model = lreg.LRegRegressor(dof=125, iterations=3).fit(X, y)
    assert model.model_.simplices.shape[1] == 4
    assert model.score(X, y) > 0.95


def test_defaults_are_the_clis():
    defaults = lreg.default_options()
    est = lreg.LRegRegressor().get_params()
    del est["verbose"]
    assert est == defaults
    assert defaults["dof"] == 64 and defaults["iterations"] == 40 and defaults["method"] == "lstsq"


def test_devices(b1):
    """device="cpu" and "auto" always fit; "cuda" fits on a usable GPU (the same model as the CPU
    to rounding) and is refused with the reason elsewhere, naming the parameter (as `lreg fit
    --device cuda` is)."""
    cpu = lreg.fit(b1.X_train, b1.y_train, dof=32, iterations=3, device="cpu")
    auto = lreg.fit(b1.X_train, b1.y_train, dof=32, iterations=3, device="auto")
    cuda = lreg.info()["cuda"]
    assert isinstance(cuda["gpu"], bool) and (cuda["devices"] == 0 or cuda["gpu"])
    if cuda["devices"] == 0:
        np.testing.assert_array_equal(auto.coefficients, cpu.coefficients)
        with pytest.raises(ValueError, match=r"^device='cuda': no usable CUDA device \(") as error:
            lreg.Engine(b1.X_train, b1.y_train, device="cuda")
        assert cuda["reason"] in str(error.value)
    else:
        gpu = lreg.fit(b1.X_train, b1.y_train, dof=32, iterations=3, device="cuda")
        np.testing.assert_allclose(gpu.predict(b1.X_test), cpu.predict(b1.X_test), atol=1e-9)


def test_an_option_given_as_none_takes_its_default(b1):
    # seed=None is seed 1, as doc/python.md says (not scikit-learn's fresh randomness): the seed
    # matters on the Adam path, so seed 2 differs.
    fits = {seed: lreg.fit(b1.X_train, b1.y_train, dof=16, iterations=2, method="adam", seed=seed)
            for seed in (None, 1, 2)}
    np.testing.assert_array_equal(fits[None].coefficients, fits[1].coefficients)
    assert not np.array_equal(fits[2].coefficients, fits[1].coefficients)
