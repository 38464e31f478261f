#include <lreg/model/model_io.h>

#include <cmath>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/data/dataset.h>
#include <lreg/io/json.h>

namespace lreg {
namespace {

constexpr const char* kFormatName = "lreg-model";

template <typename MatrixType>
Json rowsToJson(const MatrixType& m) {
  Json rows = Json::makeArray();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    Json row = Json::makeArray();
    for (Eigen::Index k = 0; k < m.cols(); ++k) row.push(m(i, k));
    rows.push(std::move(row));
  }
  return rows;
}

Json vectorToJson(const Vector& v) {
  Json a = Json::makeArray();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push(v(i));
  return a;
}

Json namesToJson(const std::vector<std::string>& names) {
  Json a = Json::makeArray();
  for (const auto& n : names) a.push(n);
  return a;
}

RowMatrix rowsFromJson(const Json& j, Eigen::Index cols, const std::string& what) {
  const auto& rows = j.array(what);
  RowMatrix m(Eigen::Index(rows.size()), cols);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i].array(what + " row " + std::to_string(i));
    if (Eigen::Index(row.size()) != cols)
      throw Error(what + " row " + std::to_string(i) + " has " + std::to_string(row.size()) +
                  " values, expected " + std::to_string(cols));
    for (size_t k = 0; k < row.size(); ++k)
      m(Eigen::Index(i), Eigen::Index(k)) = row[k].number(what);
  }
  return m;
}

Vector vectorFromJson(const Json& j, Eigen::Index size, const std::string& what) {
  const auto& a = j.array(what);
  if (Eigen::Index(a.size()) != size)
    throw Error(what + " has " + std::to_string(a.size()) + " values, expected " +
                std::to_string(size));
  Vector v(size);
  for (size_t i = 0; i < a.size(); ++i) v(Eigen::Index(i)) = a[i].number(what);
  return v;
}

// An empty list stands for unnamed columns (files written before models from nameless data sets
// got default names): they get defaultNames(stem, size).
std::vector<std::string> namesFromJson(const Json& j, int size, const std::string& stem,
                                       const std::string& what) {
  const auto& a = j.array(what);
  if (a.empty()) return defaultNames(stem, size);
  if (a.size() != size_t(size)) throw Error(what + " must list " + std::to_string(size) + " names");
  std::vector<std::string> names;
  for (const auto& n : a) names.push_back(n.string(what));
  return names;
}

// A whole number that fits an int (casting a larger double is undefined behaviour).
bool isInt(double v) {
  return v >= -2147483648.0 && v <= 2147483647.0 && v == std::trunc(v);
}

int intFromJson(const Json& j, const std::string& what) {
  const double v = j.number(what);
  if (!isInt(v)) throw Error(what + " must be a whole number (got " + j.dump() + ")");
  return int(v);
}

}  // namespace

std::string modelToJson(const Model& model) {
  Json j = Json::makeObject();
  j.set("format", kFormatName);
  j.set("version", kModelFormatVersion);
  j.set("dim", model.dim);
  j.set("outputs", model.outputs);
  j.set("dof", model.dof());
  j.set("input_names", namesToJson(model.inputNames));
  j.set("output_names", namesToJson(model.outputNames));
  Json norm = Json::makeObject();
  norm.set("lo", vectorToJson(model.normalizer.lo));
  norm.set("hi", vectorToJson(model.normalizer.hi));
  j.set("normalization", std::move(norm));
  j.set("nodes", rowsToJson(model.nodes));
  j.set("simplices", rowsToJson(model.simplices));
  j.set("coefficients", rowsToJson(model.coefficients));
  Json training = Json::makeObject();
  for (const auto& [k, v] : model.training) training.set(k, v);
  j.set("training", std::move(training));
  return j.dump(1) + "\n";
}

Model modelFromJson(const std::string& text, const std::string& sourceName) {
  const Json j = Json::parse(text, sourceName);
  try {
    if (!j.isObject()) throw Error("not a JSON object");
    const Json* format = j.find("format");
    if (!format || !format->isString() || format->string() != kFormatName)
      throw Error("not an LReg model file (\"format\" is not \"" + std::string(kFormatName) +
                  "\")");
    const int version = intFromJson(j.at("version"), "version");
    if (version > kModelFormatVersion)
      throw Error("model format version " + std::to_string(version) +
                  " is newer than this program supports (" + std::to_string(kModelFormatVersion) +
                  "); update LReg Studio");
    if (version < 1) throw Error("invalid model format version " + std::to_string(version));
    Model m;
    m.dim = intFromJson(j.at("dim"), "dim");
    m.outputs = intFromJson(j.at("outputs"), "outputs");
    if (m.dim < 1 || m.dim > 3) throw Error("dim must be 1, 2 or 3");
    if (m.outputs < 1) throw Error("outputs must be >= 1");
    m.inputNames = namesFromJson(j.at("input_names"), m.dim, "x", "input_names");
    m.outputNames = namesFromJson(j.at("output_names"), m.outputs, "y", "output_names");
    const Json& norm = j.at("normalization");
    m.normalizer.lo = vectorFromJson(norm.at("lo"), m.dim, "normalization.lo");
    m.normalizer.hi = vectorFromJson(norm.at("hi"), m.dim, "normalization.hi");
    m.nodes = rowsFromJson(j.at("nodes"), m.dim, "nodes");
    const RowMatrix simplices = rowsFromJson(j.at("simplices"), m.dim + 1, "simplices");
    for (Eigen::Index i = 0; i < simplices.size(); ++i)
      if (!isInt(simplices.data()[i])) throw Error("simplices must hold whole node indices");
    m.simplices = simplices.cast<int>();
    m.coefficients = rowsFromJson(j.at("coefficients"), m.outputs, "coefficients");
    if (const Json* t = j.find("training"))
      for (const auto& [k, v] : t->object("training"))
        m.training[k] = v.isString() ? v.string() : v.dump();
    m.validate();
    return m;
  } catch (const Error& e) {
    throw Error(sourceName + ": " + e.what());
  }
}

void saveModel(const Model& model, const std::string& path) {
  model.validate();
  writeFileAtomically(path, modelToJson(model));
}

Model loadModel(const std::string& path) {
  return modelFromJson(readFile(path), path);
}

}  // namespace lreg
