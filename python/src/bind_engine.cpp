// lreg.Engine (the MRC loop, steppable from a notebook) and lreg.Snapshot (what each sub-step
// leaves: read-only NumPy views of the immutable C++ snapshot).
#include <pybind11/stl.h>

#include <lreg/base/error.h>
#include <lreg/data/dataset.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/engine/phase.h>
#include "arrays.h"
#include "bindings.h"
#include "options.h"
#include "sub_step_guard.h"

namespace lreg::python {

const Model& PySnapshot::asModel() const {
  if (!model) {
    auto m = std::make_shared<Model>();
    m->dim = snapshot->dim;
    m->outputs = context->outputs;
    m->normalizer = context->normalizer;
    m->nodes = snapshot->nodes;
    m->simplices = snapshot->simplices;
    m->coefficients = snapshot->coefficients;
    m->inputNames = context->inputNames;
    m->outputNames = context->outputNames;
    m->training["phase"] = phaseName(snapshot->phase);
    m->training["iterations"] = std::to_string(snapshot->iteration);
    model = std::move(m);
  }
  return *model;
}

namespace {

// The training data as the engine reads it: X and y viewed in place where their layout allows.
struct TrainingArrays {
  TrainingArrays(py::handle X, py::handle y, const std::string& prefix = "")
      : x(X, prefix + "X"), y(y, prefix + "y") {
    requireFinite(x.view(), x.name());
    requireFinite(this->y.view(), this->y.name());
    requireModestTargets(this->y.view(), this->y.name());  // named y, not the data set's "X"
  }
  DatasetView view(std::vector<std::string> inputNames,
                   std::vector<std::string> outputNames) const {
    return DatasetView(x.view(), y.view(), "X", std::move(inputNames), std::move(outputNames));
  }
  MatrixArg x, y;
};

std::vector<std::string> names(py::handle list) {
  return list.is_none() ? std::vector<std::string>{} : list.cast<std::vector<std::string>>();
}

class Engine {
 public:
  Engine(py::handle X, py::handle y, py::handle validation, py::handle inputNames,
         py::handle outputNames, const py::dict& options)
      : options_(fitOptions(options)) {
    const TrainingArrays train(X, y);
    const DatasetView view = train.view(names(inputNames), names(outputNames));
    Dataset valid;  // small by nature: copied (the engine keeps it in the unit domain anyway)
    if (!validation.is_none()) {
      const auto pair = validation.cast<py::tuple>();
      if (pair.size() != 2) throw py::value_error("validation must be a pair (X, y)");
      const TrainingArrays v(pair[0], pair[1], "validation ");
      if (v.x.view().rows() != v.y.view().rows())
        throw Error("validation X: " + std::to_string(v.x.view().rows()) + " input rows but " +
                    std::to_string(v.y.view().rows()) + " target rows");
      valid.X = v.x.view();
      valid.Y = v.y.view();
      valid.source = "validation X";
      if (valid.size() == 0) throw Error("validation X: the validation set is empty");
    }
    {
      py::gil_scoped_release release;  // the engine sorts / locates its copy of the samples
      ThreadScope threads(options_.threads);
      engine_ = makeEngine(view, validation.is_none() ? nullptr : &valid, resolved());
    }
    auto context = std::make_shared<SnapshotContext>();
    context->normalizer = engine_->normalizer();
    context->outputs = view.outputs();
    context->inputNames = namesOrDefault(view.inputNames, "x", view.dim());  // as the engine
    context->outputNames = namesOrDefault(view.outputNames, "y", view.outputs());
    context_ = std::move(context);
  }

  py::object wrap(const SnapshotPtr& s) const {
    if (!s) return py::none();
    return py::cast(PySnapshot{s, context_, nullptr});
  }

  py::object initialSnapshot() { return wrap(engine_->initialSnapshot()); }

  py::object substep() {
    SnapshotPtr s;
    guarded(py::none(), true, [&](const std::atomic<bool>&) { s = engine_->step(); });
    return wrap(s);
  }

  py::object step() {
    SnapshotPtr s;
    guarded(py::none(), true, [&](const std::atomic<bool>& cancel) {
      s = engine_->step();
      while (engine_->phase() != Phase::Reindex && !cancel) s = engine_->step();
    });
    return wrap(s);
  }

