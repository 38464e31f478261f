// The LReg connection (paper Section 2.7) for Python: lreg.ConnectionModel (immutable, the model
// file's "connection" kind, shared with `lreg connect` / `lreg predict`) and
// lreg.ConnectionTrainer (the training of `lreg connect`, one epoch per call, the GIL released).
#include <pybind11/stl.h>

#include <lreg/base/error.h>
#include <lreg/connect/connection_trainer.h>
#include <lreg/data/dataset.h>
#include <lreg/model/model_io.h>
#include "arrays.h"
#include "bindings.h"
#include "connection_options.h"
#include "options.h"

namespace lreg::python {
namespace {

using ModelPtr = std::shared_ptr<ConnectionModel>;

// A copy: the connection's passes take row-major matrices.
RowMatrix matrixOf(py::handle object, const std::string& name) {
  const MatrixArg a(object, name);
  return RowMatrix(a.view());
}

py::object corrected(const ConnectionModel& m, py::handle features, py::handle outputs) {
  const RowMatrix F = matrixOf(features, "features"), O = matrixOf(outputs, "outputs");
  requireFinite(F, "features");
  requireFinite(O, "outputs");
  RowMatrix P;
  {
    py::gil_scoped_release release;
    P = m.predict(F, O);
  }
  return newArray(P);
}

template <class Pass>
py::object featurePass(const ConnectionModel& m, py::handle features, Pass pass) {
  const RowMatrix F = matrixOf(features, "features");
  requireFinite(F, "features");
  RowMatrix P;
  {
    py::gil_scoped_release release;
    P = pass(m, F);
  }
  return newArray(P);
}

std::string describe(const ConnectionModel& m) {
  return "<lreg.ConnectionModel " + connectionTaskName(m.task) + ", " + std::to_string(m.inputs()) +
         " features -> " + std::to_string(m.components()) + " components of " +
         std::to_string(m.dof()) + " nodes -> " + std::to_string(m.outputs()) + " outputs, " +
         std::to_string(m.parameterCount()) + " parameters>";
}

// The d meshes' nodes as one #d by n array.
py::array_t<double> meshNodes(const ConnectionModel& m) {
  RowMatrix nodes(m.components(), m.dof());
  for (int j = 0; j < m.components(); ++j)
    for (int i = 0; i < m.dof(); ++i) nodes(j, i) = m.meshes[size_t(j)].node(i);
  return newArray(nodes);
}

class Trainer {
 public:
  Trainer(py::handle features, py::handle outputs, py::handle truth, const std::string& task,
          const py::dict& options, const std::string& featuresName, const std::string& outputsName,
          const std::string& truthName)
      : options_(connectOptions(options)), data_(std::make_unique<ConnectionData>()) {
    options_.connection.task = parseConnectionTask(task);
    ConnectionData& d = *data_;
    d.featuresSource = featuresName;
    d.outputsSource = outputsName;
    d.truthSource = truthName;
    d.features = matrixOf(features, featuresName);
    d.outputs = matrixOf(outputs, outputsName);
    RowMatrix t = matrixOf(truth, truthName);
    if (options_.connection.task == ConnectionTask::Classification)
      d.labels = labelsFromColumn(t, truthName);
    else
      d.targets = std::move(t);
    d.validate(options_.connection.task);
    py::gil_scoped_release release;  // the PCA of the features
    ThreadScope threads(options_.threads);
    trainer_ = std::make_unique<ConnectionTrainer>(d, options_.connection);
  }

  double trainEpoch() {
    double loss = 0;
    {
      py::gil_scoped_release release;
      ThreadScope threads(options_.threads);
      loss = trainer_->trainEpoch();
    }
    losses_.push_back(loss);  // here: a Ctrl-C can land between the call's return and its use
    return loss;
  }

  const std::vector<double>& losses() const { return losses_; }

  ModelPtr model() const { return std::make_shared<ConnectionModel>(trainer_->model()); }
  int epoch() const { return trainer_->epoch(); }
  int epochs() const { return options_.epochs; }
  int meshUpdates() const { return trainer_->meshUpdates(); }

  py::list lastMeshUpdate() const {
    py::list out;
    for (const ComponentMeshUpdate& u : trainer_->lastMeshUpdate()) {
      py::dict d;
      d["fine"] = py::array(py::cast(u.fine));
      d["inserted"] = py::array(py::cast(u.inserted));
      d["removed"] = py::array(py::cast(u.removed));
      d["coarse"] = py::array(py::cast(u.coarse));
      out.append(d);
    }
    return out;
  }

