// The options of a fit, by the names the Python API gives them (the `lreg fit` options; see
// doc/python.md for the table), to and from MrcOptions.
#pragma once

#include <pybind11/pybind11.h>

#include <lreg/engine/mrc_options.h>

namespace lreg::python {

namespace py = pybind11;

struct FitOptions {
  MrcOptions mrc;
  int threads = 0;  ///< worker threads for the data passes (0: all cores; None in Python)
};

/// Reads keyword options; unknown names raise TypeError; a value of the wrong kind or beyond its
/// type's range raises ValueError in the words of the CLI's parser ("seed: '-1' is out of range
/// (must be >= 0)"). Values of None mean the default. Absurd values are left to
/// MrcOptions::validate, as in `lreg fit`.
FitOptions fitOptions(const py::dict& options);

/// Every option with its default, as fitOptions reads them (the defaults of `lreg fit`).
py::dict defaultOptions();

/// Sets the worker-thread count for its lifetime (the count is process-wide), then restores it.
class ThreadScope {
 public:
  explicit ThreadScope(int threads);
  ~ThreadScope();
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  int previous_;
  bool set_;
};

}  // namespace lreg::python
