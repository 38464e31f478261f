// Json: parse/dump round trips, exact numbers, escapes, typed access, and located parse errors.
#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>
#include <string>

#include <lreg/base/random.h>
#include <lreg/io/json.h>
#include "test_util.h"

using lreg::Json;
using testutil::errorMessage;

class TestJson : public QObject {
  Q_OBJECT

 private:
  /// parse(dump(v)) for a number, compact and pretty.
  static double reparsed(double v, int indent) {
    Json a = Json::makeArray();
    a.push(v);
    return Json::parse(a.dump(indent)).array().at(0).number();
  }

 private slots:
  void compactDumpReproducesCanonicalText_data();
  void compactDumpReproducesCanonicalText();
  void nestedRoundTrip();
  void prettyDumpParsesToTheSameValue();
  void objectKeepsInsertionOrderAndSetReplaces();
  void stringEscapes();
  void controlCharactersAreEscaped();
  void integersPrintAsIntegers_data();
  void integersPrintAsIntegers();
  void doublesRoundTripExactly_data();
  void doublesRoundTripExactly();
  void shortestFormForDecimals();
  void nonFiniteDumpsAsNull();
  void typedAccessErrorsNameTheValue();

  void malformedInputIsLocated_data();
  void malformedInputIsLocated();
  void errorNamesTheSource();
  void numberOverflowIsRejected_data();
  void numberOverflowIsRejected();
  void leadingZerosAreRejected();
  void escapeErrorPointsAtTheEscape();
  void rawNewlineInStringPointsAtItsLine();

  void sameKeyInTwoObjectsIsFine();
  void surrogatePairsBecomeFourByteUtf8();
  void invalidUtf8IsRefusedAndNeverWritten();
  void controlCharactersInMessagesAreEscaped_data();
  void controlCharactersInMessagesAreEscaped();
  void nestingIsLimited();
  void negativeZeroKeepsItsSign();
  void randomDoublesRoundTripBitExact();
};

void TestJson::compactDumpReproducesCanonicalText_data() {
  QTest::addColumn<QString>("text");
  QTest::newRow("scalars") << R"([null,true,false,0,-7,2.5,"s"])";
  QTest::newRow("nested") << R"({"a":[1,2.5,{"b":null}],"c":true,"s":"x\ny"})";
  QTest::newRow("empty containers") << R"({"o":{},"a":[],"n":[[],[{}]]})";
  QTest::newRow("deep") << R"([[[[[[[[[[1]]]]]]]]]])";
  QTest::newRow("string") << R"("plain")";
}

void TestJson::compactDumpReproducesCanonicalText() {
  QFETCH(QString, text);
  QCOMPARE(QString::fromStdString(Json::parse(text.toStdString()).dump()), text);
}

void TestJson::nestedRoundTrip() {
  Json root = Json::makeObject();
  root.set("name", "model \"A\"");
  root.set("count", 3);
  Json inner = Json::makeObject();
  inner.set("flag", false);
  inner.set("nothing", nullptr);
  Json list = Json::makeArray();
  list.push(1.5);
  list.push("two");
  list.push(Json::makeArray());
  inner.set("list", list);
  root.set("inner", inner);

  const Json back = Json::parse(root.dump());
  QCOMPARE(back.at("name").string(), std::string("model \"A\""));
  QCOMPARE(back.at("count").number(), 3.0);
  const Json& in = back.at("inner");
  QCOMPARE(in.at("flag").boolean(), false);
  QVERIFY(in.at("nothing").isNull());
  QCOMPARE(in.at("list").array().size(), size_t(3));
  QCOMPARE(in.at("list").array()[0].number(), 1.5);
  QCOMPARE(in.at("list").array()[1].string(), std::string("two"));
  QVERIFY(in.at("list").array()[2].isArray());
  QCOMPARE(back.dump(), root.dump());
}

void TestJson::prettyDumpParsesToTheSameValue() {
  const std::string text =
      R"({"format":"x","rows":[[1,2],[3,4.25]],"meta":{"k":"v","e":{}},"list":[{"a":1},{"b":[]}]})";
  const Json v = Json::parse(text);
  for (int indent : {0, 1, 2, 4}) {
    const std::string pretty = v.dump(indent);
    QVERIFY(pretty.find('\n') != std::string::npos);
    QCOMPARE(Json::parse(pretty).dump(), text);
  }
  // Number rows stay on one line.
  QVERIFY(v.dump(1).find("[1, 2]") != std::string::npos);
}

