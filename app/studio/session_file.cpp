#include "app/studio/session_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <type_traits>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/base/printable.h>
#include <lreg/data/generators.h>
#include <lreg/io/json.h>
#include <lreg/model/model_io.h>
#include "app/studio/settings_dialog.h"

namespace lreg::studio {
namespace {

// --- reading: every value is looked up with its key path, so a message names where it is -----

// A problem with the value at a key path ("settings.mrc.dof"); the reader adds the line.
class KeyError : public Error {
 public:
  KeyError(std::string path, const std::string& message) : Error(message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The line of the value at `path` in the text: each key is looked for after the previous one
// (array indices stay on their array's line). 0 when a key is not found.
int lineOf(const std::string& text, const std::string& path) {
  size_t at = 0;
  size_t begin = 0;
  while (begin < path.size()) {
    size_t end = path.find('.', begin);
    if (end == std::string::npos) end = path.size();
    const std::string key = path.substr(begin, std::min(end, path.find('[', begin)) - begin);
    if (!key.empty()) {
      at = text.find("\"" + key + "\":", at);
      if (at == std::string::npos) return 0;
    }
    begin = end + 1;
  }
  return 1 + int(std::count(text.begin(), text.begin() + long(at), '\n'));
}

class Node {
 public:
  Node(const Json& json, std::string path) : json_(json), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  const Json& json() const { return json_; }
  bool has(const std::string& key) const { return json_.find(key) != nullptr; }
  Node at(const std::string& key) const {
    object();
    const Json* v = json_.find(key);
    if (!v) fail(key, "is missing");
    return Node(*v, child(key));
  }
  Node item(size_t i, const Json& value) const {
    return Node(value, path_ + "[" + std::to_string(i) + "]");
  }

  void object() const {
    if (!json_.isObject()) fail("", "must be an object");
  }
  const Json::Array& array() const {
    if (!json_.isArray()) fail("", "must be an array");
    return json_.array();
  }
  double number() const {
    if (!json_.isNumber()) fail("", "must be a number");
    return json_.number();
  }
  double real(double lo = -std::numeric_limits<double>::infinity(),
              double hi = std::numeric_limits<double>::infinity()) const {
    const double v = number();
    if (!(v >= lo && v <= hi)) fail("", "is " + json_.dump() + ", out of range");
    return v;
  }
  long integer(long lo, long hi) const {
    const double v = number();
    if (v != std::floor(v) || v < double(lo) || v > double(hi))
      fail("", "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                   ", not " + json_.dump());
    return long(v);
  }
  bool boolean() const {
    if (!json_.isBool()) fail("", "must be true or false");
    return json_.boolean();
  }
  const std::string& string() const {
    if (!json_.isString()) fail("", "must be a string");
    return json_.string();
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    const auto& a = array();
    for (size_t i = 0; i < a.size(); ++i) out.push_back(item(i, a[i]).string());
    return out;
  }
  /// Runs `parse` and puts this node's path before any message it throws.
  template <typename F>
  auto within(F parse) const {
    try {
      return parse();
    } catch (const KeyError&) {
      throw;
    } catch (const Error& e) {
      throw KeyError(path_, path_ + ": " + e.what());
    }
  }

  // Problems may quote the file's text (a kind, a name): shown escaped, one printable line.
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw KeyError(child(key), printable(child(key) + " " + problem));
  }

 private:
  std::string child(const std::string& key) const {
    if (key.empty()) return path_;
    return path_.empty() ? key : path_ + "." + key;
  }
  const Json& json_;
  std::string path_;
};

// Optional members keep their defaults when absent (files of older builds, hand-written ones).
template <typename T, typename F>
void optional(const Node& n, const std::string& key, T& value, F read) {
  if (n.has(key)) value = read(n.at(key));
}

// --- matrices and data ---------------------------------------------------------------------

Json numbers(const double* v, long n) {
  Json a = Json::makeArray();
  for (long i = 0; i < n; ++i) a.push(v[i]);
  return a;
}

Json strings(const std::vector<std::string>& names) {
  Json a = Json::makeArray();
  for (const auto& n : names) a.push(n);
  return a;
}

// One row per sample, the inputs then the targets, flattened: compact and quick to read.
Json datasetToJson(const Dataset& d) {
  Json j = Json::makeObject();
  j.set("input_names", strings(d.inputNames));
  j.set("output_names", strings(d.outputNames));
  j.set("rows", long(d.size()));
  Json values = Json::makeArray();
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    for (int a = 0; a < d.dim(); ++a) values.push(d.X(i, a));
    for (int c = 0; c < d.outputs(); ++c) values.push(d.Y(i, c));
  }
  j.set("values", std::move(values));
  return j;
}

std::shared_ptr<const Dataset> datasetFromJson(const Node& n, const std::string& source) {
  auto d = std::make_shared<Dataset>();
  d->source = source;
  d->inputNames = n.at("input_names").strings();
  d->outputNames = n.at("output_names").strings();
  const int dim = int(d->inputNames.size()), outputs = int(d->outputNames.size());
  if (dim < 1 || dim > 3) n.at("input_names").fail("", "must name 1 to 3 inputs");
  if (outputs < 1) n.at("output_names").fail("", "must name at least one output");
  const long rows = n.at("rows").integer(0, std::numeric_limits<int>::max());
  const Node values = n.at("values");
  const auto& a = values.array();
  const long width = dim + outputs;
  if (long(a.size()) != rows * width)
    values.fail("", "has " + std::to_string(a.size()) + " numbers; " + std::to_string(rows) +
                        " rows of " + std::to_string(width) + " need " +
                        std::to_string(rows * width));
  d->X.resize(rows, dim);
  d->Y.resize(rows, outputs);
  for (long i = 0; i < rows; ++i) {
    for (long k = 0; k < width; ++k) {
      const Json& v = a[size_t(i * width + k)];
      if (!v.isNumber() || !std::isfinite(v.number()))
        values.item(size_t(i * width + k), v).fail("", "must be a finite number");
      (k < dim ? d->X(i, k) : d->Y(i, k - dim)) = v.number();
    }
  }
  return d;
}

long valueCount(const DataBundle& data) {
  auto count = [](const Dataset& d) { return long(d.size()) * (d.dim() + d.outputs()); };
  return count(data.train) + count(data.test);
}

Json dataToJson(const DataBundle& data) {
  const DataRequest& r = data.request;
  Json j = Json::makeObject();
  if (r.kind == DataRequest::Kind::Generator) {
    j.set("source", "generator");
    j.set("generator", data.name);
    j.set("train_size", long(r.trainSize));
    j.set("noise_scale", r.noiseScale);
    j.set("seed", double(r.seed));
    return j;
  }
  j.set("source", "file");
  j.set("path", r.path);
  j.set("name", data.name);
  // Data that came embedded have no other home: they stay embedded whatever their size.
  if (r.kind == DataRequest::Kind::Embedded || valueCount(data) <= kMaxEmbeddedValues) {
    Json embedded = Json::makeObject();
    embedded.set("train", datasetToJson(data.train));
    if (data.hasTest()) embedded.set("test", datasetToJson(data.test));
    j.set("embedded", std::move(embedded));
  }
  return j;
}

DataRequest dataFromJson(const Node& n, const std::string& source) {
  const std::string& kind = n.at("source").string();
  if (kind == "generator") {
    const Node name = n.at("generator");
    const GeneratorInfo& info =
        name.within([&]() -> const GeneratorInfo& { return findGenerator(name.string()); });
    DataRequest r = DataRequest::generated(info.name);
    optional(n, "train_size", r.trainSize,
             [](const Node& v) { return v.integer(0, kMaxGeneratedPoints); });
    if (r.trainSize == 1) n.at("train_size").fail("", "must be 0 (the paper's size) or >= 2");
    optional(n, "noise_scale", r.noiseScale,
             [](const Node& v) { return v.real(0, kMaxNoiseScale); });
    optional(n, "seed", r.seed,
             [](const Node& v) { return std::uint64_t(v.integer(0, (1L << 53))); });
    return r;
  }
  if (kind != "file")
    n.at("source").fail("", "must be \"generator\" or \"file\", not \"" + kind + "\"");
  const std::string path = n.at("path").string();
  if (!n.has("embedded")) return DataRequest::file(path);
  const Node e = n.at("embedded");
  auto train = datasetFromJson(e.at("train"), source + " (embedded " + path + ")");
  std::shared_ptr<const Dataset> test;
  if (e.has("test")) {
    test = datasetFromJson(e.at("test"), source + " (embedded test set)");
    if (test->dim() != train->dim() || test->outputs() != train->outputs())
      e.at("test").fail("", "has other columns than the training set");
  }
  std::string name = std::filesystem::path(path).filename().string();
  optional(n, "name", name, [](const Node& v) { return v.string(); });
  return DataRequest::embedded(std::move(train), std::move(test), name, path);
}

// --- settings --------------------------------------------------------------------------------

// How a setting's value is written and checked when read back.
struct Whole {  // a whole number in [lo, hi]
  long lo, hi;
};
struct Real {  // a finite number in [lo, hi]
  double lo, hi;
};
struct Flag {};  // true or false
template <typename T>
struct Named {  // an enum by its name ("lstsq", "huber", "cuda")
  std::string (*name)(T);
  T (*parse)(const std::string&);
};

// The MRC settings a session keeps, in file order: one list the writer and the reader both
// walk, so that every key written is read back with its range. `field(key, value, kind)`.
template <typename Options, typename F>
void forEachSetting(Options& o, F field) {
  constexpr long kBig = 1'000'000'000, kExact = 1L << 53;  // kExact: whole in a double
  field("dof", o.dof, Whole{2, kBig});
  field("iterations", o.iterations, Whole{0, kBig});
  field("patience", o.patience, Whole{0, kBig});
  field("fit", o.fit, Named<FitMethod>{fitMethodName, parseFitMethod});
  field("indicator", o.indicator, Named<Indicator>{indicatorName, parseIndicator});
  field("refine_count", o.refineCount, Whole{0, kBig});
  field("damping", o.damping, Real{0, 1});
  field("prior", o.prior, Real{0, 1});
  field("min_width", o.minWidth, Real{0, 1});
  field("smoothing", o.smoothing, Real{0, 1e12});
  field("noise_aware", o.noiseAware, Flag{});
  field("polish_steps", o.polishSteps, Whole{0, kBig});
  field("placement_samples", o.placementSamples, Whole{0, kExact});
  field("loss", o.loss, Named<LossKind>{lossName, parseLoss});
  field("learning_rate", o.learningRate, Real{0, 1e6});
  field("l1_lambda", o.l1Lambda, Real{0, 1e12});
  field("epochs", o.epochs, Whole{0, kBig});
  field("batch_size", o.batchSize, Whole{1, kBig});
  field("hard_per_batch", o.hardPerBatch, Whole{0, kBig});
  field("huber_delta", o.huberDelta, Real{0, 1e12});
  field("seed", o.seed, Whole{0, kExact});
  field("device", o.device, Named<Device>{deviceName, parseDevice});
}

template <typename T>
Json settingJson(T v, Whole) {
  return double(v);
}
Json settingJson(double v, Real) {
  return v;
}
Json settingJson(bool v, Flag) {
  return v;
}
template <typename T>
Json settingJson(T v, Named<T> kind) {
  return kind.name(v);
}

template <typename T>
T readSetting(const Node& v, Whole kind) {
  return T(v.integer(kind.lo, kind.hi));
}
template <typename T>
T readSetting(const Node& v, Real kind) {
  return v.real(kind.lo, kind.hi);
}
template <typename T>
T readSetting(const Node& v, Flag) {
  return v.boolean();
}
template <typename T>
T readSetting(const Node& v, Named<T> kind) {
  return v.within([&] { return kind.parse(v.string()); });
}

Json optionsToJson(const MrcOptions& o) {
  Json j = Json::makeObject();
  forEachSetting(o, [&](const char* key, const auto& value, auto kind) {
    j.set(key, settingJson(value, kind));
  });
  return j;
}

MrcOptions optionsFromJson(const Node& n) {
  n.object();
  MrcOptions o;
  forEachSetting(o, [&](const char* key, auto& value, auto kind) {
    using T = std::decay_t<decltype(value)>;
    optional(n, key, value, [&](const Node& v) { return readSetting<T>(v, kind); });
  });
  return o;
}

Json viewToJson(const ViewSettings& v) {
  Json j = Json::makeObject();
  j.set("color_by", v.field.colorBy == render::ColorBy::Residual ? "residual" : "value");
  j.set("output", v.field.output);
  j.set("wireframe", v.field.wireframe);
  j.set("heat_map", v.field.heatMap);
  j.set("trails", v.field.trails);
  j.set("clip_axis", v.field.clipAxis);
  j.set("clip_position", v.field.clipPosition);
  j.set("log_scale", v.logScale);
  j.set("mlp_panel", v.mlpPanel);
  j.set("mlp_epochs", v.mlpEpochs);
  j.set("scaling_from", v.scalingFrom);
  j.set("scaling_to", v.scalingTo);
  return j;
}

ViewSettings viewFromJson(const Node& n) {
  n.object();
  ViewSettings v;
  auto flag = [](const Node& x) { return x.boolean(); };
  auto whole = [](long lo, long hi) {
    return [=](const Node& x) { return int(x.integer(lo, hi)); };
  };
  if (n.has("color_by")) {
    const Node c = n.at("color_by");
    if (c.string() != "value" && c.string() != "residual")
      c.fail("", "must be \"value\" or \"residual\"");
    v.field.colorBy = c.string() == "residual" ? render::ColorBy::Residual : render::ColorBy::Value;
  }
  optional(n, "output", v.field.output, whole(0, 1 << 20));
  optional(n, "wireframe", v.field.wireframe, flag);
  optional(n, "heat_map", v.field.heatMap, flag);
  optional(n, "trails", v.field.trails, flag);
  optional(n, "clip_axis", v.field.clipAxis, whole(0, 2));
  optional(n, "clip_position", v.field.clipPosition, [](const Node& x) { return x.real(0, 1); });
  optional(n, "log_scale", v.logScale, flag);
  optional(n, "mlp_panel", v.mlpPanel, flag);
  optional(n, "mlp_epochs", v.mlpEpochs, whole(1, 100'000'000));
  optional(n, "scaling_from", v.scalingFrom, whole(2, 1 << 20));
  optional(n, "scaling_to", v.scalingTo, whole(2, 1 << 20));
  return v;
}

// --- models, history, MLP ------------------------------------------------------------------

// The model file's own format (doc/model-format.md), as a member.
Json modelToJsonValue(const Model& m) {
  return Json::parse(modelToJson(m), "model");
}

ModelPtr modelFromJsonValue(const Node& n) {
  n.object();
  // The model file's reader; its messages start with the name given, the key path here.
  try {
    return std::make_shared<const Model>(modelFromJson(n.json().dump(), n.path()));
  } catch (const Error& e) {
    throw KeyError(n.path(), e.what());
  }
}

Json metricsToJson(const Metrics& m) {
  Json j = Json::makeObject();
  j.set("mae", m.mae);
  j.set("rmse", m.rmse);
  j.set("r2", m.r2);
  j.set("mae_per_output", numbers(m.maePerOutput.data(), m.maePerOutput.size()));
  j.set("rmse_per_output", numbers(m.rmsePerOutput.data(), m.rmsePerOutput.size()));
  j.set("r2_per_output", numbers(m.r2PerOutput.data(), m.r2PerOutput.size()));
  return j;
}

Vector vectorFromJson(const Node& n) {
  const auto& a = n.array();
  Vector v(long(a.size()));
  for (size_t i = 0; i < a.size(); ++i) v[long(i)] = n.item(i, a[i]).number();
  return v;
}

Metrics metricsFromJson(const Node& n) {
  Metrics m;
  m.mae = n.at("mae").number();
  m.rmse = n.at("rmse").number();
  m.r2 = n.at("r2").number();
  optional(n, "mae_per_output", m.maePerOutput, vectorFromJson);
  optional(n, "rmse_per_output", m.rmsePerOutput, vectorFromJson);
  optional(n, "r2_per_output", m.r2PerOutput, vectorFromJson);
  return m;
}

Json historyToJson(const std::vector<IterationRecord>& records) {
  Json a = Json::makeArray();
  for (const IterationRecord& r : records) {
    Json j = Json::makeObject();
    j.set("iteration", r.iteration);
    j.set("dof", r.dof);
    j.set("train", metricsToJson(r.train));
    if (r.hasTest) j.set("test", metricsToJson(r.test));
    j.set("seconds", r.seconds);
    if (r.best.iteration >= 0) {
      Json best = Json::makeObject();
      best.set("iteration", r.best.iteration);
      best.set("train", metricsToJson(r.best.train));
      if (r.hasTest) best.set("test", metricsToJson(r.best.test));
      j.set("best", std::move(best));
    }
    a.push(std::move(j));
  }
  return a;
}

std::vector<IterationRecord> historyFromJson(const Node& n) {
  std::vector<IterationRecord> out;
  const auto& a = n.array();
  for (size_t i = 0; i < a.size(); ++i) {
    const Node e = n.item(i, a[i]);
    IterationRecord r;
    r.iteration = int(e.at("iteration").integer(0, 1 << 30));
    if (!out.empty() && r.iteration <= out.back().iteration)
      e.at("iteration").fail("", "must be larger than the previous record's");
    r.dof = int(e.at("dof").integer(1, 1 << 30));
    r.train = metricsFromJson(e.at("train"));
    r.hasTest = e.has("test");
    if (r.hasTest) r.test = metricsFromJson(e.at("test"));
    optional(e, "seconds", r.seconds, [](const Node& v) { return v.real(0); });
    if (e.has("best")) {  // (not in files written before it was measured)
      const Node best = e.at("best");
      r.best.iteration = int(best.at("iteration").integer(0, r.iteration));
      r.best.train = metricsFromJson(best.at("train"));
      if (r.hasTest) r.best.test = metricsFromJson(best.at("test"));
    }
    out.push_back(r);
  }
  return out;
}

Json matrixToJson(const Eigen::MatrixXd& m) {
  Json j = Json::makeObject();
  j.set("rows", long(m.rows()));
  j.set("cols", long(m.cols()));
  Json values = Json::makeArray();  // row by row
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) values.push(m(r, c));
  j.set("values", std::move(values));
  return j;
}

Eigen::MatrixXd matrixFromJson(const Node& n) {
  const long rows = n.at("rows").integer(0, 1 << 20), cols = n.at("cols").integer(0, 1 << 20);
  const Node values = n.at("values");
  const auto& a = values.array();
  if (long(a.size()) != rows * cols)
    values.fail("", "has " + std::to_string(a.size()) + " numbers, not " + std::to_string(rows) +
                        " by " + std::to_string(cols));
  Eigen::MatrixXd m(rows, cols);
  for (long r = 0; r < rows; ++r)
    for (long c = 0; c < cols; ++c)
      m(r, c) = values.item(size_t(r * cols + c), a[size_t(r * cols + c)]).number();
  return m;
}

Json mlpToJson(const Mlp& net, const std::vector<MlpEpoch>& curve) {
  const MlpOptions& o = net.options();
  Json j = Json::makeObject();
  j.set("dim", net.dim());
  j.set("outputs", net.outputs());
  Json hidden = Json::makeArray();
  for (int w : o.hidden) hidden.push(w);
  j.set("hidden", std::move(hidden));
  j.set("epochs", o.epochs);
  j.set("batch_size", o.batchSize);
  j.set("learning_rate", o.learningRate);
  j.set("seed", double(o.seed));
  Json layers = Json::makeArray();
  for (size_t l = 0; l < net.weights().size(); ++l) {
    Json layer = Json::makeObject();
    layer.set("weights", matrixToJson(net.weights()[l]));
    layer.set("biases", numbers(net.biases()[l].data(), net.biases()[l].size()));
    layers.push(std::move(layer));
  }
  j.set("layers", std::move(layers));
  Json points = Json::makeArray();
  for (const MlpEpoch& e : curve) {
    Json p = Json::makeObject();
    p.set("epoch", e.epoch);
    p.set("train_rmse", e.trainRmse);
    if (std::isfinite(e.testRmse)) p.set("test_rmse", e.testRmse);
    points.push(std::move(p));
  }
  j.set("curve", std::move(points));
  return j;
}

std::shared_ptr<const Mlp> mlpFromJson(const Node& n, std::vector<MlpEpoch>& curve) {
  const int dim = int(n.at("dim").integer(1, 3)),
            outputs = int(n.at("outputs").integer(1, 1 << 20));
  MlpOptions o;
  o.hidden.clear();
  const Node hidden = n.at("hidden");
  const auto& h = hidden.array();
  for (size_t i = 0; i < h.size(); ++i)
    o.hidden.push_back(int(hidden.item(i, h[i]).integer(1, 100000)));
  optional(n, "epochs", o.epochs, [](const Node& v) { return int(v.integer(0, 1L << 30)); });
  optional(n, "batch_size", o.batchSize, [](const Node& v) { return int(v.integer(1, 1L << 30)); });
  optional(n, "learning_rate", o.learningRate, [](const Node& v) { return v.real(1e-300, 1e6); });
  optional(n, "seed", o.seed, [](const Node& v) { return std::uint64_t(v.integer(0, 1L << 53)); });
  // The layers first, checked against the widths: a network is only made (its size taken from
  // the widths) once the file holds its parameters, so a few bytes cannot ask for gigabytes.
  const Node layers = n.at("layers");
  const auto& a = layers.array();
  std::vector<long> sizes = {dim};
  sizes.insert(sizes.end(), o.hidden.begin(), o.hidden.end());
  sizes.push_back(outputs);
  if (a.size() + 1 != sizes.size())
    layers.fail("", "has " + std::to_string(a.size()) + " layers; " +
                        std::to_string(o.hidden.size()) + " hidden layers need " +
                        std::to_string(sizes.size() - 1));
  std::vector<Eigen::MatrixXd> W;
  std::vector<Eigen::VectorXd> b;
  for (size_t l = 0; l < a.size(); ++l) {
    const Node layer = layers.item(l, a[l]);
    const Node weights = layer.at("weights");
    W.push_back(matrixFromJson(weights));
    if (W.back().rows() != sizes[l + 1] || W.back().cols() != sizes[l])
      weights.fail("", "is " + std::to_string(W.back().rows()) + " by " +
                           std::to_string(W.back().cols()) + "; the widths need " +
                           std::to_string(sizes[l + 1]) + " by " + std::to_string(sizes[l]));
    b.push_back(vectorFromJson(layer.at("biases")));
    if (b.back().size() != sizes[l + 1])
      layer.at("biases").fail("", "has " + std::to_string(b.back().size()) +
                                      " values; the widths need " + std::to_string(sizes[l + 1]));
  }
  auto net = n.within([&] { return std::make_shared<Mlp>(dim, outputs, o); });
  layers.within([&] {
    net->setParameters(std::move(W), std::move(b));
    return 0;
  });
  curve.clear();
  if (n.has("curve")) {
    const Node c = n.at("curve");
    const auto& points = c.array();
    for (size_t i = 0; i < points.size(); ++i) {
      const Node p = c.item(i, points[i]);
      MlpEpoch e;
      e.epoch = int(p.at("epoch").integer(0, 1L << 30));
      e.trainRmse = p.at("train_rmse").number();
      e.testRmse = p.has("test_rmse") ? p.at("test_rmse").number()
                                      : std::numeric_limits<double>::quiet_NaN();
      curve.push_back(e);
    }
  }
  return net;
}

Json bestPlacementToJson(const ReferenceResult& r) {
  Json j = Json::makeObject();
  j.set("dof", r.dof);
  j.set("on_test", r.onTest);
  j.set("fitted_rmse", r.fittedRmse);
  j.set("reference_rmse", r.referenceRmse);
  j.set("seconds", r.seconds);
  return j;
}

ReferenceResult bestPlacementFromJson(const Node& n) {
  ReferenceResult r;
  r.dof = int(n.at("dof").integer(1, 1 << 30));
  r.onTest = n.at("on_test").boolean();
  r.fittedRmse = n.at("fitted_rmse").real(0);
  r.referenceRmse = n.at("reference_rmse").real(0);
  optional(n, "seconds", r.seconds, [](const Node& v) { return v.real(0); });
  return r;
}

}  // namespace

std::string sessionToJson(const SessionFile& s, const DataBundle& data) {
  Json j = Json::makeObject();
  j.set("format", kSessionFormat);
  j.set("version", kSessionFormatVersion);
  j.set("data", dataToJson(data));
  Json settings = Json::makeObject();
  settings.set("mrc", optionsToJson(s.options));
  settings.set("threads", s.threads);
  settings.set("pace_ms", s.paceMs);
  settings.set("view", viewToJson(s.view));
  j.set("settings", std::move(settings));
  j.set("iteration", s.iteration);
  j.set("current_model", s.current ? modelToJsonValue(*s.current) : Json());
  j.set("best_model", s.best ? modelToJsonValue(*s.best) : Json());
  j.set("loss_history", historyToJson(s.history));
  j.set("mlp", s.mlp ? mlpToJson(*s.mlp, s.mlpCurve) : Json());
  if (s.bestPlacement) j.set("best_placement", bestPlacementToJson(*s.bestPlacement));
  return j.dump(1) + "\n";
}

SessionFile sessionFromJson(const std::string& text, const std::string& source) {
  const Json json = Json::parse(text, source);  // SOURCE:LINE:COLUMN: for syntax errors
  try {
    const Node root(json, "");
    if (!json.isObject()) throw Error("not a JSON object");
    const Json* format = json.find("format");
    if (!format || !format->isString() || format->string() != kSessionFormat)
      throw Error(std::string("not an LReg Studio session (\"format\" is not \"") + kSessionFormat +
                  "\")");
    const int version = int(root.at("version").integer(1, 1 << 20));
    if (version > kSessionFormatVersion)
      root.at("version").fail(
          "", "is " + std::to_string(version) + ": newer than this LReg Studio reads (" +
                  std::to_string(kSessionFormatVersion) + "); update LReg Studio");
    SessionFile s;
    s.source = source;
    s.data = dataFromJson(root.at("data"), source);
    const Node settings = root.at("settings");
    s.options = optionsFromJson(settings.at("mrc"));
    optional(settings, "threads", s.threads,
             [](const Node& v) { return int(v.integer(0, kMaxThreads)); });
    optional(settings, "pace_ms", s.paceMs, [](const Node& v) { return int(v.integer(0, 60000)); });
    if (settings.has("view")) s.view = viewFromJson(settings.at("view"));
    optional(root, "iteration", s.iteration,
             [](const Node& v) { return int(v.integer(0, 1 << 30)); });
    if (root.has("current_model") && !json.at("current_model").isNull())
      s.current = modelFromJsonValue(root.at("current_model"));
    if (root.has("best_model") && !json.at("best_model").isNull())
      s.best = modelFromJsonValue(root.at("best_model"));
    if (s.best && !s.current)
      root.at("current_model").fail("", "is missing (there is a best model)");
    if (root.has("loss_history")) s.history = historyFromJson(root.at("loss_history"));
    if (root.has("mlp") && !json.at("mlp").isNull())
      s.mlp = mlpFromJson(root.at("mlp"), s.mlpCurve);
    if (root.has("best_placement") && !json.at("best_placement").isNull())
      s.bestPlacement = bestPlacementFromJson(root.at("best_placement"));
    return s;
  } catch (const KeyError& e) {
    const int line = lineOf(text, e.path());
    throw Error(source + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + e.what());
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

void writeSession(const std::string& path, const SessionFile& session, const DataBundle& data) {
  writeFileAtomically(path, sessionToJson(session, data));
}

SessionFile readSession(const std::string& path) {
  return sessionFromJson(readFile(path), path);
}

bool looksLikeSession(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(size_t(in.gcount()));
  return head.find(std::string("\"") + kSessionFormat + "\"") != std::string::npos;
}

}  // namespace lreg::studio
