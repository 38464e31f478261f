// Connection model files (kind "connection"; doc/model-format.md).
#include <lreg/base/atomic_file.h>
#include <lreg/model/model_io.h>
#include "model/model_json.h"

namespace lreg {

using namespace detail;

std::string connectionToJson(const ConnectionModel& m) {
  const int d = m.components(), n = m.dof();
  Json j = Json::makeObject();
  j.set("format", kModelFormatName);
  j.set("version", kModelFormatVersion);
  j.set("kind", "connection");
  j.set("task", connectionTaskName(m.task));
  j.set("inputs", m.inputs());
  j.set("components", d);
  j.set("dof", n);
  j.set("outputs", m.outputs());
  j.set("parameters", m.parameterCount());
  j.set("W", rowsToJson(m.W));
  j.set("b", vectorToJson(m.b));
  Json nodes = Json::makeArray(), coefficients = Json::makeArray();
  for (int c = 0; c < d; ++c) {
    Json row = Json::makeArray();
    for (double p : m.meshes[size_t(c)].nodes()) row.push(p);
    nodes.push(std::move(row));
    coefficients.push(rowsToJson(m.coefficients.middleRows(long(c) * n, n)));
  }
  j.set("nodes", std::move(nodes));
  j.set("coefficients", std::move(coefficients));
  j.set("training", trainingToJson(m.training));
  return j.dump(1) + "\n";
}

namespace detail {

ConnectionModel connectionModelFromJson(const Json& j) {
  ConnectionModel m;
  m.task = parseConnectionTask(j.at("task").string("task"));
  const int inputs = intFromJson(j.at("inputs"), "inputs");
  const int d = intFromJson(j.at("components"), "components");
  const int n = intFromJson(j.at("dof"), "dof");
  const int C = intFromJson(j.at("outputs"), "outputs");
  if (inputs < 1 || d < 1 || n < 2 || C < 1)
    throw Error("inputs, components and outputs must be >= 1 and dof >= 2");
  m.W = rowsFromJson(j.at("W"), inputs, "W");
  if (m.W.rows() != d) throw Error("W must have " + std::to_string(d) + " rows (components)");
  m.b = vectorFromJson(j.at("b"), d, "b");
  const RowMatrix nodes = rowsFromJson(j.at("nodes"), n, "nodes");
  if (nodes.rows() != d) throw Error("nodes must have " + std::to_string(d) + " rows (components)");
  const auto& blocks = j.at("coefficients").array("coefficients");
  if (int(blocks.size()) != d)
    throw Error("coefficients must have " + std::to_string(d) + " blocks (components)");
  m.coefficients.resize(long(d) * n, C);
  for (int c = 0; c < d; ++c) {
    const std::string what = "coefficients of component " + std::to_string(c);
    const RowMatrix block = rowsFromJson(blocks[size_t(c)], C, what);
    if (block.rows() != n) throw Error(what + " must have " + std::to_string(n) + " rows");
    m.coefficients.middleRows(long(c) * n, n) = block;
    const Eigen::RowVectorXd p = nodes.row(c);
    m.meshes.emplace_back(std::vector<double>(p.data(), p.data() + n));  // throws unless increasing
  }
  m.training = trainingFromJson(j);
  m.validate();
  return m;
}

}  // namespace detail

ConnectionModel connectionFromJson(const std::string& text, const std::string& sourceName) {
  const Json j = parseModelFile(text, sourceName, "connection");
  return namingSource(sourceName, [&] { return connectionModelFromJson(j); });
}

void saveConnection(const ConnectionModel& model, const std::string& path) {
  model.validate();
  writeFileAtomically(path, connectionToJson(model));
}

ConnectionModel loadConnection(const std::string& path) {
  return connectionFromJson(readFile(path), path);
}

}  // namespace lreg
