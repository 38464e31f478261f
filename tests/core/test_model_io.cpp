// Model files: bit-exact save/load, predictions (interpolation and clamping), every rejected
// file with a message naming it, and atomic saving.
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include <lreg/base/random.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/io/json.h>
#include <lreg/model/model.h>
#include <lreg/model/model_io.h>
#include "test_util.h"

using lreg::Json;
using lreg::Model;
using lreg::RowMatrix;
using testutil::errorMessage;

namespace {

/// A 1D model with awkward (non-round) numbers, so that any loss of precision shows.
Model makeModel(int outputs) {
  const std::vector<double> u{0.0, 0.15, 0.4 + 1e-13, 1.0 / 3.0 + 0.4, 1.0};
  Model m;
  m.dim = 1;
  m.outputs = outputs;
  m.normalizer.lo = lreg::Vector::Constant(1, -2.0 / 3.0);
  m.normalizer.hi = lreg::Vector::Constant(1, 6.1);
  m.nodes.resize(int(u.size()), 1);
  for (int i = 0; i < int(u.size()); ++i) m.nodes(i, 0) = u[i];
  m.simplices.resize(int(u.size()) - 1, 2);
  for (int i = 0; i + 1 < int(u.size()); ++i) m.simplices.row(i) << i, i + 1;
  lreg::Random rng(17);
  m.coefficients.resize(int(u.size()), outputs);
  for (int i = 0; i < m.coefficients.rows(); ++i)
    for (int k = 0; k < outputs; ++k) m.coefficients(i, k) = rng.uniform(-3, 3) * (k + 1);
  m.coefficients(1, 0) = 1e-300;  // extremes survive too
  m.coefficients(2, 0) = -2.5e17;
  m.inputNames = {"time [s]"};
  m.outputNames = outputs == 1 ? std::vector<std::string>{"y"}
                               : std::vector<std::string>{"re \"part\"", "im\tpart"};
  m.training = {{"method", "lstsq"}, {"dof", "5"}, {"seed", "42"}, {"note", "caf\xC3\xA9"}};
  return m;
}

/// Raw input points: inside, at the nodes, and outside the training range.
RowMatrix probePoints(const Model& m) {
  const double lo = m.normalizer.lo(0), hi = m.normalizer.hi(0);
  std::vector<double> xs{lo - 100, lo - 1e-9, hi + 1e-9, hi + 1e6};
  for (int i = 0; i < m.nodes.rows(); ++i) xs.push_back(lo + m.nodes(i, 0) * (hi - lo));
  lreg::Random rng(5);
  for (int i = 0; i < 200; ++i) xs.push_back(rng.uniform(lo, hi));
  RowMatrix X(int(xs.size()), 1);
  for (int i = 0; i < int(xs.size()); ++i) X(i, 0) = xs[i];
  return X;
}

/// Linear interpolation of the model's coefficients by hand, for an input in unit coordinates.
double interpolateByHand(const Model& m, double u, int output) {
  const int D = int(m.nodes.rows());
  if (u <= m.nodes(0, 0)) return m.coefficients(0, output);
  if (u >= m.nodes(D - 1, 0)) return m.coefficients(D - 1, output);
  int j = 0;
  while (!(u < m.nodes(j + 1, 0))) ++j;
  const double a = m.nodes(j, 0), b = m.nodes(j + 1, 0);
  const double t = (u - a) / (b - a);
  return (1 - t) * m.coefficients(j, output) + t * m.coefficients(j + 1, output);
}

Json rowsJson(const std::vector<std::vector<double>>& rows) {
  Json a = Json::makeArray();
  for (const auto& r : rows) {
    Json row = Json::makeArray();
    for (double v : r) row.push(v);
    a.push(row);
  }
  return a;
}

}  // namespace

