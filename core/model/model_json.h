// JSON helpers shared by the two kinds of model file (mesh and connection): matrices as arrays
// of rows, and the common header ("format", "version", "kind").
#pragma once

#include <map>
#include <string>

#include <lreg/base/error.h>
#include <lreg/base/types.h>
#include <lreg/connect/connection.h>
#include <lreg/io/json.h>
#include <lreg/model/model.h>

namespace lreg::detail {

constexpr const char* kModelFormatName = "lreg-model";

/// An array of rows (one array of numbers per row of m).
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

Json vectorToJson(const Vector& v);
/// #rows by `cols` from an array of arrays; throws Error naming `what` and the row on a wrong
/// length or a value that is not a number.
RowMatrix rowsFromJson(const Json& j, Eigen::Index cols, const std::string& what);
/// Exactly `size` numbers.
Vector vectorFromJson(const Json& j, Eigen::Index size, const std::string& what);
/// A whole number that fits an int (casting a larger double is undefined behaviour).
bool isInt(double v);
/// A number that isInt(); Error "WHAT must be a whole number (got ...)" otherwise.
int intFromJson(const Json& j, const std::string& what);

/// The kind of a model file after checking its header: "mesh" for version 1 files (which have
/// no "kind"); throws Error for a foreign format, a newer or invalid version, an unknown kind.
std::string modelFileKind(const Json& j);
/// Runs f(); an Error it throws gets "SOURCE: " in front (every model-file error names it).
template <class F>
auto namingSource(const std::string& source, const F& f) {
  try {
    return f();
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

/// The JSON text of a model file (of either kind): a text that does not start with '{' (a CSV
/// or .npy file given as the model, say) is refused as not a model file, not by the JSON
/// parser's "invalid literal".
Json parseAnyModelFile(const std::string& text, const std::string& source);

/// The JSON text of a model file of the `expected` kind ("mesh" or "connection"), header
/// checked; a file of the other kind is refused with what it is.
Json parseModelFile(const std::string& text, const std::string& source,
                    const std::string& expected);

/// The "training" object: string values (other JSON values are kept as their text).
Json trainingToJson(const std::map<std::string, std::string>& training);
std::map<std::string, std::string> trainingFromJson(const Json& file);

/// The model in a file whose header modelFileKind() accepted; validated.
Model meshModelFromJson(const Json& j);
ConnectionModel connectionModelFromJson(const Json& j);

}  // namespace lreg::detail
