#include <lreg/model/model_io.h>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/data/dataset.h>
#include <lreg/io/json.h>
#include "model/model_json.h"

namespace lreg {
namespace {

using namespace detail;

Json namesToJson(const std::vector<std::string>& names) {
  Json a = Json::makeArray();
  for (const auto& n : names) a.push(n);
  return a;
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

}  // namespace

std::string modelToJson(const Model& model) {
  Json j = Json::makeObject();
  j.set("format", kModelFormatName);
  j.set("version", kModelFormatVersion);
  j.set("kind", "mesh");
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
  j.set("training", trainingToJson(model.training));
  return j.dump(1) + "\n";
}

namespace detail {

Model meshModelFromJson(const Json& j) {
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
  m.training = trainingFromJson(j);
  m.validate();
  // "dof" is redundant (the node count) but written: an edited file that disagrees is refused.
  if (const Json* dof = j.find("dof"); dof && intFromJson(*dof, "dof") != m.dof())
    throw Error("dof is " + std::to_string(intFromJson(*dof, "dof")) + " but the file lists " +
                std::to_string(m.dof()) + " nodes");
  return m;
}

}  // namespace detail

Model modelFromJson(const std::string& text, const std::string& sourceName) {
  const Json j = parseModelFile(text, sourceName, "mesh");
  return namingSource(sourceName, [&] { return meshModelFromJson(j); });
}

void saveModel(const Model& model, const std::string& path) {
  model.validate();
  writeFileAtomically(path, modelToJson(model));
}

Model loadModel(const std::string& path) {
  return modelFromJson(readFile(path), path);
}

AnyModel loadAnyModel(const std::string& path) {
  return anyModelFromJson(readFile(path), path);
}

AnyModel anyModelFromJson(const std::string& text, const std::string& sourceName) {
  const Json j = parseAnyModelFile(text, sourceName);
  return namingSource(sourceName, [&]() -> AnyModel {
    if (modelFileKind(j) == "connection") return connectionModelFromJson(j);
    return meshModelFromJson(j);
  });
}

}  // namespace lreg