void TestJson::objectKeepsInsertionOrderAndSetReplaces() {
  Json o = Json::makeObject();
  o.set("z", 1);
  o.set("a", 2);
  o.set("m", 3);
  o.set("a", 20);
  QCOMPARE(o.dump(), std::string(R"({"z":1,"a":20,"m":3})"));
  QVERIFY(o.find("m") != nullptr);
  QVERIFY(o.find("missing") == nullptr);
  QVERIFY(Json(1.0).find("a") == nullptr);
}

void TestJson::stringEscapes() {
  const Json v = Json::parse(R"("line\nbreak \"q\" caf\u00e9 \\ \/ \t\b\f\r \u20ac \u0041")");
  const std::string expected = "line\nbreak \"q\" caf\xC3\xA9 \\ / \t\b\f\r \xE2\x82\xAC A";
  QCOMPARE(v.string(), expected);
  const std::string dumped = v.dump();
  QVERIFY(dumped.find("\\n") != std::string::npos);
  QVERIFY(dumped.find("\\\"q\\\"") != std::string::npos);
  QCOMPARE(Json::parse(dumped).string(), expected);
}

void TestJson::controlCharactersAreEscaped() {
  const std::string raw = std::string("a") + char(1) + char(31) + "b";
  const std::string dumped = Json(raw).dump();
  QCOMPARE(dumped, std::string(R"("a\u0001\u001fb")"));
  QCOMPARE(Json::parse(dumped).string(), raw);
}

void TestJson::integersPrintAsIntegers_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("text");
  QTest::newRow("zero") << 0.0 << "0";
  QTest::newRow("one") << 1.0 << "1";
  QTest::newRow("negative") << -42.0 << "-42";
  QTest::newRow("large") << 123456789012345.0 << "123456789012345";
  QTest::newRow("int max") << 2147483647.0 << "2147483647";
}

void TestJson::integersPrintAsIntegers() {
  QFETCH(double, value);
  QFETCH(QString, text);
  QCOMPARE(QString::fromStdString(Json(value).dump()), text);
  QCOMPARE(Json::parse(text.toStdString()).number(), value);
}

void TestJson::doublesRoundTripExactly_data() {
  QTest::addColumn<double>("value");
  QTest::newRow("0.1") << 0.1;
  QTest::newRow("1e-300") << 1e-300;
  QTest::newRow("-2.5e17") << -2.5e17;
  QTest::newRow("1/3") << 1.0 / 3.0;
  QTest::newRow("pi") << M_PI;
  QTest::newRow("1e15") << 1e15;
  QTest::newRow("2^53 + 2") << 9007199254740994.0;
  QTest::newRow("1e300") << 1e300;
  QTest::newRow("max") << std::numeric_limits<double>::max();
  QTest::newRow("lowest") << std::numeric_limits<double>::lowest();
  QTest::newRow("min normal") << std::numeric_limits<double>::min();
  QTest::newRow("denormal") << std::numeric_limits<double>::denorm_min() * 3;
  QTest::newRow("next after 1") << std::nextafter(1.0, 2.0);
  QTest::newRow("-0.5") << -0.5;
}

void TestJson::doublesRoundTripExactly() {
  QFETCH(double, value);
  for (int indent : {-1, 2}) {
    const double back = reparsed(value, indent);
    QVERIFY2(testutil::sameBits(back, value),
             qPrintable(testutil::describe(value) + " came back as " + testutil::describe(back)));
  }
}

void TestJson::shortestFormForDecimals() {
  QCOMPARE(Json(0.1).dump(), std::string("0.1"));
  QCOMPARE(Json(-2.5).dump(), std::string("-2.5"));
  QCOMPARE(Json(1e-300).dump(), std::string("1e-300"));
}

void TestJson::nonFiniteDumpsAsNull() {
  QCOMPARE(Json(std::numeric_limits<double>::quiet_NaN()).dump(), std::string("null"));
  QCOMPARE(Json(std::numeric_limits<double>::infinity()).dump(), std::string("null"));
}

