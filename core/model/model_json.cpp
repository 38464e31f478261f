#include "model/model_json.h"

#include <cmath>

#include <lreg/base/printable.h>
#include <lreg/model/model_io.h>

namespace lreg::detail {

Json vectorToJson(const Vector& v) {
  Json a = Json::makeArray();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push(v(i));
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

bool isInt(double v) {
  return v >= -2147483648.0 && v <= 2147483647.0 && v == std::trunc(v);
}

int intFromJson(const Json& j, const std::string& what) {
  const double v = j.number(what);
  if (!isInt(v)) throw Error(what + " must be a whole number (got " + j.dump() + ")");
  return int(v);
}

std::string modelFileKind(const Json& j) {
  if (!j.isObject()) throw Error("not a JSON object");
  const Json* format = j.find("format");
  if (!format || !format->isString() || format->string() != kModelFormatName)
    throw Error("not an LReg model file (\"format\" is not \"" + std::string(kModelFormatName) +
                "\")");
  const int version = intFromJson(j.at("version"), "version");
  if (version > kModelFormatVersion)
    throw Error("model format version " + std::to_string(version) +
                " is newer than this program supports (" + std::to_string(kModelFormatVersion) +
                "); update LReg Studio");
  if (version < 1) throw Error("invalid model format version " + std::to_string(version));
  if (version == 1) return "mesh";  // version 1 knew one kind of model
  const std::string kind = j.at("kind").string("kind");
  if (kind != "mesh" && kind != "connection")
    throw Error("unknown model kind \"" + printable(kind) + "\" (mesh or connection)");
  return kind;
}

Json trainingToJson(const std::map<std::string, std::string>& training) {
  Json t = Json::makeObject();
  for (const auto& [k, v] : training) t.set(k, v);
  return t;
}

std::map<std::string, std::string> trainingFromJson(const Json& file) {
  std::map<std::string, std::string> training;
  if (const Json* t = file.find("training"))
    for (const auto& [k, v] : t->object("training"))
      training[k] = v.isString() ? v.string() : v.dump();
  return training;
}

Json parseAnyModelFile(const std::string& text, const std::string& source) {
  // A UTF-8 byte order mark (an editor's) goes before the '{': the JSON parser skips it too.
  const size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  const size_t first = text.find_first_not_of(" \t\r\n", bom);
  if (first == std::string::npos || text[first] != '{')
    throw Error(source + ": not an lreg model file (a JSON object, starting with '{'); it " +
                (first == std::string::npos
                     ? std::string("is empty")
                     : "starts with '" + printable(text.substr(first, 12)) + "'"));
  return Json::parse(text, source);
}

Json parseModelFile(const std::string& text, const std::string& source,
                    const std::string& expected) {
  Json j = parseAnyModelFile(text, source);
  namingSource(source, [&] {
    const std::string kind = modelFileKind(j);
    if (kind != expected) throw Error("is a " + kind + " model, not a " + expected + " model");
    return 0;
  });
  return j;
}

}  // namespace lreg::detail
