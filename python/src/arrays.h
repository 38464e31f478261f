// NumPy arrays in and out of the engine: inputs are viewed in place where their layout allows,
// outputs are arrays over memory the engine's immutable objects own.
#pragma once

#include <optional>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <lreg/base/types.h>

namespace lreg::python {

namespace py = pybind11;

using StridedMap = Eigen::Map<const RowMatrix, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

/// A NumPy array (or anything np.asarray takes) seen as a #N by k float64 matrix. float64 with
/// whole-element, non-negative strides (C order, Fortran order, slices such as X[::2]) is read
/// in place; anything else (float32, integers, bool, byte-swapped or negative strides) is copied
/// once into a float64 array that this object keeps alive. A 1D array is one column.
class MatrixArg {
 public:
  /// `name` is used in messages ("X: ..."). Throws ValueError for complex, non-numeric or
  /// more-than-2D data; does not look at the values (see requireFinite).
  MatrixArg(py::handle object, std::string name);

  const StridedMap& view() const { return *view_; }
  const std::string& name() const { return name_; }
  /// Whether the data had to be copied (what `lreg._lreg._layout` reports to the tests).
  bool copied() const { return copied_; }
  /// The array the view points into (the caller's, or the copy).
  const py::array& array() const { return array_; }

 private:
  std::string name_;
  py::array array_;
  bool copied_ = false;
  std::optional<StridedMap> view_;  // a Map cannot be re-seated, only built once
};

/// A read-only NumPy array over `m`'s memory; `owner` (the Python object that keeps `m` alive)
/// becomes the array's base. No copy.
py::array readOnlyView(const RowMatrix& m, py::handle owner);
py::array readOnlyView(const IndexMatrix& m, py::handle owner);
py::array readOnlyView(const Vector& v, py::handle owner);
py::array readOnlyView(const std::vector<int>& v, py::handle owner);

/// A new float64 array holding a copy of `m` (#N by C), or its one column as shape (N,) when
/// `squeeze` and C = 1.
py::array_t<double> newArray(const RowMatrix& m, bool squeeze = false);
/// A new float64 array of shape (n,) holding a copy of `v`.
py::array_t<double> newArray(const Vector& v);

}  // namespace lreg::python