void TestJson::typedAccessErrorsNameTheValue() {
  const Json v = Json::parse(R"({"n":1,"s":"x"})");
  QVERIFY(errorMessage([&] { v.at("n").string("the name"); }).contains("the name"));
  QVERIFY(errorMessage([&] { v.at("s").number("dof"); }).contains("dof"));
  QVERIFY(errorMessage([&] { v.at("s").array("rows"); }).contains("rows"));
  QVERIFY(errorMessage([&] { v.at("n").object("meta"); }).contains("meta"));
  QVERIFY(errorMessage([&] { v.at("n").boolean("flag"); }).contains("flag"));
  QVERIFY(errorMessage([&] { v.at("nodes"); }).contains("\"nodes\""));
  QVERIFY_THROWS_EXCEPTION(lreg::Error, v.array());
}

void TestJson::malformedInputIsLocated_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("line");
  QTest::addColumn<int>("column");
  QTest::addColumn<QString>("words");

  QTest::newRow("truncated object") << R"({"a": 1)" << 1 << 8 << "end of file";
  QTest::newRow("truncated after a comma") << "{\n  \"a\": [1,\n" << 3 << 1 << "end of file";
  QTest::newRow("truncated array") << "[1, 2" << 1 << 6 << "end of file";
  QTest::newRow("empty input") << "" << 1 << 1 << "end of file";
  QTest::newRow("only spaces") << "  \n  " << 2 << 3 << "end of file";
  QTest::newRow("trailing comma in object")
      << "{\n  \"a\": 1,\n  \"b\": 2,\n}" << 4 << 1 << "string key";
  QTest::newRow("trailing comma in array") << "[1, 2,]" << 1 << 7 << "']'";
  QTest::newRow("bare word") << R"({"a": hello})" << 1 << 7 << "'h'";
  QTest::newRow("bare word on line 3") << "[\n1,\n  yes\n]" << 3 << 3 << "'y'";
  QTest::newRow("misspelt literal") << "[true, nul]" << 1 << 11 << "literal";
  QTest::newRow("unterminated string") << R"({"name": "abc)" << 1 << 14 << "unterminated";
  QTest::newRow("text after the value") << R"({"a": 1} x)" << 1 << 10 << "after";
  QTest::newRow("second value") << "1\n2" << 2 << 1 << "after";
  QTest::newRow("missing colon") << R"({"a" 1})" << 1 << 6 << "':'";
  QTest::newRow("unquoted key") << "{a: 1}" << 1 << 2 << "key";
  QTest::newRow("missing comma") << "[1 2]" << 1 << 4 << "']'";
  QTest::newRow("bad number") << "[-]" << 1 << 3 << "number";
  QTest::newRow("fraction without digits") << "[1.]" << 1 << 4 << "number";
  QTest::newRow("single quotes") << "['a']" << 1 << 2 << "'''";
  // RFC 8259 leaves duplicate names to the reader; a model file with two "nodes" is a mistake.
  // The error points at the second key's opening quote.
  QTest::newRow("duplicate key") << R"({"a": 1, "b": 2, "a": 3})" << 1 << 18
                                 << R"(duplicate key "a")";
  QTest::newRow("duplicate key, nested, next line")
      << "{\"o\": {\"k\": 1,\n  \"k\": [2]}}" << 2 << 3 << R"(duplicate key "k")";
  QTest::newRow("duplicate key with an escaped quote")
      << R"({"a\"b": 1, "a\"b": 2})" << 1 << 13 << R"(duplicate key "a"b")";
  QTest::newRow("duplicate key, other escape")
      << R"({"é": 1, "\u00e9": 2})" << 1 << 11 << R"(duplicate key "é")";
}

void TestJson::malformedInputIsLocated() {
  QFETCH(QString, text);
  QFETCH(int, line);
  QFETCH(int, column);
  QFETCH(QString, words);
  const QString msg = errorMessage([&] { Json::parse(text.toStdString(), "in.json"); });
  const QString prefix = QString("in.json:%1:%2: ").arg(line).arg(column);
  QVERIFY2(msg.startsWith(prefix), qPrintable("expected '" + prefix + "', got: " + msg));
  QVERIFY2(msg.contains(words), qPrintable("no '" + words + "' in: " + msg));
}

