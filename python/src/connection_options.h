// The options of `lreg connect` as keyword arguments: the same names made into identifiers
// (--projection-lr is projection_lr, --mesh-updates mesh_updates), ranges and defaults.
#pragma once

#include <pybind11/pybind11.h>

#include <lreg/connect/connection_trainer.h>

namespace lreg::python {

namespace py = pybind11;

struct ConnectOptions {
  ConnectionOptions connection;
  int epochs = 1;
  int threads = 0;  ///< worker threads (0: all cores; None in Python)
};

/// Unknown names raise TypeError; a value of the wrong kind or out of the CLI's range a
/// ValueError in the words of its parser ("components: '0' is out of range (must be >= 1)");
/// None means the default. ConnectionOptions::validate checks the rest when training starts.
ConnectOptions connectOptions(const py::dict& options);

/// Every option with its default (those of `lreg connect`).
py::dict defaultConnectOptions();

}  // namespace lreg::python