class TestModelIo : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  std::string path(const QString& name) const { return dir_.filePath(name).toStdString(); }

  /// The file text of makeModel(outputs), edited as JSON by `edit`.
  static std::string editedModelText(int outputs, const std::function<void(Json&)>& edit) {
    Json j = Json::parse(lreg::modelToJson(makeModel(outputs)));
    edit(j);
    return j.dump(1);
  }
  /// The same with `key` set to `value`.
  static std::string modelTextWith(int outputs, const std::string& key, const Json& value) {
    return editedModelText(outputs, [&](Json& j) { j.set(key, value); });
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void saveLoadIsBitExact_data();
  void saveLoadIsBitExact();
  void jsonTextRoundTripIsStable();
  void predictInterpolatesLinearly_data();
  void predictInterpolatesLinearly();
  void predictIsConstantOutsideTheTrainingRange();
  void predictRejectsWrongColumnCount();

  void rejectedFilesNameTheFileAndProblem_data();
  void rejectedFilesNameTheFileAndProblem();
  void truncatedFileIsLocatedAtItsEnd_data();
  void truncatedFileIsLocatedAtItsEnd();
  void missingFileNamesThePath();

  void saveReplacesAtomically();
  void saveIntoMissingFolderThrows();
  void saveRejectsInvalidModelAndWritesNothing();

  void modelsFromNamelessDataRoundTrip_data();
  void modelsFromNamelessDataRoundTrip();
  void emptyNameListsReadAsDefaultNames();
  void wrongNameCountIsRefusedOnSave();
  void randomCoefficientsRoundTripBitExact();
  void duplicateKeyInAModelIsRefused();
};

void TestModelIo::saveLoadIsBitExact_data() {
  QTest::addColumn<int>("outputs");
  QTest::newRow("C = 1") << 1;
  QTest::newRow("C = 2") << 2;
}

void TestModelIo::saveLoadIsBitExact() {
  QFETCH(int, outputs);
  const Model m = makeModel(outputs);
  const std::string file = path(QString("model%1.json").arg(outputs));
  lreg::saveModel(m, file);
  const Model back = lreg::loadModel(file);

  QCOMPARE(back.dim, 1);
  QCOMPARE(back.outputs, outputs);
  QCOMPARE(back.dof(), m.dof());
  QCOMPARE(back.normalizer.lo, m.normalizer.lo);  // Eigen == is exact
  QCOMPARE(back.normalizer.hi, m.normalizer.hi);
  QCOMPARE(back.nodes, m.nodes);
  QCOMPARE(back.simplices, m.simplices);
  QCOMPARE(back.coefficients, m.coefficients);
  QCOMPARE(back.inputNames, m.inputNames);
  QCOMPARE(back.outputNames, m.outputNames);
  QCOMPARE(back.training, m.training);

  const RowMatrix X = probePoints(m);
  QCOMPARE(back.predict(X), m.predict(X));
}

void TestModelIo::jsonTextRoundTripIsStable() {
  const Model m = makeModel(2);
  const std::string text = lreg::modelToJson(m);
  const Json j = Json::parse(text);
  QCOMPARE(j.at("format").string(), std::string("lreg-model"));
  QCOMPARE(j.at("version").number(), double(lreg::kModelFormatVersion));
  QCOMPARE(j.at("dof").number(), 5.0);
  QCOMPARE(lreg::modelToJson(lreg::modelFromJson(text, "mem")), text);
}

void TestModelIo::predictInterpolatesLinearly_data() {
  QTest::addColumn<int>("outputs");
  QTest::newRow("C = 1") << 1;
  QTest::newRow("C = 2") << 2;
}