void TestJson::errorNamesTheSource() {
  const QString msg = errorMessage([] { Json::parse("[1,", "/some/dir/model.json"); });
  QVERIFY2(msg.startsWith("/some/dir/model.json:1:4: "), qPrintable(msg));
  QVERIFY(errorMessage([] { Json::parse("[1,"); }).startsWith("<json>:1:4: "));
}

void TestJson::numberOverflowIsRejected_data() {
  QTest::addColumn<QString>("text");
  QTest::newRow("1e999") << "[1e999]";
  QTest::newRow("-1e400") << "[-1e400]";
  QTest::newRow("huge mantissa") << "[2.5e308]";
}

void TestJson::numberOverflowIsRejected() {
  // A number too large for a double must not silently become another value (e.g. 0).
  QFETCH(QString, text);
  const QString msg = errorMessage([&] { Json::parse(text.toStdString(), "big.json"); });
  QVERIFY2(msg.startsWith("big.json:1:"), qPrintable(msg));
  QVERIFY2(msg.contains("out of range"), qPrintable(msg));
}

void TestJson::leadingZerosAreRejected() {
  // RFC 8259: "A number ... leading zeros are not allowed".
  const QString msg = errorMessage([] { Json::parse("[01]", "z.json"); });
  QVERIFY2(msg.startsWith("z.json:1:"), qPrintable(msg));
  QCOMPARE(Json::parse("[0.5]").array()[0].number(), 0.5);
  QCOMPARE(Json::parse("[-0]").array()[0].number(), 0.0);
}

void TestJson::escapeErrorPointsAtTheEscape() {
  // ["a\q"]: the backslash is column 4, the bad escape letter column 5.
  const QString msg = errorMessage([] { Json::parse(R"(["a\q"])", "e.json"); });
  QVERIFY2(msg.contains("escape"), qPrintable(msg));
  QVERIFY2(msg.startsWith("e.json:1:4: ") || msg.startsWith("e.json:1:5: "), qPrintable(msg));
}

void TestJson::rawNewlineInStringPointsAtItsLine() {
  // A forgotten closing quote: the problem is on line 1 (column 11 is the raw newline), not
  // at the start of line 2.
  const QString msg = errorMessage([] { Json::parse("{\"a\": \"abc\n, \"b\": 1}", "q.json"); });
  QVERIFY2(msg.startsWith("q.json:1:"), qPrintable(msg));
}

void TestJson::sameKeyInTwoObjectsIsFine() {
  QCOMPARE(Json::parse(R"([{"a": 1}, {"a": 2}])").array()[1].at("a").number(), 2.0);
}

void TestJson::surrogatePairsBecomeFourByteUtf8() {
  // U+1F600 as a surrogate pair: UTF-8 F0 9F 98 80, not CESU-8 (two 3-byte halves).
  const Json v = Json::parse(R"(["\ud83d\ude00", "\uD834\uDD1E x"])");
  QCOMPARE(v.array()[0].string(), std::string("\xF0\x9F\x98\x80"));
  QCOMPARE(v.array()[1].string(), std::string("\xF0\x9D\x84\x9E x"));
  QCOMPARE(Json::parse(v.dump()).dump(), v.dump());
  // A lone half is not a character.
  for (const char* text : {R"(["\ud83d"])", R"(["\ude00"])", R"(["\ud83d\u0041"])"}) {
    const QString msg = errorMessage([&] { Json::parse(text, "s.json"); });
    QVERIFY2(msg.startsWith("s.json:1:") && msg.contains("surrogate"), qPrintable(msg));
  }
}

void TestJson::invalidUtf8IsRefusedAndNeverWritten() {
  const QString msg = errorMessage([] { Json::parse("[\"ab\xff\"]", "u.json"); });
  QVERIFY2(msg.startsWith("u.json:1:5: ") && msg.contains("UTF-8"), qPrintable(msg));
  QVERIFY2(msg.contains("\\xff"), qPrintable(msg));  // the byte, escaped
  // Writing a string that is not UTF-8 gives U+FFFD for the bad byte: the file reads back.
  const std::string dumped = Json(std::string("caf\xe9")).dump();
  QCOMPARE(Json::parse(dumped).string(), std::string("caf\xEF\xBF\xBD"));
}

