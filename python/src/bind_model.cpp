// lreg.Model (immutable; arrays are read-only views), lreg.load, and pickling through the JSON
// model file.
#include <pybind11/stl.h>

#include <lreg/base/error.h>
#include <lreg/data/dataset.h>
#include <lreg/model/model_io.h>
#include "arrays.h"
#include "bindings.h"

namespace lreg::python {

std::string pathText(py::handle path) {
  return py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
}

py::object predictArray(const Model& model, py::handle X) {
  const MatrixArg x(X, "X");
  requireFinite(x.view(), "X");
  RowMatrix P;
  {
    py::gil_scoped_release release;
    P = model.predict(x.view());
  }
  return newArray(P);
}

namespace {

RowMatrix inputCoordinates(const Model& model, py::handle U) {
  const MatrixArg u(U, "U");
  if (u.view().cols() != model.dim)
    throw Error("U: expected " + std::to_string(model.dim) + " columns, got " +
                std::to_string(u.view().cols()));
  return model.normalizer.fromUnit(u.view());
}

std::string describe(const Model& m) {
  return "<lreg.Model " + std::to_string(m.dim) + "D -> " + std::to_string(m.outputs) +
         " output(s), " + std::to_string(m.dof()) + " nodes, " +
         std::to_string(m.simplices.rows()) + " simplices>";
}

template <class Array>
auto view(Array Model::*member) {
  return
      [member](py::object self) { return readOnlyView(self.cast<const Model&>().*member, self); };
}

}  // namespace

py::dict metricsDict(const Metrics& m) {
  py::dict d;
  d["mae"] = m.mae;
  d["rmse"] = m.rmse;
  d["r2"] = m.r2;
  if (m.maePerOutput.size() > 1) {
    py::dict per;
    per["mae"] = newArray(m.maePerOutput);
    per["rmse"] = newArray(m.rmsePerOutput);
    per["r2"] = newArray(m.r2PerOutput);
    d["per_output"] = per;
  }
  return d;
}

void bindModel(py::module_& m) {
  py::class_<Model, std::shared_ptr<Model>>(m, "Model", R"doc(
A trained LReg model: f(x) = sum_i c_i psi_i(u(x)), u the map of the inputs onto the unit box.

Immutable: `nodes`, `simplices` and `coefficients` are read-only views of its memory (unit
domain, as in the model file; `input_nodes` in input coordinates). `predict(X)` returns
#N by C; `save(path)` writes the JSON model file of the CLI and the app; `lreg.load(path)` reads
one. Pickles through the same JSON text (exact: doubles are written in their shortest exact form).
)doc")
      .def_readonly("dim", &Model::dim, "input dimension d (1, 2 or 3)")
      .def_readonly("outputs", &Model::outputs, "number of outputs C")
      .def_property_readonly("dof", &Model::dof, "number of nodes D")
      .def_property_readonly("nodes", view(&Model::nodes), "#D by d node coordinates, unit domain")
      .def_property_readonly("simplices", view(&Model::simplices),
                             "#n_t by d+1 node indices (intervals [i, i+1] in 1D)")
      .def_property_readonly("coefficients", view(&Model::coefficients),
                             "#D by C, the value of the model at each node")
      .def_property_readonly(
          "input_nodes",
          [](const Model& self) { return newArray(self.normalizer.fromUnit(self.nodes)); },
          "#D by d node coordinates in input space (a copy)")
      .def_property_readonly(
          "lo", [](const Model& self) { return newArray(self.normalizer.lo); },
          "d minima of the training inputs (the unit box's lower corner)")
      .def_property_readonly(
          "hi", [](const Model& self) { return newArray(self.normalizer.hi); },
          "d maxima of the training inputs")
      .def_readonly("input_names", &Model::inputNames)
      .def_readonly("output_names", &Model::outputNames)
      .def_readonly("training", &Model::training, "how it was trained, as in the model file")
      .def("predict", &predictArray, py::arg("X"),
           "Predictions for X (#N by d, or a 1D array for d = 1): #N by C float64. Outside the "
           "training box the model is constant (inputs are clamped).")
      .def(
          "to_input",
          [](const Model& self, py::handle U) { return newArray(inputCoordinates(self, U)); },
          py::arg("U"), "unit-domain coordinates (#k by d) -> input coordinates")
      .def(
          "save", [](const Model& self, py::handle path) { saveModel(self, pathText(path)); },
          py::arg("path"), "Writes the JSON model file (atomically), as `lreg fit --model`.")
      .def("to_json", &modelToJson, "the model file's text")
      .def_static(
          "from_json",
          [](const std::string& text) {
            return std::make_shared<Model>(modelFromJson(text, "JSON text"));
          },
          py::arg("text"))
      .def("__repr__", &describe)
      .def(py::pickle([](const Model& self) { return py::make_tuple(modelToJson(self)); },
                      [](const py::tuple& state) {
                        return std::make_shared<Model>(
                            modelFromJson(state[0].cast<std::string>(), "pickled model"));
                      }));

  m.def(
      "load",
      [](py::handle path) -> py::object {
        AnyModel any = loadAnyModel(pathText(path));
        if (auto* model = std::get_if<Model>(&any))
          return py::cast(std::make_shared<Model>(std::move(*model)));
        return connectionObject(std::get<ConnectionModel>(std::move(any)));
      },
      py::arg("path"),
      "Reads a JSON model file: an lreg.Model (written by `lreg fit --model`, the app or "
      "Model.save()) or an lreg.ConnectionModel (`lreg connect --model`, ConnectionModel.save()).");
}

}  // namespace lreg::python
