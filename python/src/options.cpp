#include "options.h"

#include <climits>
#include <functional>
#include <map>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>

namespace lreg::python {
namespace {

[[noreturn]] void invalid(const std::string& what) {
  throw Error("invalid option: " + what);
}

long long integer(py::handle value, const std::string& name) {
  if (PyFloat_Check(value.ptr())) {  // 64.0 is a whole number; 64.5 is not
    const double v = value.cast<double>();
    if (v != double(static_cast<long long>(v))) invalid(name + " must be a whole number");
    return static_cast<long long>(v);
  }
  PyObject* index = PyNumber_Index(value.ptr());
  if (!index) throw py::error_already_set();
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(index, &overflow);
  Py_DECREF(index);
  if (overflow) invalid(name + " is out of range");
  return v;
}

int smallInteger(py::handle value, const std::string& name) {
  const long long v = integer(value, name);
  if (v < INT_MIN || v > INT_MAX) invalid(name + " is out of range");
  return int(v);
}

double real(py::handle value) {
  return py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
}

std::string text(py::handle value, const std::string& name) {
  if (!py::isinstance<py::str>(value))
    throw py::type_error("option " + name + " must be a string, got " +
                         py::str(py::type::of(value)).cast<std::string>());
  return value.cast<std::string>();
}

using Setter = std::function<void(FitOptions&, py::handle, const std::string&)>;

// Python name -> how it sets the options. The names are `lreg fit`'s, made into identifiers:
// --fit is `method` (fit is the estimator's method), --lambda is `l1_lambda` (a keyword),
// --no-noise-floor is `noise_floor=False`.
const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"dof", [](FitOptions& o, py::handle v, auto& n) { o.mrc.dof = smallInteger(v, n); }},
      {"iterations",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.iterations = smallInteger(v, n); }},
      {"patience",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.patience = smallInteger(v, n); }},
      {"method",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.fit = parseFitMethod(text(v, n)); }},
      {"indicator",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.indicator = parseIndicator(text(v, n)); }},
      {"topk",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.refineCount = smallInteger(v, n); }},
      {"damping", [](FitOptions& o, py::handle v, auto&) { o.mrc.damping = real(v); }},
      {"prior", [](FitOptions& o, py::handle v, auto&) { o.mrc.prior = real(v); }},
      {"noise_floor",
       [](FitOptions& o, py::handle v, auto&) {
         o.mrc.noiseAware = py::bool_(py::reinterpret_borrow<py::object>(v));
       }},
      {"placement",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.placementSamples = long(integer(v, n)); }},
      {"polish",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.polishSteps = smallInteger(v, n); }},
      {"smoothing", [](FitOptions& o, py::handle v, auto&) { o.mrc.smoothing = real(v); }},
      {"loss", [](FitOptions& o, py::handle v, auto& n) { o.mrc.loss = parseLoss(text(v, n)); }},
      {"lr", [](FitOptions& o, py::handle v, auto&) { o.mrc.learningRate = real(v); }},
      {"l1_lambda", [](FitOptions& o, py::handle v, auto&) { o.mrc.l1Lambda = real(v); }},
      {"epochs", [](FitOptions& o, py::handle v, auto& n) { o.mrc.epochs = smallInteger(v, n); }},
      {"batch", [](FitOptions& o, py::handle v, auto& n) { o.mrc.batchSize = smallInteger(v, n); }},
      {"hard",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.hardPerBatch = smallInteger(v, n); }},
      {"seed",
       [](FitOptions& o, py::handle v, auto& n) {
         const long long seed = integer(v, n);
         if (seed < 0) invalid("seed must be >= 0");
         o.mrc.seed = std::uint64_t(seed);
       }},
      {"threads",
       [](FitOptions& o, py::handle v, auto& n) {
         o.threads = smallInteger(v, n);
         if (o.threads < 0) invalid("threads must be >= 0");
       }},
      {"device",
       [](FitOptions& o, py::handle v, auto& n) { o.mrc.device = parseDevice(text(v, n)); }},
  };
  return table;
}

std::string optionNames() {
  std::string s;
  for (const auto& [name, set] : setters()) s += (s.empty() ? "" : ", ") + name;
  return s;
}

}  // namespace

FitOptions fitOptions(const py::dict& options) {
  FitOptions o;
  for (const auto& [key, value] : options) {
    const std::string name = py::str(key).cast<std::string>();
    const auto it = setters().find(name);
    if (it == setters().end())
      throw py::type_error("unknown option '" + name + "' (the options are " + optionNames() + ")");
    if (!value.is_none()) it->second(o, value, name);
  }
  return o;
}

py::dict defaultOptions() {
  const MrcOptions m;
  py::dict d;
  d["dof"] = m.dof;
  d["iterations"] = m.iterations;
  d["patience"] = m.patience;
  d["method"] = fitMethodName(m.fit);
  d["indicator"] = indicatorName(m.indicator);
  d["topk"] = m.refineCount == 0 ? py::object(py::none()) : py::int_(m.refineCount);
  d["damping"] = m.damping;
  d["prior"] = m.prior;
  d["noise_floor"] = m.noiseAware;
  d["placement"] = m.placementSamples;
  d["polish"] = m.polishSteps;
  d["smoothing"] = m.smoothing;
  d["loss"] = lossName(m.loss);
  d["lr"] = m.learningRate;
  d["l1_lambda"] = m.l1Lambda;
  d["epochs"] = m.epochs;
  d["batch"] = m.batchSize;
  d["hard"] = m.hardPerBatch;
  d["seed"] = m.seed;
  d["threads"] = py::none();
  d["device"] = deviceName(m.device);
  return d;
}

ThreadScope::ThreadScope(int threads) : previous_(threadCount()), set_(threads > 0) {
  if (set_) setThreadCount(threads);
}

ThreadScope::~ThreadScope() {
  if (set_) setThreadCount(previous_);
}

}  // namespace lreg::python
