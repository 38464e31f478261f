#include "options.h"

#include <climits>
#include <cmath>
#include <functional>
#include <map>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/printable.h>

namespace lreg::python {
namespace {

// The words of the CLI's option parser (app/common/cli_options), with the Python name of the
// option where the CLI names its flag: "seed: '-1' is out of range (must be >= 0)".
[[noreturn]] void refuse(const std::string& option, const std::string& what) {
  throw Error(option + ": " + what);
}

std::string shown(py::handle value) {
  return printable(py::str(value).cast<std::string>());
}

long long whole(py::handle value, const std::string& name, long long lo = LLONG_MIN,
                long long hi = LLONG_MAX) {
  // Python's bool is an int, a float may hold a whole number: neither is what the CLI takes.
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr()))
    refuse(name, "expects a whole number, got '" + shown(value) + "'");
  const py::int_ v = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  int overflow = 0;
  const long long x = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
  if (overflow < 0 || (!overflow && x < lo))
    refuse(name, "'" + shown(value) + "' is out of range (must be >= " + std::to_string(lo) + ")");
  if (overflow > 0 || x > hi)
    refuse(name, "'" + shown(value) + "' is out of range (must be <= " + std::to_string(hi) + ")");
  return x;
}

int smallWhole(py::handle value, const std::string& name, int lo = INT_MIN, int hi = INT_MAX) {
  return int(whole(value, name, lo, hi));
}

double real(py::handle value, const std::string& name) {
  if (PyBool_Check(value.ptr()) || !PyNumber_Check(value.ptr()) || PyComplex_Check(value.ptr()))
    refuse(name, "expects a number, got '" + shown(value) + "'");
  const double v = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  if (!std::isfinite(v))
    refuse(name, "'" + shown(value) + "' is out of range (must be a finite number)");
  return v;
}

// A word the core parses (parseFitMethod, ...), its refusal named after the option.
template <class T>
T parsed(py::handle value, const std::string& name, T (*parse)(const std::string&)) {
  if (!py::isinstance<py::str>(value)) refuse(name, "expects a string, got '" + shown(value) + "'");
  try {
    return parse(value.cast<std::string>());
  } catch (const Error& e) {
    refuse(name, e.what());
  }
}

using Setter = std::function<void(FitOptions&, py::handle, const std::string&)>;

// Python name -> how it sets the options. The names are `lreg fit`'s, made into identifiers:
// --fit is `method` (fit is the estimator's method), --lambda is `l1_lambda` (a keyword),
// --no-noise-floor is `noise_floor=False`. Ranges are the CLI's; MrcOptions::validate checks
// the rest when the engine is made (the same "invalid option: ..." as `lreg fit`).
const std::map<std::string, Setter>& setters() {
  using H = py::handle;
  using S = const std::string&;
  static const std::map<std::string, Setter> table = {
      {"dof", [](FitOptions& o, H v, S n) { o.mrc.dof = smallWhole(v, n); }},
      {"iterations", [](FitOptions& o, H v, S n) { o.mrc.iterations = smallWhole(v, n); }},
      {"patience", [](FitOptions& o, H v, S n) { o.mrc.patience = smallWhole(v, n); }},
      {"method", [](FitOptions& o, H v, S n) { o.mrc.fit = parsed(v, n, parseFitMethod); }},
      {"indicator",
       [](FitOptions& o, H v, S n) { o.mrc.indicator = parsed(v, n, parseIndicator); }},
      {"topk", [](FitOptions& o, H v, S n) { o.mrc.refineCount = smallWhole(v, n); }},
      {"damping", [](FitOptions& o, H v, S n) { o.mrc.damping = real(v, n); }},
      {"prior", [](FitOptions& o, H v, S n) { o.mrc.prior = real(v, n); }},
      {"noise_floor",
       [](FitOptions& o, H v, S n) {
         if (!PyBool_Check(v.ptr())) refuse(n, "expects True or False, got '" + shown(v) + "'");
         o.mrc.noiseAware = v.ptr() == Py_True;
       }},
      {"placement", [](FitOptions& o, H v, S n) { o.mrc.placementSamples = long(whole(v, n)); }},
      {"polish", [](FitOptions& o, H v, S n) { o.mrc.polishSteps = smallWhole(v, n); }},
      {"smoothing", [](FitOptions& o, H v, S n) { o.mrc.smoothing = real(v, n); }},
      {"loss", [](FitOptions& o, H v, S n) { o.mrc.loss = parsed(v, n, parseLoss); }},
      {"lr", [](FitOptions& o, H v, S n) { o.mrc.learningRate = real(v, n); }},
      {"l1_lambda", [](FitOptions& o, H v, S n) { o.mrc.l1Lambda = real(v, n); }},
      {"epochs", [](FitOptions& o, H v, S n) { o.mrc.epochs = smallWhole(v, n); }},
      {"batch", [](FitOptions& o, H v, S n) { o.mrc.batchSize = smallWhole(v, n); }},
      {"hard", [](FitOptions& o, H v, S n) { o.mrc.hardPerBatch = smallWhole(v, n); }},
      {"seed", [](FitOptions& o, H v, S n) { o.mrc.seed = std::uint64_t(whole(v, n, 0)); }},
      {"threads", [](FitOptions& o, H v, S n) { o.threads = smallWhole(v, n, 1, 1024); }},
      {"device", [](FitOptions& o, H v, S n) { o.mrc.device = parsed(v, n, parseDevice); }},
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
