// The pieces of the extension module `lreg._lreg`, one file each, and what they share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include <lreg/connect/connection.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/snapshot.h>
#include <lreg/model/model.h>

namespace lreg::python {

namespace py = pybind11;

/// What a snapshot needs from its engine to become a model or to map nodes to input space.
struct SnapshotContext {
  Normalizer normalizer;
  int outputs = 1;
  std::vector<std::string> inputNames, outputNames;
};

/// An engine snapshot as Python sees it: immutable, arrays are read-only views of its memory.
struct PySnapshot {
  SnapshotPtr snapshot;
  std::shared_ptr<const SnapshotContext> context;
  mutable std::shared_ptr<const Model> model;  ///< built on first use
  const Model& asModel() const;
};

/// {"mae", "rmse", "r2"}, with "per_output" arrays when there are several outputs (the CLI's
/// --json form).
py::dict metricsDict(const Metrics& m);

/// model.predict(X) for any array X: #N by C float64; the GIL is released while it runs.
py::object predictArray(const Model& model, py::handle X);

/// A path argument (str or os.PathLike) as text.
std::string pathText(py::handle path);

/// A connection model as a Python lreg.ConnectionModel.
py::object connectionObject(ConnectionModel model);

void bindModel(py::module_& m);
void bindConnection(py::module_& m);
void bindEngine(py::module_& m);
void bindData(py::module_& m);

}  // namespace lreg::python
