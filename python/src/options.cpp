#include "options.h"

#include <functional>
#include <map>

#include <lreg/base/parallel.h>
#include "option_values.h"

namespace lreg::python {
namespace {

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
      {"noise_floor", [](FitOptions& o, H v, S n) { o.mrc.noiseAware = flag(v, n); }},
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

}  // namespace

FitOptions fitOptions(const py::dict& options) {
  return readOptions<FitOptions>(options, setters());
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
