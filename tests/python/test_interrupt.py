"""Ctrl-C stops a fit cleanly between sub-steps and keeps the best model so far; the GIL is
released while the engine works."""

import os
import signal
import threading
import time

import numpy as np
import pytest

import lreg

# About 30 s unless interrupted (a failure to stop shows as "DID NOT RAISE", not as a hang).
LONG = dict(dof=48, iterations=25000, patience=25000)


def test_keyboard_interrupt_from_the_callback_keeps_the_best_model(b1):
    # polish=0: the kept model is the best train phase's mesh as it was (no final node polish).
    est = lreg.LRegRegressor(**LONG, polish=0)
    trains = []
    def progress(s):
        if s.phase == "train":
            trains.append(s.train["rmse"])
        if s.phase == "interpolate" and s.iteration == 4:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        est.fit(b1.X_train, b1.y_train, callback=progress)
    assert est.n_iter_ == 4 and len(trains) == 5 and est.loss_curve_ == trains
    fitted = est.predict(b1.X_test)
    assert fitted.shape == (200,)
    best = np.sqrt(np.mean((est.predict(b1.X_train) - b1.y_train) ** 2))
    assert best == pytest.approx(min(trains), rel=1e-12)


def test_sigint_stops_a_running_fit_between_substeps(b1):
    """A real Ctrl-C: SIGINT sent to this process while the fit runs in the main thread."""
    est = lreg.LRegRegressor(**LONG)
    phases = []
    # The signal is sent once the fit is under way (six sub-steps seen), not after a fixed
    # time: on a loaded machine the first iteration may take longer than any fixed delay.
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT))
    def progress(s):
        phases.append(s.phase)
        if len(phases) == 6:
            timer.start()
    start = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            est.fit(b1.X_train, b1.y_train, callback=progress)
    finally:
        timer.cancel()
    elapsed = time.monotonic() - start
    assert elapsed < 30, elapsed
    assert est.n_iter_ > 0 and len(phases) > 5
    assert np.all(np.isfinite(est.predict(b1.X_test)))
    assert est.score(b1.X_test, b1.y_test) > 0.5


def test_sigint_stops_a_run_without_any_python_callback(b1):
    """No Python code runs between sub-steps here: the engine itself looks for Ctrl-C."""
    engine = lreg.Engine(b1.X_train, b1.y_train, **LONG)
    # 2 s: an iteration takes a few ms, so even a loaded machine has finished one by then.
    timer = threading.Timer(2.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            engine.run()
    finally:
        timer.cancel()
    assert engine.iteration > 0
    assert engine.best_model().dof == 48


def test_the_engine_keeps_its_state_after_an_interrupt(b1):
    engine = lreg.Engine(b1.X_train, b1.y_train, **LONG)
    def stop(s):
        if s.phase == "coarsen" and s.iteration == 2:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        engine.run(stop)
    assert engine.phase == "coarsen" and engine.iteration == 2
    assert engine.best_model().dof == 48
    assert engine.substep().phase == "reindex"


def test_the_gil_is_released_while_the_engine_works():
    """The main thread keeps running Python while another thread fits: it ticks inside the
    engine's long sub-steps (holding the GIL would keep it out of every one of them)."""
    rng = np.random.default_rng(0)
    # 2 * 10^7 points: a train sub-step takes ~0.2 s, far above a tick of the loop below.
    X = rng.random((20_000_000, 1))
    y = np.sin(12 * X[:, 0]) + 0.01 * rng.standard_normal(len(X))
    spans = []  # (start, end) of each sub-step, from its end time and its length

    def record(s):
        end = time.perf_counter()
        spans.append((end - s.seconds, end))

    worker = threading.Thread(
        target=lambda: lreg.fit(X, y, dof=256, iterations=2, placement=0, callback=record))
    worker.start()
    ticks = [time.perf_counter()]
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    ticks = np.array(ticks)
    long_spans = [(a, b) for a, b in spans if b - a > 0.05]
    assert len(long_spans) >= 2, "the fit is too quick to tell"
    # A tick well inside a sub-step (its middle 80%): the main thread ran Python meanwhile. A
    # loaded machine's scheduler may starve the main thread through one sub-step, not most.
    inside = [np.any((ticks > a + 0.1 * (b - a)) & (ticks < b - 0.1 * (b - a)))
              for a, b in long_spans]
    assert sum(inside) >= len(long_spans) / 2, (inside, long_spans)