void TestModelIo::predictInterpolatesLinearly() {
  QFETCH(int, outputs);
  const Model m = makeModel(outputs);
  const RowMatrix X = probePoints(m);
  const RowMatrix P = m.predict(X);
  QCOMPARE(P.rows(), X.rows());
  QCOMPARE(P.cols(), Eigen::Index(outputs));
  const double lo = m.normalizer.lo(0), hi = m.normalizer.hi(0);
  for (int n = 0; n < X.rows(); ++n) {
    const double u = (X(n, 0) - lo) / (hi - lo);
    for (int k = 0; k < outputs; ++k) {
      const double expected = interpolateByHand(m, u, k);
      QVERIFY2(std::abs(P(n, k) - expected) <= 1e-12 * (1 + std::abs(expected)),
               qPrintable(QString("x=%1 output %2: predict %3, by hand %4")
                              .arg(testutil::describe(X(n, 0)))
                              .arg(k)
                              .arg(testutil::describe(P(n, k)), testutil::describe(expected))));
    }
  }
  // At the nodes the prediction is the coefficient itself.
  for (int i = 0; i < m.dof(); ++i) {
    RowMatrix x(1, 1);
    x(0, 0) = lo + m.nodes(i, 0) * (hi - lo);
    QVERIFY(std::abs(m.predict(x)(0, 0) - m.coefficients(i, 0)) <=
            1e-12 * (1 + std::abs(m.coefficients(i, 0))));
  }
}

void TestModelIo::predictIsConstantOutsideTheTrainingRange() {
  const Model m = makeModel(2);
  const double lo = m.normalizer.lo(0), hi = m.normalizer.hi(0);
  RowMatrix X(6, 1);
  X << lo, lo - 0.5, lo - 1e12, hi, hi + 0.5, hi + 1e12;
  const RowMatrix P = m.predict(X);
  for (int k = 0; k < 2; ++k) {
    for (int n = 0; n < 3; ++n) QCOMPARE(P(n, k), m.coefficients(0, k));
    for (int n = 3; n < 6; ++n) QCOMPARE(P(n, k), m.coefficients(m.dof() - 1, k));
  }
}

void TestModelIo::predictRejectsWrongColumnCount() {
  const Model m = makeModel(1);
  const QString msg = errorMessage([&] { m.predict(RowMatrix::Zero(3, 2)); });
  QVERIFY2(msg.contains("1 input column") && msg.contains("2"), qPrintable(msg));
}

