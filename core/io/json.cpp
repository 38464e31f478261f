// Json on nlohmann-json: its SAX parser (strict RFC 8259, UTF-8 checked, surrogate pairs decoded)
// builds our value; our layer adds what nlohmann leaves out: duplicate keys are refused, a
// nesting limit, and FILE:LINE:COLUMN messages in our words. The writer lays out the text
// (number rows on one line) and lets nlohmann escape strings.
#include <lreg/io/json.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include <lreg/base/error.h>
#include <lreg/base/printable.h>

namespace lreg {
namespace {

using Nlohmann = nlohmann::json;

constexpr size_t kMaxDepth = 256;  // deeper documents are refused (and never built)

// A pointer into the text that reports how far nlohmann's lexer has read: the SAX events carry
// no position, and duplicate keys must be located.
struct TrackedIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at;
  const char** readUpTo;

  reference operator*() const { return *at; }
  TrackedIterator& operator++() {
    *readUpTo = ++at;
    return *this;
  }
  TrackedIterator operator++(int) {
    TrackedIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedIterator& o) const { return at == o.at; }
};

// nlohmann's lexer messages, reworded. Its text is "syntax error while parsing CONTEXT -
// PROBLEM[; last read: 'TOKEN'][; expected WHAT]"; `offending` is the character the lexer
// stopped at (empty at the end of the text).
std::string reword(const std::string& what, const std::string& offending) {
  std::string s = what;
  if (const size_t dash = s.find(" - "); s.rfind("[json.exception", 0) == 0 && dash != s.npos)
    s = s.substr(dash + 3);
  // The token read is the input's own text and may hold "; expected " itself: WHAT counts only
  // when it is one of nlohmann's token names.
  static const std::set<std::string> tokenNames = {"true literal",
                                                   "false literal",
                                                   "null literal",
                                                   "string literal",
                                                   "number literal",
                                                   "'['",
                                                   "'{'",
                                                   "']'",
                                                   "'}'",
                                                   "':'",
                                                   "','",
                                                   "end of input",
                                                   "'[', '{', or a literal"};
  std::string expected;
  if (const size_t e = s.rfind("; expected "); e != s.npos && tokenNames.count(s.substr(e + 11))) {
    expected = s.substr(e + 11);
    s.resize(e);
  }
  if (const size_t r = s.find("; last read: "); r != s.npos) s.resize(r);

  if (expected == "end of input") return "unexpected text after the JSON value";
  if (expected == "string literal") expected = "a string key";
  if (expected == "'[', '{', or a literal") expected = "a value";
  if (s == "unexpected end of input") {
    s = "unexpected end of file";
  } else if (s == "invalid literal") {
    s = "invalid literal: unexpected character '" + offending + "'";
  } else if (s == "invalid string: missing closing quote") {
    s = "unterminated string";
  } else if (s.rfind("invalid string: control character U+000A", 0) == 0) {
    s = "unterminated string (line break inside a string)";
  } else if (s == "invalid string: forbidden character after backslash") {
    s = "bad escape in string";
  } else if (s == "invalid string: ill-formed UTF-8 byte") {
    s = "invalid UTF-8 byte '" + offending + "' in a string";
  }
  // A lexer message we do not know may quote the input: printable() keeps it one clean line.
  return printable(expected.empty() ? s : s + "; expected " + expected);
}

// Builds the value from nlohmann's SAX events.
class Builder final : public nlohmann::json_sax<Nlohmann> {
 public:
  // nlohmann reads a NUL byte as the end of the input: it is given the text up to the first NUL
  // (`end`), and a NUL is then reported as what it is.
  Builder(const std::string& text, size_t end, const std::string& source, const char** readUpTo)
      : text_(text), end_(end), source_(source), readUpTo_(readUpTo) {}

  Json take() {
    if (end_ < text_.size()) fail(end_, "unexpected text after the JSON value");
    return std::move(root_);
  }