 private:
  ConnectOptions options_;
  std::unique_ptr<ConnectionData> data_;  // the trainer keeps a reference: a stable address
  std::unique_ptr<ConnectionTrainer> trainer_;
  std::vector<double> losses_;
};

template <class Array>
auto view(Array ConnectionModel::*member) {
  return [member](py::object self) {
    return readOnlyView(self.cast<const ConnectionModel&>().*member, self);
  };
}

}  // namespace

py::object connectionObject(ConnectionModel model) {
  return py::cast(std::make_shared<ConnectionModel>(std::move(model)));
}

void bindConnection(py::module_& m) {
  py::class_<ConnectionModel, std::shared_ptr<ConnectionModel>>(m, "ConnectionModel", R"doc(
An LReg connection (paper Section 2.7): the frozen model's outputs O plus
sum_j sum_i c_{j,i} psi_{j,i}(z_j), z = sigmoid(W x + b) of its features x, one 1D P1 mesh of
n nodes on [0, 1] per component.

Immutable; `W`, `b` and `coefficients` are read-only views of its memory. `predict(features,
outputs)` returns the corrected outputs; `save(path)` writes the model file of `lreg connect
--model`, which `lreg predict` and `lreg eval` read; `lreg.load(path)` reads one. Pickles
through the same JSON text.
)doc")
      .def_property_readonly(
          "task", [](const ConnectionModel& s) { return connectionTaskName(s.task); },
          "'classification' (logits, cross-entropy) or 'regression' (MSE)")
      .def_property_readonly("inputs", &ConnectionModel::inputs, "features per sample, C_in")
      .def_property_readonly(
          "components", [](const ConnectionModel& s) { return s.components(); },
          "components of z, d")
      .def_property_readonly("dof", &ConnectionModel::dof, "nodes per component mesh, n")
      .def_property_readonly("outputs", &ConnectionModel::outputs, "outputs corrected, C")
      .def_property_readonly("parameter_count", &ConnectionModel::parameterCount,
                             "trainable parameters, (C_in + 1) d + d n C")
      .def_property_readonly("W", view(&ConnectionModel::W), "#d by C_in, raw features")
      .def_property_readonly("b", view(&ConnectionModel::b), "#d")
      .def_property_readonly("coefficients", view(&ConnectionModel::coefficients),
                             "#(d n) by C: row j n + i is c_{j,i}")
      .def_property_readonly("nodes", &meshNodes, "#d by n: each component's mesh (a copy)")
      .def_readonly("training", &ConnectionModel::training, "how it was trained, as in the file")
      .def("predict", &corrected, py::arg("features"), py::arg("outputs"),
           "The frozen model's outputs (#N by C) corrected for its features (#N by C_in); both "
           "are copied once into row-major float64.")
      .def(
          "correction",
          [](const ConnectionModel& s, py::handle f) {
            return featurePass(s, f, [](auto& m, auto& F) { return m.correction(F); });
          },
          py::arg("features"), "sum_j c_j(z_j) alone, #N by C")
      .def(
          "transform",
          [](const ConnectionModel& s, py::handle f) {
            return featurePass(s, f, [](auto& m, auto& F) { return m.components(F); });
          },
          py::arg("features"), "the components z = sigmoid(W x + b), #N by d")
      .def(
          "save",
          [](const ConnectionModel& s, py::handle path) { saveConnection(s, pathText(path)); },
          py::arg("path"), "Writes the model file (atomically), as `lreg connect --model`.")
      .def("to_json", &connectionToJson, "the model file's text")
      .def_static(
          "from_json",
          [](const std::string& text) {
            return std::make_shared<ConnectionModel>(connectionFromJson(text, "JSON text"));
          },
          py::arg("text"))
      .def("__repr__", &describe)
      .def(py::pickle([](const ConnectionModel& s) { return py::make_tuple(connectionToJson(s)); },
                      [](const py::tuple& state) {
                        return std::make_shared<ConnectionModel>(
                            connectionFromJson(state[0].cast<std::string>(), "pickled connection"));
                      }));

  py::class_<Trainer>(m, "ConnectionTrainer", R"doc(
The training of `lreg connect`: ConnectionTrainer(features, outputs, truth, task, **options)
with the options of lreg.default_connect_options(). truth is the class labels (whole numbers in
[0, C)) for task='classification', the targets (#N by C) for 'regression'. Before the first
epoch the connection is zero: the connected model equals the frozen one. train_epoch() runs one
epoch of minibatch Adam and the MRC mesh updates with the GIL released and returns the epoch's
mean training loss; model() is the connection so far. Errors name the arrays by the *_name
arguments, in the words of the CLI.
)doc")
      .def(py::init([](py::handle features, py::handle outputs, py::handle truth,
                       const std::string& task, const std::string& featuresName,
                       const std::string& outputsName, const std::string& truthName,
                       const py::kwargs& options) {
             return std::make_unique<Trainer>(features, outputs, truth, task, options, featuresName,
                                              outputsName, truthName);
           }),
           py::arg("features"), py::arg("outputs"), py::arg("truth"), py::kw_only(),
           py::arg("task") = "classification", py::arg("features_name") = "features",
           py::arg("outputs_name") = "outputs", py::arg("truth_name") = "truth")
      .def("train_epoch", &Trainer::trainEpoch)
      .def("model", &Trainer::model, "the connection as trained so far (lreg.ConnectionModel)")
      .def_property_readonly("epoch", &Trainer::epoch, "epochs trained")
      .def_property_readonly("losses", &Trainer::losses, "train_epoch()'s results so far")
      .def_property_readonly("epochs", &Trainer::epochs, "the epochs option")
      .def_property_readonly("mesh_updates", &Trainer::meshUpdates, "mesh updates run")
      .def("last_mesh_update", &Trainer::lastMeshUpdate,
           "per component: the refined nodes ('fine'), the 'inserted' and 'removed' indices in "
           "them, and the 'coarse' nodes after coarsening (empty before the first update)");

  m.def("default_connect_options", &defaultConnectOptions,
        "the options of lreg.ConnectionTrainer with their defaults (those of `lreg connect`)");
  m.def(
      "_require_finite",
      [](py::handle X, const std::string& name) {
        const MatrixArg a(X, name);
        requireFinite(a.view(), name);
      },
      py::arg("X"), py::arg("name"),
      "ValueError 'NAME: row R, column K: value is not finite (NaN)' for the first such value");
}

}  // namespace lreg::python