void TestModelIo::rejectedFilesNameTheFileAndProblem_data() {
  QTest::addColumn<QString>("fileName");
  QTest::addColumn<QByteArray>("content");
  QTest::addColumn<QStringList>("words");

  auto add = [](const char* row, const std::string& content, const QStringList& words) {
    QTest::newRow(row) << QString("%1.json").arg(QString(row).replace(' ', '-'))
                       << QByteArray::fromStdString(content) << words;
  };
  add("not json", "hello world\n", {"not an lreg model file", "starts with 'hello world"});
  add("csv instead of json", "x,y\n1,2\n", {"not an lreg model file", "starts with 'x,y"});
  add("empty file", "", {"not an lreg model file", "it is empty"});
  add("json array", "[1, 2, 3]\n", {"not an lreg model file", "starts with '[1, 2, 3]"});
  add("byte order mark before a csv", "\xEF\xBB\xBFx,y\n",
      {"not an lreg model file", "starts with 'x,y"});
  // Found by fuzz_model_json: the kind was quoted raw.
  add("control character in the kind",
      "{\"format\": \"lreg-model\", \"version\": 2, \"kind\": \"\x7f"
      "onnection\"}\n",
      {"unknown model kind \"\\x7fonnection\""});
  add("other format", modelTextWith(1, "format", "something-else"), {"not an LReg model"});
  add("no format", R"({"version": 1, "dim": 1})", {"not an LReg model"});
  add("format not a string", modelTextWith(1, "format", 1), {"not an LReg model"});
  add("newer version", modelTextWith(1, "version", 99), {"newer", "99"});
  add("version zero", modelTextWith(1, "version", 0), {"version"});
  add("fractional version", modelTextWith(1, "version", 1.5), {"version", "whole number"});
  // Fuzzing found these: a cast of a double beyond int's range was undefined behaviour.
  add("version beyond int", modelTextWith(1, "version", 2.2e97), {"version", "whole number"});
  add("dim beyond int", modelTextWith(1, "dim", -1e300), {"dim", "whole number"});
  add("simplex index beyond int",
      modelTextWith(1, "simplices", rowsJson({{0, 1}, {1, 1e300}, {2, 3}, {3, 4}})),
      {"simplices", "whole"});
  add("missing nodes",
      editedModelText(1,
                      [](Json& j) {
                        Json copy = Json::makeObject();
                        for (const auto& [k, v] : j.object())
                          if (k != "nodes") copy.set(k, v);
                        j = copy;
                      }),
      {"missing key", "nodes"});
  add("equal nodes", modelTextWith(1, "nodes", rowsJson({{0.0}, {0.15}, {0.15}, {0.7}, {1.0}})),
      {"nodes 1 and 2", "increasing"});
  add("decreasing nodes", modelTextWith(1, "nodes", rowsJson({{0.0}, {0.5}, {0.4}, {0.7}, {1.0}})),
      {"nodes 1 and 2", "increasing"});
  add("node row of two values",
      modelTextWith(1, "nodes", rowsJson({{0.0}, {0.1, 0.2}, {0.4}, {0.7}, {1.0}})),
      {"nodes row 1", "2 values", "expected 1"});
  add("simplex index out of range",
      modelTextWith(1, "simplices", rowsJson({{0, 1}, {1, 2}, {2, 3}, {3, 5}})),
      {"simplex 3", "node"});
  add("negative simplex index",
      modelTextWith(1, "simplices", rowsJson({{-1, 1}, {1, 2}, {2, 3}, {3, 4}})),
      {"simplex 0", "node"});
  add("fractional simplex index",
      modelTextWith(1, "simplices", rowsJson({{0, 1}, {1, 2.5}, {2, 3}, {3, 4}})),
      {"simplices", "whole"});
  add("coefficient row too short",
      modelTextWith(2, "coefficients", rowsJson({{1, 2}, {3, 4}, {5}, {7, 8}, {9, 10}})),
      {"coefficients row 2", "1 values", "expected 2"});
  add("coefficient row too long",
      modelTextWith(1, "coefficients", rowsJson({{1}, {2, 3}, {4}, {5}, {6}})),
      {"coefficients row 1", "expected 1"});
  add("too few coefficient rows", modelTextWith(1, "coefficients", rowsJson({{1}, {2}, {3}})),
      {"coefficients"});
  add("dim that is a string", modelTextWith(1, "dim", "one"), {"number", "dim"});
  add("dof that is not the node count", modelTextWith(1, "dof", 6),
      {"dof is 6 but the file lists 5 nodes"});
  add("empty normalisation range",
      editedModelText(1,
                      [](Json& j) {
                        Json norm = Json::makeObject();
                        norm.set("lo", Json(Json::Array{Json(2.0)}));
                        norm.set("hi", Json(Json::Array{Json(2.0)}));
                        j.set("normalization", norm);
                      }),
      {"normalisation range"});
  add("wrong number of output names",
      modelTextWith(2, "output_names", Json(Json::Array{Json("y")})), {"output_names", "2"});
}

void TestModelIo::rejectedFilesNameTheFileAndProblem() {
  QFETCH(QString, fileName);
  QFETCH(QByteArray, content);
  QFETCH(QStringList, words);
  const std::string file = testutil::writeText(dir_, fileName, content.toStdString());
  const QString msg = errorMessage([&] { lreg::loadModel(file); });
  QVERIFY2(msg.startsWith(QString::fromStdString(file) + ":"), qPrintable(msg));
  for (const QString& w : words) QVERIFY2(msg.contains(w), qPrintable("no '" + w + "' in: " + msg));
}

void TestModelIo::truncatedFileIsLocatedAtItsEnd_data() {
  QTest::addColumn<double>("fraction");
  for (double f : {0.1, 0.25, 0.5, 0.63, 0.75, 0.9, 0.99})
    QTest::newRow(qPrintable(QString("cut at %1").arg(f))) << f;
}