  bool null() override { return add(Json()); }
  bool boolean(bool v) override { return add(Json(v)); }
  bool number_integer(number_integer_t v) override { return add(Json(double(v))); }
  bool number_unsigned(number_unsigned_t v) override { return add(Json(double(v))); }
  bool number_float(number_float_t v, const string_t&) override { return add(Json(v)); }
  bool string(string_t& v) override { return add(Json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // not produced by the JSON reader

  bool start_object(std::size_t) override { return open(true); }
  bool key(string_t& k) override {
    Frame& f = open_.back();
    if (!f.keys.insert(k).second)
      fail(keyStart(), "duplicate key \"" + printable(k) + "\" in an object");
    f.key = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }

  bool parse_error(std::size_t position, const std::string& lastToken,
                   const nlohmann::detail::exception& e) override {
    // `position` counts the characters read, the one the lexer stopped at included (one more
    // at the end of the text). A too-large number is located at its start.
    size_t at = position > 0 ? position - 1 : 0;
    if (e.id == 406) {  // out_of_range: number overflow
      at = position >= lastToken.size() ? position - lastToken.size() : 0;
      fail(at, "number out of range: " + printable(lastToken));
    }
    at = std::min(at, end_);
    if (at == end_ && end_ < text_.size()) fail(at, "unexpected character '\\x00'");
    fail(at, reword(e.what(), at < end_ ? printable(text_.substr(at, 1)) : ""));
  }

 private:
  struct Frame {
    bool isObject;
    Json::Array items;
    Json::Object members;
    std::string key;
    std::unordered_set<std::string> keys;
  };

  [[noreturn]] void fail(size_t offset, const std::string& what) const {
    long line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset; ++i)
      if (text_[i] == '\n') {
        ++line;
        lineStart = i + 1;
      }
    throw Error(locatedMessage(source_, line, long(offset - lineStart) + 1, what));
  }
  size_t readSoFar() const { return size_t(*readUpTo_ - text_.data()); }
  // The lexer has just read a key's closing quote: find its opening one.
  size_t keyStart() const {
    size_t i = readSoFar() - 1;
    while (i > 0) {
      --i;
      size_t backslashes = 0;
      while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
      if (text_[i] == '"' && backslashes % 2 == 0) return i;
    }
    return 0;
  }

  bool add(Json v) {
    if (open_.empty()) {
      root_ = std::move(v);
    } else if (Frame& f = open_.back(); f.isObject) {
      f.members.emplace_back(std::move(f.key), std::move(v));
    } else {
      f.items.push_back(std::move(v));
    }
    return true;
  }
  bool open(bool isObject) {
    if (open_.size() >= kMaxDepth) fail(readSoFar() - 1, "nesting too deep (over 256 levels)");
    open_.push_back(Frame{isObject, {}, {}, {}, {}});
    return true;
  }
  bool close() {
    Frame f = std::move(open_.back());
    open_.pop_back();
    return add(f.isObject ? Json(std::move(f.members)) : Json(std::move(f.items)));
  }

  const std::string& text_;
  const size_t end_;
  const std::string& source_;
  const char** readUpTo_;
  std::vector<Frame> open_;
  Json root_;
};

std::string quoted(const std::string& s) {
  // Bytes that are not UTF-8 become U+FFFD: the file must read back (the reader checks UTF-8).
  return Nlohmann(s).dump(-1, ' ', false, Nlohmann::error_handler_t::replace);
}

std::string numberText(double d) {
  if (!std::isfinite(d)) return "null";  // JSON has no NaN/inf
  if (d == 0 && std::signbit(d)) return "-0.0";
  if (d == std::trunc(d) && std::abs(d) < 1e15)
    return std::to_string(static_cast<long long>(d));  // counts read as integers
  // The shortest text that reads back to the same double (std::to_chars guarantees it; about
  // twice as fast as a nlohmann value per number).
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, end);
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
    out += numberText(std::get<double>(v_));
  } else if (isString()) {
    out += quoted(std::get<std::string>(v_));
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
      out += quoted(o[i].first);
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
  const char* readUpTo = text.data();
  const size_t end = std::min(text.find('\0'), text.size());
  Builder builder(text, end, sourceName, &readUpTo);
  const TrackedIterator first{text.data(), &readUpTo}, last{text.data() + end, &readUpTo};
  // Errors throw from inside the builder; a false return cannot happen for JSON input.
  if (!Nlohmann::sax_parse(first, last, &builder))
    throw Error(locatedMessage(sourceName, 0, 0, "unreadable JSON"));
  return builder.take();
}

}  // namespace lreg
