// Runs engine work with the GIL released while staying interruptible: after every sub-step the
// engine's observer takes the GIL back for a moment to look for Ctrl-C and to call the Python
// progress callback. A KeyboardInterrupt, an exception from the callback, or the callback
// returning False stops the work at that sub-step boundary (through `cancel`); the exception is
// raised again once the work has returned, so the engine keeps its best model.
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include <pybind11/pybind11.h>

#include <lreg/engine/mrc_engine.h>

namespace lreg::python {

namespace py = pybind11;

class SubStepGuard {
 public:
  /// `wrap` turns a snapshot into the Python object the callback receives.
  SubStepGuard(py::object callback, std::function<py::object(const SnapshotPtr&)> wrap);

  /// Installs itself as `engine`'s observer, releases the GIL, runs `work`, and uninstalls
  /// itself again; then re-raises what stopped it, if anything. Call with the GIL held.
  void run(MrcEngine& engine, bool metricsEveryPhase, const std::function<void()>& work);

  /// True once something asked to stop; work loops test it between sub-steps.
  const std::atomic<bool>& cancel() const { return cancel_; }

 private:
  void onSubStep(const SnapshotPtr& snapshot);

  py::object callback_;
  std::function<py::object(const SnapshotPtr&)> wrap_;
  std::atomic<bool> cancel_{false};
  std::optional<py::error_already_set> error_;
};

}  // namespace lreg::python
