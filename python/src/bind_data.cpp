// The paper's data sets (lreg.generate), the CLI's data reader (lreg.read_data), the option
// defaults and what the library was built with.
#include <pybind11/stl.h>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/data/generators.h>
#include <lreg/engine/backend.h>
#include <lreg/io/npy.h>
#include <lreg/version.h>
#include "arrays.h"
#include "bindings.h"
#include "options.h"

namespace lreg::python {
namespace {

py::dict infoDict(const GeneratorInfo& g) {
  py::dict d;
  d["name"] = g.name;
  d["dim"] = g.dim;
  d["outputs"] = g.outputs;
  d["train_size"] = g.trainSize;
  d["test_size"] = g.testSize;
  d["description"] = g.description;
  return d;
}

// A generated data set; its arrays are read-only views of the C++ object's memory.
struct PyGenerated {
  GeneratedData data;
};

py::array targets(const RowMatrix& Y, py::handle owner) {
  // One output: shape (N,), as scikit-learn's regressors take it.
  py::array a = readOnlyView(Y, owner);
  return Y.cols() == 1 ? py::array(a.attr("reshape")(Y.rows())) : a;
}

// X or y of the train or test part: inputs #N by d, targets #N (one output) or #N by C.
auto part(Dataset GeneratedData::*set, bool inputs) {
  return [set, inputs](py::object self) {
    const Dataset& d = self.cast<const PyGenerated&>().data.*set;
    return inputs ? readOnlyView(d.X, self) : targets(d.Y, self);
  };
}

py::array_t<double> truthAt(const PyGenerated& g, py::handle X) {
  const MatrixArg x(X, "X");
  const int d = g.data.info.dim, C = g.data.info.outputs;
  if (x.view().cols() != d)
    throw Error("X: " + g.data.info.name + " has " + std::to_string(d) + " input column(s), got " +
                std::to_string(x.view().cols()));
  RowMatrix Y(x.view().rows(), C);
  Eigen::RowVectorXd row(d);
  for (Eigen::Index i = 0; i < Y.rows(); ++i) {
    row = x.view().row(i);
    g.data.truth(row.data(), Y.row(i).data());
  }
  return newArray(Y, true);
}

}  // namespace

void bindData(py::module_& m) {
  py::class_<PyGenerated>(m, "GeneratedData",
                          "A data set of the paper: X_train, y_train, X_test, y_test (read-only "
                          "views), truth(X) the noise-free function, info.")
      .def_property_readonly("X_train", part(&GeneratedData::train, true))
      .def_property_readonly("y_train", part(&GeneratedData::train, false))
      .def_property_readonly("X_test", part(&GeneratedData::test, true))
      .def_property_readonly("y_test", part(&GeneratedData::test, false))
      .def_property_readonly("info", [](const PyGenerated& g) { return infoDict(g.data.info); })
      .def("truth", &truthAt, py::arg("X"),
           "the noise-free target at X: #N (one output) or #N by C")
      .def("__repr__", [](const PyGenerated& g) {
        return "<lreg.GeneratedData " + g.data.info.name + ": " +
               std::to_string(g.data.train.size()) + " train, " +
               std::to_string(g.data.test.size()) + " test samples>";
      });

  m.def(
      "generate",
      [](const std::string& name, long long seed, long trainSize, long testSize,
         double noiseScale) {
        if (seed < 0) throw Error("seed must be >= 0");
        if (trainSize < 0 || testSize < 0) throw Error("sizes must be >= 0 (0: the paper's)");
        return PyGenerated{generate(name, std::uint64_t(seed), {trainSize, testSize, noiseScale})};
      },
      py::arg("name"), py::arg("seed") = 1, py::kw_only(), py::arg("train_size") = 0,
      py::arg("test_size") = 0, py::arg("noise_scale") = 1.0,
      "One of the paper's data sets, as `lreg generate NAME --seed S` writes it (the same "
      "values). Sizes of 0 mean the paper's.");
  m.def(
      "generators",
      [] {
        py::list l;
        for (const auto& g : generators()) l.append(infoDict(g));
        return l;
      },
      "the data sets lreg.generate knows");
  m.def(
      "read_data",
      [](py::handle path, int targets) {
        const std::string p = py::str(py::module_::import("os").attr("fspath")(path));
        Dataset d;
        {
          py::gil_scoped_release release;
          d = readData(p, targets, 1);
        }
        return py::make_tuple(newArray(d.X), newArray(d.Y, true), d.inputNames, d.outputNames);
      },
      py::arg("path"), py::arg("targets") = 1,
      "Reads a CSV or .npy file as `lreg fit` does: (X, y, input_names, output_names).");
  m.def("default_options", &defaultOptions,
        "every option of Engine / LRegRegressor with its default (the defaults of `lreg fit`)");
  m.def(
      "_layout",
      [](py::handle array) {
        const MatrixArg a(array, "array");
        py::dict d;
        d["copied"] = a.copied();
        d["address"] = reinterpret_cast<std::uintptr_t>(a.view().data());
        d["shape"] = py::make_tuple(a.view().rows(), a.view().cols());
        d["strides"] = py::make_tuple(a.view().outerStride(), a.view().innerStride());
        return d;
      },
      py::arg("array"),
      "How the engine would read `array`: in place or from a float64 copy (for the tests).");
  m.def("info", [] {
    const CudaStatus& cuda = cudaStatus();
    py::dict d, cudaInfo;
    d["version"] = kVersion;
    d["build"] = kBuildOptions;
    d["threads"] = threadCount();
    cudaInfo["compiled"] = cuda.compiled;
    cudaInfo["devices"] = cuda.devices;
    cudaInfo["gpu"] = !cuda.noGpu;
    cudaInfo[cuda.devices > 0 ? "name" : "reason"] = cuda.devices > 0 ? cuda.name : cuda.reason;
    d["cuda"] = cudaInfo;
    return d;
  });
}

}  // namespace lreg::python
