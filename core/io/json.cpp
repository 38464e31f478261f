#include <lreg/io/json.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <lreg/base/error.h>

namespace lreg {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : s_(text), source_(source) {}

  Json document() {
    skipSpace();
    Json v = value(0);
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    long line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw Error(locatedMessage(source_, line, col, what));
  }
  void skipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
      ++pos_;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) {
      if (pos_ >= s_.size()) fail(std::string("unexpected end of file, expected '") + c + "'");
      fail(std::string("expected '") + c + "'");
    }
  }
  void literal(const char* word) {
    for (const char* p = word; *p; ++p, ++pos_)
      if (pos_ >= s_.size() || s_[pos_] != *p) fail("invalid literal");
  }

  Json value(int depth) {
    if (depth > 256) fail("nesting too deep");
    skipSpace();
    if (pos_ >= s_.size()) fail("unexpected end of file");
    const char c = s_[pos_];
    if (c == '{') return objectValue(depth);
    if (c == '[') return arrayValue(depth);
    if (c == '"') return Json(stringValue());
    if (c == 't') return literal("true"), Json(true);
    if (c == 'f') return literal("false"), Json(false);
    if (c == 'n') return literal("null"), Json();
    if (c == '-' || (c >= '0' && c <= '9')) return Json(numberValue());
    fail(std::string("unexpected character '") + c + "'");
  }

  Json objectValue(int depth) {
    ++pos_;
    Json::Object members;
    if (eat('}')) return Json(std::move(members));
    do {
      skipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string key");
      std::string key = stringValue();
      expect(':');
      members.emplace_back(std::move(key), value(depth + 1));
    } while (eat(','));
    expect('}');
    return Json(std::move(members));
  }

  Json arrayValue(int depth) {
    ++pos_;
    Json::Array items;
    if (eat(']')) return Json(std::move(items));
    do items.push_back(value(depth + 1));
    while (eat(','));
    expect(']');
    return Json(std::move(items));
  }

  std::string stringValue() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        fail(c == '\n' ? "unterminated string (line break inside a string)"
                       : "control character in string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > s_.size()) fail("bad \\u escape");
          unsigned code = 0;
          auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + pos_ + 4, code, 16);
          if (ec != std::errc() || p != s_.data() + pos_ + 4) fail("bad \\u escape");
          pos_ += 4;
          // UTF-8 encode (surrogate pairs are kept as two code units: names are ASCII anyway).
          if (code < 0x80) {
            out += char(code);
          } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
          } else {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          pos_ -= 2;  // point at the backslash
          fail("bad escape in string");
      }
    }
  }

  double numberValue() {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ + 1 < s_.size() && s_[pos_] == '0' && s_[pos_ + 1] >= '0' && s_[pos_ + 1] <= '9')
      fail("invalid number (leading zero)");
    auto digits = [&] {
      const size_t b = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    if (digits() == 0) fail("invalid number");
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) fail("invalid number");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) fail("invalid number");
    }
    double v = 0;
    auto [p, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, v);
    if (ec == std::errc::result_out_of_range) {
      // from_chars leaves v untouched: strtod tells overflow from underflow.
      v = std::strtod(s_.substr(start, pos_ - start).c_str(), nullptr);
      if (std::isinf(v)) {
        pos_ = start;
        fail("number out of range");
      }
    } else if (ec != std::errc()) {
      fail("invalid number");
    }
    return v;
  }

  const std::string& s_;
  const std::string& source_;
  size_t pos_ = 0;
};

void writeString(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

}  // namespace

double Json::number(const std::string& what) const {
  if (!isNumber()) throw Error("expected a number for " + what);
  return std::get<double>(v_);
}
bool Json::boolean(const std::string& what) const {
  if (!isBool()) throw Error("expected true/false for " + what);
  return std::get<bool>(v_);
}
const std::string& Json::string(const std::string& what) const {
  if (!isString()) throw Error("expected a string for " + what);
  return std::get<std::string>(v_);
}
const Json::Array& Json::array(const std::string& what) const {
  if (!isArray()) throw Error("expected an array for " + what);
  return std::get<Array>(v_);
}
const Json::Object& Json::object(const std::string& what) const {
  if (!isObject()) throw Error("expected an object for " + what);
  return std::get<Object>(v_);
}

const Json* Json::find(const std::string& key) const {
  if (!isObject()) return nullptr;
  for (const auto& [k, v] : std::get<Object>(v_))
    if (k == key) return &v;
  return nullptr;
}

const Json& Json::at(const std::string& key) const {
  const Json* v = find(key);
  if (!v) throw Error("missing key \"" + key + "\"");
  return *v;
}

Json& Json::set(const std::string& key, Json value) {
  if (isNull()) v_ = Object{};
  auto& members = std::get<Object>(v_);
  for (auto& [k, v] : members)
    if (k == key) return v = std::move(value);
  members.emplace_back(key, std::move(value));
  return members.back().second;
}

void Json::push(Json value) {
  if (isNull()) v_ = Array{};
  std::get<Array>(v_).push_back(std::move(value));
}

void Json::write(std::string& out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(size_t(indent * d), ' ');
  };
  if (isNull()) {
    out += "null";
  } else if (isBool()) {
    out += std::get<bool>(v_) ? "true" : "false";
  } else if (isNumber()) {
    const double d = std::get<double>(v_);
    if (!std::isfinite(d)) {
      out += "null";  // JSON has no NaN/inf
    } else if (d == std::trunc(d) && std::abs(d) < 1e15) {
      out += std::to_string(static_cast<long long>(d));  // counts read as integers
    } else {
      char buf[32];
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, p);
    }
  } else if (isString()) {
    writeString(out, std::get<std::string>(v_));
  } else if (isArray()) {
    const auto& a = std::get<Array>(v_);
    // Arrays of numbers stay on one line: node and coefficient rows read naturally.
    bool flat = true;
    for (const auto& x : a) flat = flat && (x.isNumber() || x.isNull() || x.isBool());
    out += '[';
    for (size_t i = 0; i < a.size(); ++i) {
      if (i) out += indent >= 0 && flat ? ", " : ",";
      if (!flat) newline(depth + 1);
      a[i].write(out, indent, depth + 1);
    }
    if (!flat && !a.empty()) newline(depth);
    out += ']';
  } else {
    const auto& o = std::get<Object>(v_);
    out += '{';
    for (size_t i = 0; i < o.size(); ++i) {
      if (i) out += ',';
      newline(depth + 1);
      writeString(out, o[i].first);
      out += indent >= 0 ? ": " : ":";
      o[i].second.write(out, indent, depth + 1);
    }
    if (!o.empty()) newline(depth);
    out += '}';
  }
}

std::string Json::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  return out;
}

Json Json::parse(const std::string& text, const std::string& sourceName) {
  return Parser(text, sourceName).document();
}

}  // namespace lreg
