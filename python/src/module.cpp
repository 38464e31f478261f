// The extension module lreg._lreg: the public C++ API (<lreg/lreg.h>) for Python. The package
// lreg (python/lreg/__init__.py) re-exports it beside the scikit-learn estimators.
#include <pybind11/pybind11.h>

#include <lreg/base/error.h>
#include <lreg/version.h>
#include "bindings.h"

PYBIND11_MODULE(_lreg, m) {
  m.doc() = "LReg engine bindings (use the package `lreg`)";
  m.attr("__version__") = lreg::kVersion;
  // The engine's one exception type: bad input or usage, its message meant for the user.
  pybind11::register_exception<lreg::Error>(m, "Error", PyExc_ValueError);
  lreg::python::bindModel(m);
  lreg::python::bindConnection(m);
  lreg::python::bindEngine(m);
  lreg::python::bindData(m);
}
