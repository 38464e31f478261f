#include "arrays.h"

#include <algorithm>
#include <cstring>

namespace lreg::python {
namespace {

py::object numpy() {
  return py::module_::import("numpy");
}

std::string shapeText(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t k = 0; k < a.ndim(); ++k) s += (k ? ", " : "") + std::to_string(a.shape(k));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

// The float64 array to view: the input itself when it already is one, else a C-order copy.
py::array asFloat64(py::handle object, const std::string& name, bool& copied) {
  py::array a = numpy().attr("asarray")(object);
  const char kind = a.dtype().kind();
  if (kind == 'c') throw py::value_error(name + ": complex data is not supported");
  const bool native = a.dtype().attr("isnative").cast<bool>();
  if (kind == 'f' && a.itemsize() == 8 && native) return a;
  if ((kind == 'M' || kind == 'm') && (a.ndim() == 1 || a.ndim() == 2)) {
    // NaT reads as the int64 minimum, -9.2e18, not as a missing value.
    const py::array nat = numpy().attr("argwhere")(numpy().attr("isnat")(a));
    if (nat.shape(0) > 0) {
      const py::tuple at = py::tuple(nat.attr("__getitem__")(0).attr("tolist")());
      const long row = at[0].cast<long>() + 1, column = a.ndim() == 2 ? at[1].cast<long>() + 1 : 1;
      throw py::value_error(name + ": row " + std::to_string(row) + ", column " +
                            std::to_string(column) + ": value is NaT (not a time)");
    }
  }
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
    try {
      copied = true;
      return numpy().attr("ascontiguousarray")(a, "float64");
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_ValueError) && !e.matches(PyExc_TypeError)) throw;
      throw py::value_error(name + ": dtype " + py::str(a.dtype()).cast<std::string>() +
                            " is not numeric (" + py::str(e.value()).cast<std::string>() + ")");
    }
  }
  copied = true;
  return numpy().attr("ascontiguousarray")(a, "float64");
}

// Strides in elements, or -1 where the view cannot use them (negative or zero, as in broadcast
// arrays, or not whole elements).
py::ssize_t elementStride(const py::array& a, int axis) {
  if (a.shape(axis) <= 1) return 1;  // never stepped along: any positive value works
  const py::ssize_t bytes = a.strides(axis);
  if (bytes <= 0 || bytes % 8 != 0) return -1;
  return bytes / 8;
}

}  // namespace

MatrixArg::MatrixArg(py::handle object, std::string name) : name_(std::move(name)) {
  array_ = asFloat64(object, name_, copied_);
  if (array_.ndim() != 1 && array_.ndim() != 2)
    throw py::value_error(name_ + ": expected a 2D array (samples by columns), got shape " +
                          shapeText(array_));
  const bool vector = array_.ndim() == 1;
  py::ssize_t outer = elementStride(array_, 0), inner = vector ? 1 : elementStride(array_, 1);
  if (outer < 0 || inner < 0) {
    array_ = numpy().attr("ascontiguousarray")(array_);
    copied_ = true;
    outer = vector ? 1 : std::max<py::ssize_t>(array_.shape(1), 1);
    inner = 1;
  }
  const Eigen::Index rows = array_.shape(0), cols = vector ? 1 : array_.shape(1);
  view_.emplace(static_cast<const double*>(array_.data()), rows, cols,
                Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(outer, inner));
}

namespace {

template <class Scalar>
py::array viewOf(const Scalar* data, std::vector<py::ssize_t> shape,
                 std::vector<py::ssize_t> strides, py::handle owner) {
  py::array a(py::dtype::of<Scalar>(), std::move(shape), std::move(strides), data, owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

}  // namespace

py::array readOnlyView(const RowMatrix& m, py::handle owner) {
  return viewOf(m.data(), {m.rows(), m.cols()},
                {py::ssize_t(sizeof(double) * m.cols()), py::ssize_t(sizeof(double))}, owner);
}

py::array readOnlyView(const IndexMatrix& m, py::handle owner) {
  return viewOf(m.data(), {m.rows(), m.cols()},
                {py::ssize_t(sizeof(int) * m.cols()), py::ssize_t(sizeof(int))}, owner);
}

py::array readOnlyView(const Vector& v, py::handle owner) {
  return viewOf(v.data(), {v.size()}, {py::ssize_t(sizeof(double))}, owner);
}

py::array readOnlyView(const std::vector<int>& v, py::handle owner) {
  return viewOf(v.data(), {py::ssize_t(v.size())}, {py::ssize_t(sizeof(int))}, owner);
}

py::array_t<double> newArray(const RowMatrix& m, bool squeeze) {
  py::array_t<double> a = squeeze && m.cols() == 1 ? py::array_t<double>({m.rows()})
                                                   : py::array_t<double>({m.rows(), m.cols()});
  if (m.size() > 0) std::memcpy(a.mutable_data(), m.data(), sizeof(double) * size_t(m.size()));
  return a;
}

py::array_t<double> newArray(const Vector& v) {
  py::array_t<double> a({v.size()});
  if (v.size() > 0) std::memcpy(a.mutable_data(), v.data(), sizeof(double) * size_t(v.size()));
  return a;
}

}  // namespace lreg::python