void TestModelIo::truncatedFileIsLocatedAtItsEnd() {
  QFETCH(double, fraction);
  const std::string full = lreg::modelToJson(makeModel(2));
  const std::string text = full.substr(0, size_t(double(full.size()) * fraction));
  const std::string file = testutil::writeText(dir_, "truncated.json", text);
  // The error lies where the text stops: its last line, one past its last character.
  const long line = 1 + long(std::count(text.begin(), text.end(), '\n'));
  const size_t lastNewline = text.rfind('\n');
  const long column =
      1 + long(lastNewline == std::string::npos ? text.size() : text.size() - lastNewline - 1);
  const QString msg = errorMessage([&] { lreg::loadModel(file); });
  const QString prefix =
      QString("%1:%2:%3: ").arg(QString::fromStdString(file)).arg(line).arg(column);
  QVERIFY2(msg.startsWith(prefix), qPrintable("expected '" + prefix + "', got: " + msg));
}

void TestModelIo::missingFileNamesThePath() {
  const std::string file = path("does-not-exist.json");
  const QString msg = errorMessage([&] { lreg::loadModel(file); });
  QVERIFY2(msg.startsWith(QString::fromStdString(file) + ": "), qPrintable(msg));
}

void TestModelIo::saveReplacesAtomically() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string file = dir.filePath("model.json").toStdString();
  testutil::writeText(dir, "model.json", "previous content");
  const Model m = makeModel(1);
  lreg::saveModel(m, file);
  lreg::saveModel(m, file);  // and once more over a model file
  QCOMPARE(testutil::allEntries(dir), QStringList{"model.json"});
  QCOMPARE(testutil::readText(file), lreg::modelToJson(m));
  QCOMPARE(lreg::loadModel(file).coefficients, m.coefficients);
}

void TestModelIo::saveIntoMissingFolderThrows() {
  const std::string file = path("no/such/folder/model.json");
  const QString msg = errorMessage([&] { lreg::saveModel(makeModel(1), file); });
  QVERIFY2(msg.startsWith(QString::fromStdString(file) + ": "), qPrintable(msg));
}

void TestModelIo::saveRejectsInvalidModelAndWritesNothing() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  Model m = makeModel(1);
  m.coefficients.conservativeResize(m.dof() - 1, 1);
  const std::string file = dir.filePath("bad.json").toStdString();
  const QString msg = errorMessage([&] { lreg::saveModel(m, file); });
  QVERIFY2(msg.contains("coefficients"), qPrintable(msg));
  QVERIFY(testutil::allEntries(dir).isEmpty());
}

void TestModelIo::modelsFromNamelessDataRoundTrip_data() {
  QTest::addColumn<int>("dim");
  QTest::addColumn<int>("outputs");
  QTest::addColumn<QStringList>("inputNames");
  QTest::addColumn<QStringList>("outputNames");
  QTest::newRow("1D") << 1 << 1 << QStringList{"x"} << QStringList{"y"};
  QTest::newRow("2D, two outputs") << 2 << 2 << QStringList{"x1", "x2"} << QStringList{"y1", "y2"};
}

void TestModelIo::modelsFromNamelessDataRoundTrip() {
  // A Dataset built in memory, without column names: the model file must still load.
  QFETCH(int, dim);
  QFETCH(int, outputs);
  QFETCH(QStringList, inputNames);
  QFETCH(QStringList, outputNames);
  lreg::Dataset data;
  lreg::Random rng(3);
  data.X.resize(400, dim);
  data.Y.resize(400, outputs);
  for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
    for (int k = 0; k < dim; ++k) data.X(i, k) = rng.uniform(-1, 2);
    for (int k = 0; k < outputs; ++k) data.Y(i, k) = std::sin(3 * data.X(i, 0)) + k;
  }
  lreg::MrcOptions options{.dof = 12, .iterations = 2};
  const Model m = lreg::fit(data, options);
  auto toStd = [](const QStringList& l) {
    std::vector<std::string> v;
    for (const QString& s : l) v.push_back(s.toStdString());
    return v;
  };
  QCOMPARE(m.inputNames, toStd(inputNames));  // the fitted model names its columns
  const std::string file = path(QString("nameless%1.json").arg(dim));
  lreg::saveModel(m, file);
  QVERIFY(testutil::readText(file).find("\"input_names\": []") == std::string::npos);
  const Model back = lreg::loadModel(file);
  QCOMPARE(back.inputNames, toStd(inputNames));
  QCOMPARE(back.outputNames, toStd(outputNames));
  QCOMPARE(back.coefficients, m.coefficients);
  QCOMPARE(back.predict(data.X), m.predict(data.X));
}

