#include "sub_step_guard.h"

namespace lreg::python {

SubStepGuard::SubStepGuard(py::object callback, std::function<py::object(const SnapshotPtr&)> wrap)
    : callback_(std::move(callback)), wrap_(std::move(wrap)) {}

void SubStepGuard::onSubStep(const SnapshotPtr& snapshot) {
  if (cancel_) return;
  py::gil_scoped_acquire gil;
  try {
    // Python's own SIGINT handler only sets a flag; this is where it turns into
    // KeyboardInterrupt (on the main thread).
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!callback_.is_none()) {
      const py::object answer = callback_(wrap_(snapshot));
      if (answer.ptr() == Py_False) cancel_ = true;
    }
  } catch (py::error_already_set& e) {
    error_.emplace(std::move(e));
    cancel_ = true;
  }
}

void SubStepGuard::run(MrcEngine& engine, bool metricsEveryPhase,
                       const std::function<void()>& work) {
  engine.setObserver([this](const SnapshotPtr& s) { onSubStep(s); }, metricsEveryPhase);
  try {
    py::gil_scoped_release release;
    work();
  } catch (...) {
    engine.setObserver(nullptr);
    throw;
  }
  engine.setObserver(nullptr);
  if (error_) {
    py::error_already_set e = std::move(*error_);
    error_.reset();
    throw e;
  }
}

}  // namespace lreg::python
