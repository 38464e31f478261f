#include "option_values.h"

#include <charconv>
#include <cmath>

#include <lreg/base/printable.h>

namespace lreg::python {
namespace {

std::string shown(py::handle value) {
  return printable(py::str(value).cast<std::string>());
}

[[noreturn]] void outOfRange(py::handle value, const std::string& name, const std::string& bound) {
  refuse(name, "'" + shown(value) + "' is out of range (must be " + bound + ")");
}

std::string boundText(double v) {  // as the CLI writes its bounds: shortest exact form
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

}  // namespace

void refuse(const std::string& option, const std::string& what) {
  throw Error(option + ": " + what);
}

long long whole(py::handle value, const std::string& name, long long lo, long long hi) {
  // Python's bool is an int, a float may hold a whole number: neither is what the CLI takes.
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr()))
    refuse(name, "expects a whole number, got '" + shown(value) + "'");
  const py::int_ v = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  int overflow = 0;
  const long long x = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
  if (overflow < 0 || (!overflow && x < lo)) outOfRange(value, name, ">= " + std::to_string(lo));
  if (overflow > 0 || x > hi) outOfRange(value, name, "<= " + std::to_string(hi));
  return x;
}

int smallWhole(py::handle value, const std::string& name, int lo, int hi) {
  return int(whole(value, name, lo, hi));
}

double real(py::handle value, const std::string& name, double lo, double hi) {
  if (PyBool_Check(value.ptr()) || !PyNumber_Check(value.ptr()) || PyComplex_Check(value.ptr()))
    refuse(name, "expects a number, got '" + shown(value) + "'");
  const double v = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  if (!std::isfinite(v)) outOfRange(value, name, "a finite number");
  if (v < lo) outOfRange(value, name, ">= " + boundText(lo));
  if (v > hi) outOfRange(value, name, "<= " + boundText(hi));
  return v;
}

bool flag(py::handle value, const std::string& name) {
  if (!PyBool_Check(value.ptr())) refuse(name, "expects True or False, got '" + shown(value) + "'");
  return value.ptr() == Py_True;
}

std::string word(py::handle value, const std::string& name) {
  if (!py::isinstance<py::str>(value)) refuse(name, "expects a string, got '" + shown(value) + "'");
  return value.cast<std::string>();
}

}  // namespace lreg::python
