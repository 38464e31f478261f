// Model files of both kinds: connection models round-trip bit for bit, version 1 mesh files
// still load, and a file of the wrong kind or a broken connection is refused by name.
#include <QtTest>

#include <functional>

#include <lreg/connect/connection_trainer.h>
#include <lreg/io/json.h>
#include <lreg/model/model_io.h>
#include "../core/test_util.h"
#include "connection_fixture.h"

using namespace lreg;
using testutil::errorMessage;

namespace {

ConnectionModel trainedConnection(ConnectionTask task) {
  static const ConnectionData classes = testconnect::syntheticClassification(600, 21);
  static const ConnectionData values = testconnect::syntheticRegression(600, 22);
  ConnectionOptions o{.task = task, .components = 3, .dof = 6, .batchSize = 50};
  ConnectionTrainer t(task == ConnectionTask::Classification ? classes : values, o);
  t.trainEpoch();
  t.trainEpoch();  // the meshes have moved once
  return t.model();
}

Model meshModel() {
  Model m;
  m.normalizer.lo = Vector::Constant(1, -1);
  m.normalizer.hi = Vector::Constant(1, 2);
  m.nodes.resize(3, 1);
  m.nodes << 0, 0.3, 1;
  m.simplices.resize(2, 2);
  m.simplices << 0, 1, 1, 2;
  m.coefficients.resize(3, 1);
  m.coefficients << 1, -0.25, 2;
  m.inputNames = {"x"};
  m.outputNames = {"y"};
  return m;
}

std::string edited(const std::string& text, const std::function<void(Json&)>& edit) {
  Json j = Json::parse(text);
  edit(j);
  return j.dump(1);
}

Json without(const Json& j, const std::string& key) {
  Json copy = Json::makeObject();
  for (const auto& [k, v] : j.object())
    if (k != key) copy.set(k, v);
  return copy;
}

}  // namespace

class TestConnectionFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void roundTripIsBitExact_data() {
    QTest::addColumn<int>("task");
    QTest::newRow("classification") << int(ConnectionTask::Classification);
    QTest::newRow("regression") << int(ConnectionTask::Regression);
  }
  void roundTripIsBitExact() {
    QFETCH(int, task);
    const ConnectionModel m = trainedConnection(ConnectionTask(task));
    const std::string path = dir_.filePath("c.json").toStdString();
    saveConnection(m, path);
    const ConnectionModel back = loadConnection(path);
    QCOMPARE(back.task, m.task);
    QVERIFY(back.W == m.W);
    QVERIFY(back.b == m.b);
    QVERIFY(back.coefficients == m.coefficients);
    for (int j = 0; j < m.components(); ++j)
      QVERIFY(back.meshes[size_t(j)].nodes() == m.meshes[size_t(j)].nodes());
    QCOMPARE(back.training, m.training);
    QCOMPARE(back.training.at("epochs"), std::string("2"));
    const ConnectionData d = testconnect::syntheticClassification(50, 23);
    QVERIFY(back.correction(d.features) == m.correction(d.features));
    QVERIFY(m.correction(d.features).cwiseAbs().maxCoeff() > 0);  // a trained, non-zero one
    QCOMPARE(connectionToJson(back), connectionToJson(m));
    const Json j = Json::parse(connectionToJson(m));
    QCOMPARE(j.at("kind").string(), std::string("connection"));
    QCOMPARE(j.at("version").number(), 2.0);
    QCOMPARE(j.at("parameters").number(), double(m.parameterCount()));
    QVERIFY(std::holds_alternative<ConnectionModel>(loadAnyModel(path)));
  }

  void meshFilesOfVersionOneStillLoad() {
    const std::string v2 = modelToJson(meshModel());
    QCOMPARE(Json::parse(v2).at("kind").string(), std::string("mesh"));
    const std::string v1 = edited(v2, [](Json& j) {
      j = without(j, "kind");
      j.set("version", 1);
    });
    const Model back = modelFromJson(v1, "old.json");
    QVERIFY(back.coefficients == meshModel().coefficients);
    const std::string path = testutil::writeText(dir_, "old.json", v1);
    QVERIFY(std::holds_alternative<Model>(loadAnyModel(path)));
  }

  void theWrongKindIsNamed() {
    const std::string c = dir_.filePath("kind-c.json").toStdString();
    saveConnection(trainedConnection(ConnectionTask::Classification), c);
    QCOMPARE(errorMessage([&] { loadModel(c); }),
             QString::fromStdString(c + ": is a connection model, not a mesh model"));
    const std::string m = dir_.filePath("kind-m.json").toStdString();
    saveModel(meshModel(), m);
    QCOMPARE(errorMessage([&] { loadConnection(m); }),
             QString::fromStdString(m + ": is a mesh model, not a connection model"));
  }

  void brokenConnectionFilesAreRefused_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    const std::string good = connectionToJson(trainedConnection(ConnectionTask::Classification));
    auto add = [&](const char* row, const std::function<void(Json&)>& edit, const char* message) {
      QTest::newRow(row) << QByteArray::fromStdString(edited(good, edit)) << QString(message);
    };
    add(
        "no kind", [](Json& j) { j = without(j, "kind"); }, "missing key \"kind\"");
    add(
        "unknown kind", [](Json& j) { j.set("kind", "forest"); },
        "unknown model kind \"forest\" (mesh or connection)");
    add(
        "task", [](Json& j) { j.set("task", "ranking"); },
        "unknown connection task 'ranking' (classification or regression)");
    add(  // fuzz_model_json: the DEL byte was printed raw
        "task with a control character", [](Json& j) { j.set("task", "rank\x7fing"); },
        "unknown connection task 'rank\\x7fing' (classification or regression)");
    add(
        "short W row", [](Json& j) { j.set("W", Json(Json::Array{Json(Json::Array{Json(1.0)})})); },
        "W row 0 has 1 values, expected 6");
    add(
        "b", [](Json& j) { j.set("b", Json(Json::Array{Json(1.0)})); },
        "b has 1 values, expected 3");
    // The same six nodes for each of the three component meshes.
    auto sameNodes = [](std::vector<double> nodes) {
      return [nodes](Json& j) {
        Json meshes = Json::makeArray();
        for (int c = 0; c < 3; ++c) {
          Json mesh = Json::makeArray();
          for (double x : nodes) mesh.push(x);
          meshes.push(mesh);
        }
        j.set("nodes", meshes);
      };
    };
    add("nodes not increasing", sameNodes({0.0, 0.5, 0.4, 0.6, 0.8, 1.0}),
        "mesh nodes 1 and 2 are not strictly increasing");
    add("nodes not on [0, 1]", sameNodes({0.0, 0.1, 0.2, 0.3, 0.4, 0.9}),
        "invalid connection: component mesh 0 must run from 0 to 1");
    add(
        "coefficient blocks", [](Json& j) { j.set("coefficients", Json::makeArray()); },
        "coefficients must have 3 blocks (components)");
    add(
        "components", [](Json& j) { j.set("components", 2); }, "W must have 2 rows (components)");
  }
  void brokenConnectionFilesAreRefused() {
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const std::string path = testutil::writeText(dir_, "broken.json", content.toStdString());
    const QString got = errorMessage([&] { loadConnection(path); });
    QVERIFY2(got.startsWith(QString::fromStdString(path + ": ")), qPrintable(got));
    QVERIFY2(got.contains(message), qPrintable(got));
  }
};

QTEST_APPLESS_MAIN(TestConnectionFile)
#include "test_connection_file.moc"