void TestModelIo::emptyNameListsReadAsDefaultNames() {
  // Files written before the fix hold "input_names": [] (and so may hand-built models).
  const std::string text = editedModelText(2, [](Json& j) {
    j.set("input_names", Json::makeArray());
    j.set("output_names", Json::makeArray());
  });
  const Model m = lreg::modelFromJson(text, "old.json");
  QCOMPARE(m.inputNames, std::vector<std::string>{"x"});
  QCOMPARE(m.outputNames, (std::vector<std::string>{"y1", "y2"}));
  Model unnamed = makeModel(1);
  unnamed.inputNames.clear();
  unnamed.outputNames.clear();
  const std::string file = path("unnamed.json");
  lreg::saveModel(unnamed, file);
  QCOMPARE(lreg::loadModel(file).outputNames, std::vector<std::string>{"y"});
}

void TestModelIo::wrongNameCountIsRefusedOnSave() {
  Model m = makeModel(2);
  m.outputNames = {"only one"};
  const QString msg = errorMessage([&] { lreg::saveModel(m, path("wrong-names.json")); });
  QVERIFY2(msg.contains("output_names") && msg.contains("2"), qPrintable(msg));
  QVERIFY(!QFile::exists(QString::fromStdString(path("wrong-names.json"))));
}

void TestModelIo::randomCoefficientsRoundTripBitExact() {
  // 17 significant digits survive the model file: every coefficient and node comes back with
  // the same bits.
  Model m = makeModel(3);
  const int D = 20001;
  m.nodes.resize(D, 1);
  m.simplices.resize(D - 1, 2);
  m.coefficients.resize(D, 3);
  lreg::Random rng(11);
  for (int i = 0; i < D; ++i) {
    m.nodes(i, 0) = i == 0 ? 0.0 : i == D - 1 ? 1.0 : (i + rng.uniform(-0.4, 0.4)) / (D - 1);
    for (int k = 0; k < 3; ++k)
      m.coefficients(i, k) = rng.uniform(-1, 1) * std::pow(10.0, rng.uniform(-30, 30));
  }
  for (int i = 0; i + 1 < D; ++i) m.simplices.row(i) << i, i + 1;
  m.outputNames = {"a", "b", "c"};
  const std::string file = path("random.json");
  lreg::saveModel(m, file);
  const Model back = lreg::loadModel(file);
  long different = 0;
  for (int i = 0; i < D; ++i) {
    different += !testutil::sameBits(back.nodes(i, 0), m.nodes(i, 0));
    for (int k = 0; k < 3; ++k)
      different += !testutil::sameBits(back.coefficients(i, k), m.coefficients(i, k));
  }
  QCOMPARE(different, 0L);
}

void TestModelIo::duplicateKeyInAModelIsRefused() {
  std::string text = lreg::modelToJson(makeModel(1));
  const size_t at = text.find("\"nodes\"");
  text.insert(at, "\"dim\": 1,\n ");
  const std::string file = testutil::writeText(dir_, "dup.json", text);
  const QString msg = errorMessage([&] { lreg::loadModel(file); });
  QVERIFY2(msg.startsWith(QString::fromStdString(file) + ":") && msg.contains("duplicate key") &&
               msg.contains("\"dim\""),
           qPrintable(msg));
}

QTEST_APPLESS_MAIN(TestModelIo)
#include "test_model_io.moc"