void TestJson::controlCharactersInMessagesAreEscaped_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QString>("shown");
  QTest::newRow("NUL where a value goes") << QByteArray("[1, \0]", 6) << R"(\x00)";
  // nlohmann stops at a NUL as if the text ended there; the text after it is not ignored.
  QTest::newRow("NUL after the value") << QByteArray("{\"a\": 1}\0x", 10) << "after";
  QTest::newRow("bell in a bare word") << QByteArray("{\"a\": \x07}") << R"(\x07)";
  QTest::newRow("NUL in a duplicate key")
      << QByteArray(R"({"a\u0000b": 1, "a\u0000b": 2})") << R"(a\x00b)";
  QTest::newRow("escape in a bad number") << QByteArray("[1e\x1b]") << "number";
  // Found by fuzz_model_json and fuzz_session: the token nlohmann last read is the input's own
  // text; when it held "; expected " the rest of it (DEL bytes, invalid UTF-8) was taken for
  // nlohmann's "expected WHAT" and printed raw.
  QTest::newRow("fuzz_model_json: '; expected' in the input, then DEL")
      << QByteArray::fromBase64(
             "eyJmb3I1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU0J207IGV4cGVjdGVkIGt0f381NSdta3R/"
             "f2Vyc2lvbiI6AQA=")
      << R"(invalid literal: unexpected character '\x01')";
  QTest::newRow("fuzz_session: '; expected' in the input, then invalid UTF-8")
      << QByteArray::fromBase64(
             "ewogImZvcm1hdCI6ICJscmVnOSAwMSwgMC41NDg3OWxyZWc0OTQ2MTk5NDYxOCwgMC43NDU0NTE4MDA4NDQ3M"
             "jsgZXhwZWN0ZWQgMDEsIDAuNTQ4Nzk5MDIpJ30nKSkpKSkpKSkpKSl/"
             "f4EgfSwKIG52YWxpIGNoYXJhY3Rlcjk1MTQwMDc1LCARLjQyOTg0OSBudWxsCn0K")
      << R"(invalid UTF-8 byte '\x81')";
}

void TestJson::controlCharactersInMessagesAreEscaped() {
  QFETCH(QByteArray, text);
  QFETCH(QString, shown);
  const QString msg =
      errorMessage([&] { Json::parse(std::string(text.constData(), size_t(text.size())), "c"); });
  QVERIFY2(msg.startsWith("c:"), qPrintable(msg));
  QVERIFY2(msg.contains(shown), qPrintable(msg));
  for (QChar ch : msg)  // U+FFFD: a byte that is not UTF-8
    QVERIFY2(ch.unicode() >= 0x20 && ch.unicode() != 0x7f && ch.unicode() != 0xfffd,
             qPrintable("raw control character in " + msg));
  QVERIFY2(!msg.contains("expected kt") && !msg.contains("expected 01,"), qPrintable(msg));
}

void TestJson::nestingIsLimited() {
  const std::string deep(300, '[');
  const QString msg = errorMessage([&] { Json::parse(deep, "deep.json"); });
  QVERIFY2(msg.startsWith("deep.json:1:257: ") && msg.contains("nesting"), qPrintable(msg));
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  QCOMPARE(Json::parse(ok).dump(), ok);
}

void TestJson::negativeZeroKeepsItsSign() {
  QCOMPARE(Json(-0.0).dump(), std::string("-0.0"));
  QVERIFY(std::signbit(reparsed(-0.0, -1)));
  QVERIFY(!std::signbit(reparsed(0.0, -1)));
}

void TestJson::randomDoublesRoundTripBitExact() {
  // Random bit patterns cover every exponent (denormals included) and 17-digit mantissas.
  lreg::Random rng(2024);
  Json a = Json::makeArray();
  std::vector<double> values;
  while (values.size() < 200000) {
    const double v = std::bit_cast<double>(rng.next());
    if (!std::isfinite(v)) continue;
    values.push_back(v);
    a.push(v);
  }
  const Json back = Json::parse(a.dump(1));
  long different = 0;
  for (size_t i = 0; i < values.size(); ++i)
    different += !testutil::sameBits(back.array()[i].number(), values[i]);
  QCOMPARE(different, 0L);
}

QTEST_APPLESS_MAIN(TestJson)
#include "test_json.moc"