  std::shared_ptr<Model> run(py::object callback) {
    Model best;
    guarded(std::move(callback), false,
            [&](const std::atomic<bool>& cancel) { best = engine_->run(&cancel); });
    return std::make_shared<Model>(std::move(best));
  }

  MrcEngine& engine() { return *engine_; }
  const MrcEngine& engine() const { return *engine_; }
  py::object lastSnapshot() const { return wrap(engine_->snapshot()); }

 private:
  // The device as `lreg fit` resolves it: auto falls back to the CPU, cuda without a GPU throws.
  MrcOptions resolved() const {
    MrcOptions o = options_.mrc;
    try {
      o.device = resolveDevice(o.device);
    } catch (const Error& e) {
      throw Error(std::string("device='cuda': ") + e.what());
    }
    return o;
  }

  void guarded(py::object callback, bool metricsEveryPhase,
               const std::function<void(const std::atomic<bool>&)>& work) {
    SubStepGuard guard(std::move(callback), [this](const SnapshotPtr& s) { return wrap(s); });
    guard.run(*engine_, metricsEveryPhase, [&] {
      ThreadScope threads(options_.threads);
      work(guard.cancel());
    });
  }

  FitOptions options_;
  std::unique_ptr<MrcEngine> engine_;
  std::shared_ptr<const SnapshotContext> context_;
};

template <class Array>
auto view(Array Snapshot::*member) {
  return [member](py::object self) {
    return readOnlyView((*self.cast<const PySnapshot&>().snapshot).*member, self);
  };
}

std::string describe(const PySnapshot& p) {
  const Snapshot& s = *p.snapshot;
  char rmse[32];
  std::snprintf(rmse, sizeof rmse, "%.6g", s.train.rmse);
  return "<lreg.Snapshot iteration " + std::to_string(s.iteration) + ", " + phaseName(s.phase) +
         ": " + std::to_string(s.nodes.rows()) + " nodes, " + std::to_string(s.simplices.rows()) +
         " simplices, train RMSE " + rmse + ">";
}

}  // namespace

void bindEngine(py::module_& m) {
  py::class_<PySnapshot>(m, "Snapshot", R"doc(
The engine after one sub-step: what the app draws and keeps in its history. Immutable; the
arrays are read-only views of its memory. Coordinates are in the unit domain [0,1]^d (as in the
model file); `input_nodes` / `input_removed` are in input space.
)doc")
      .def_property_readonly(
          "iteration", [](const PySnapshot& p) { return p.snapshot->iteration; },
          "completed MRC iterations when this was taken")
      .def_property_readonly(
          "phase", [](const PySnapshot& p) { return phaseName(p.snapshot->phase); },
          "the sub-step just done: initial, train, polish (2D least squares: nodes moved), "
          "refine, interpolate, coarsen or reindex")
      .def_property_readonly("next_phase",
                             [](const PySnapshot& p) { return phaseName(nextPhase(*p.snapshot)); })
      .def_property_readonly("dim", [](const PySnapshot& p) { return p.snapshot->dim; })
      .def_property_readonly("outputs", [](const PySnapshot& p) { return p.context->outputs; })
      .def_property_readonly("nodes", view(&Snapshot::nodes), "#D by d, unit domain")
      .def_property_readonly("simplices", view(&Snapshot::simplices),
                             "#n_t by d+1 node indices (intervals [i, i+1] in 1D)")
      .def_property_readonly("coefficients", view(&Snapshot::coefficients), "#D by C")
      .def_property_readonly("counts", view(&Snapshot::counts),
                             "#n_t hardness per simplex (what refinement ranks)")
      .def_property_readonly("inserted", view(&Snapshot::inserted),
                             "indices of the nodes the last Refine inserted")
      .def_property_readonly("to_remove", view(&Snapshot::toRemove),
                             "indices of the nodes the coming Coarsen removes")
      .def_property_readonly("removed", view(&Snapshot::removed),
                             "#k by d positions of the nodes the last Coarsen removed, unit domain")
      .def_property_readonly("moved", view(&Snapshot::moved),
                             "indices of the nodes the last Polish moved")
      .def_property_readonly("moved_from", view(&Snapshot::movedFrom),
                             "#k by d positions of those nodes before the Polish, unit domain")
      .def_property_readonly("input_nodes",
                             [](const PySnapshot& p) {
                               return newArray(p.context->normalizer.fromUnit(p.snapshot->nodes));
                             })
      .def_property_readonly("input_removed",
                             [](const PySnapshot& p) {
                               return newArray(p.context->normalizer.fromUnit(p.snapshot->removed));
                             })
      .def_property_readonly(
          "train", [](const PySnapshot& p) { return metricsDict(p.snapshot->train); },
          "errors on the training set: {'mae', 'rmse', 'r2'}")
      .def_property_readonly(
          "validation", [](const PySnapshot& p) { return metricsDict(p.snapshot->validation); },
          "errors on the validation set (the training set's without one)")
      .def_property_readonly("has_validation",
                             [](const PySnapshot& p) { return p.snapshot->hasValidation; })
      .def_property_readonly("seconds", [](const PySnapshot& p) { return p.snapshot->seconds; })
      .def_property_readonly("total_seconds",
                             [](const PySnapshot& p) { return p.snapshot->totalSeconds; })
      .def(
          "model", [](const PySnapshot& p) { return std::make_shared<Model>(p.asModel()); },
          "the function of this snapshot as an lreg.Model (a copy)")
      .def(
          "predict", [](const PySnapshot& p, py::handle X) { return predictArray(p.asModel(), X); },
          py::arg("X"), "the function of this snapshot at X (#N by d): #N by C")
      .def("__repr__", &describe);

  py::class_<Engine>(m, "Engine", R"doc(
Engine(X, y, *, validation=None, input_names=None, output_names=None, **options)

The MRC loop on (X, y), one sub-step at a time: what the app's Run / Step / Sub-step buttons do.
X is #N by d (d = 1, 2, 3; a 1D array is one input), y is #N or #N by C. Options are those of
`lreg fit` (see lreg.default_options()). The engine copies the samples into its own layout;
float64 arrays are read in place for that (no other copy).

substep() runs one sub-step (train -> refine -> interpolate -> coarsen -> reindex -> train ...),
step() one MRC iteration (to the next reindex), run(callback) to convergence and returns the
best model. Each returns / passes lreg.Snapshot objects. The GIL is released while the engine
works; Ctrl-C stops it at the next sub-step boundary (KeyboardInterrupt is raised, the engine
keeps its state and best_model()).
)doc")
      .def(py::init([](py::handle X, py::handle y, py::handle validation, py::handle inputNames,
                       py::handle outputNames, py::kwargs options) {
             return std::make_unique<Engine>(X, y, validation, inputNames, outputNames, options);
           }),
           py::arg("X"), py::arg("y"), py::kw_only(), py::arg("validation") = py::none(),
           py::arg("input_names") = py::none(), py::arg("output_names") = py::none())
      .def("initial_snapshot", &Engine::initialSnapshot, "the starting mesh (phase 'initial')")
      .def("substep", &Engine::substep, "runs the next sub-step; returns its snapshot")
      .def("step", &Engine::step, "runs sub-steps to the end of the iteration (reindex)")
      .def("run", &Engine::run, py::arg("callback") = py::none(), R"doc(
Steps until the loop converges (iteration budget or patience) and returns the best model (by
validation RMSE after a fit: train, or polish where the loop polishes). callback(snapshot) is called after every sub-step; if it
returns False the run stops there; an exception it raises stops the run and is re-raised.
Metrics are fresh after fits (train, or its polish); other sub-steps repeat them (as `lreg fit`).)doc")
      .def_property_readonly("phase", [](const Engine& e) { return phaseName(e.engine().phase()); })
      .def_property_readonly("iteration", [](const Engine& e) { return e.engine().iteration(); })
      .def_property_readonly("converged", [](const Engine& e) { return e.engine().converged(); })
      .def_property_readonly("snapshot", &Engine::lastSnapshot,
                             "the last snapshot (None before the first)")
      .def_property_readonly("dim", [](const Engine& e) { return e.engine().dim(); })
      .def(
          "best_model",
          [](const Engine& e) { return std::make_shared<Model>(e.engine().bestModel()); },
          "the model with the best validation RMSE so far")
      .def("current_model",
           [](const Engine& e) { return std::make_shared<Model>(e.engine().currentModel()); })
      .def(
          "start_from", [](Engine& e, const Model& model) { e.engine().startFrom(model); },
          py::arg("model"), "restarts the loop from a model of the same data (its mesh, its D)")
      .def(
          "training_metrics",
          [](const Engine& e, const Model& model) {
            return metricsDict(e.engine().trainingMetrics(model));
          },
          py::arg("model"), "a model's errors on every training sample");
}

}  // namespace lreg::python
