// A small JSON value for model files and the CLI's --json output. Parsing and string/number
// formatting are nlohmann-json's (inside json.cpp only; it does not leak into this header).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace lreg {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;  // keeps insertion order

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  Json(double d) : v_(d) {}
  Json(int i) : v_(double(i)) {}
  Json(long i) : v_(double(i)) {}
  Json(long long i) : v_(double(i)) {}
  Json(unsigned long i) : v_(double(i)) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(Array a) : v_(std::move(a)) {}
  Json(Object o) : v_(std::move(o)) {}
  static Json makeObject() { return Json(Object{}); }
  static Json makeArray() { return Json(Array{}); }

  bool isNull() const { return std::holds_alternative<std::monostate>(v_); }
  bool isBool() const { return std::holds_alternative<bool>(v_); }
  bool isNumber() const { return std::holds_alternative<double>(v_); }
  bool isString() const { return std::holds_alternative<std::string>(v_); }
  bool isArray() const { return std::holds_alternative<Array>(v_); }
  bool isObject() const { return std::holds_alternative<Object>(v_); }

  // Typed access; each throws Error("expected ...") naming `what` on a type mismatch.
  double number(const std::string& what = "value") const;
  bool boolean(const std::string& what = "value") const;
  const std::string& string(const std::string& what = "value") const;
  const Array& array(const std::string& what = "value") const;
  const Object& object(const std::string& what = "value") const;

  /// Member lookup; nullptr when absent (or when this is not an object).
  const Json* find(const std::string& key) const;
  /// Member lookup that throws Error("missing key ...") when absent.
  const Json& at(const std::string& key) const;
  /// Appends/replaces a member (this must be an object).
  Json& set(const std::string& key, Json value);
  /// Appends to an array.
  void push(Json value);

  /// Compact when indent < 0; otherwise pretty-printed with that many spaces (arrays of numbers
  /// on one line). Numbers are written in a short form that reads back to the same double (-0
  /// included); strings as UTF-8, invalid bytes replaced by U+FFFD.
  std::string dump(int indent = -1) const;
  /// Strict RFC 8259 parsing (valid UTF-8, no comments, no trailing commas), and refuses
  /// duplicate keys and nesting deeper than 256; throws Error("SOURCE:LINE:COL: ...") on
  /// malformed text, with any control character from the text escaped.
  static Json parse(const std::string& text, const std::string& sourceName = "<json>");

 private:
  void write(std::string& out, int indent, int depth) const;
  std::variant<std::monostate, bool, double, std::string, Array, Object> v_;
};

}  // namespace lreg
