// The LReg connection: a frozen model's outputs corrected by sum_j c_j(sigmoid(W x + b)_j),
// trained by Adam with the MRC loop on every component's mesh.
#include <QtTest>

#include <lreg/base/parallel.h>
#include <lreg/connect/connection_trainer.h>
#include "../core/test_util.h"
#include "1d/basis1d.h"
#include "1d/refine1d.h"
#include "connection_fixture.h"

using namespace lreg;
using testconnect::syntheticClassification;
using testconnect::syntheticRegression;
using testutil::errorMessage;

namespace {

ConnectionOptions smallOptions() {
  ConnectionOptions o{.components = 3, .dof = 8, .batchSize = 64};
  return o;
}

ConnectionScore scoreOf(const ConnectionModel& m, const ConnectionData& d) {
  return scoreOutputs(m.task, m.predict(d.features, d.outputs), d);
}

bool sameModel(const ConnectionModel& a, const ConnectionModel& b) {
  if (a.W != b.W || a.b != b.b || a.coefficients != b.coefficients) return false;
  for (size_t j = 0; j < a.meshes.size(); ++j)
    if (a.meshes[j].nodes() != b.meshes[j].nodes()) return false;
  return true;
}

ConnectionModel trained(const ConnectionData& d, ConnectionOptions o, int epochs) {
  ConnectionTrainer t(d, o);
  for (int e = 0; e < epochs; ++e) t.trainEpoch();
  return t.model();
}

}  // namespace

class TestConnection : public QObject {
  Q_OBJECT

 private slots:
  void startsExactlyAtTheFrozenModel() {
    const ConnectionData train = syntheticClassification(3000, 1);
    const ConnectionTrainer t(train, smallOptions());
    const ConnectionModel m = t.model();
    QCOMPARE(m.parameterCount(), long(6 + 1) * 3 + 3L * 8 * 3);
    QCOMPARE(m.inputs(), 6);
    QCOMPARE(m.components(), 3);
    QCOMPARE(m.dof(), 8);
    QCOMPARE(m.outputs(), 3);
    QCOMPARE(m.correction(train.features).cwiseAbs().maxCoeff(), 0.0);
    QVERIFY(m.predict(train.features, train.outputs) == train.outputs);
    // The PCA start spreads each component over (0, 1) like a uniform variable (mean 1/2,
    // variance 1/12), with different directions for different components.
    const RowMatrix Z = m.components(train.features);
    for (int j = 0; j < 3; ++j) {
      const double mean = Z.col(j).mean();
      const double var = (Z.col(j).array() - mean).square().mean();
      QVERIFY2(std::abs(mean - 0.5) < 0.02, qPrintable(QString::number(mean)));
      QVERIFY2(std::abs(var - 1.0 / 12) < 0.01, qPrintable(QString::number(var)));
      const Mesh1D& mesh = m.meshes[size_t(j)];
      QCOMPARE(mesh.node(0), 0.0);
      QCOMPARE(mesh.node(7), 1.0);
    }
    const double cosine = m.W.row(0).normalized().dot(m.W.row(1).normalized());
    QVERIFY(std::abs(cosine) < 0.99);
  }

  void lowersTheLossWhereTheBaseIsWrong() {
    const ConnectionData train = syntheticClassification(4000, 1),
                         val = syntheticClassification(2000, 2);
    const ConnectionScore base = scoreOutputs(ConnectionTask::Classification, val.outputs, val);
    ConnectionTrainer t(train, smallOptions());
    std::vector<double> trainLoss;
    for (int e = 0; e < 4; ++e) trainLoss.push_back(t.trainEpoch());
    QCOMPARE(t.epoch(), 4);
    const ConnectionScore after = scoreOf(t.model(), val);
    QVERIFY2(after.loss < base.loss - 0.2,
             qPrintable(QString("%1 -> %2").arg(base.loss).arg(after.loss)));
    QVERIFY2(after.accuracy > base.accuracy + 0.08,
             qPrintable(QString("%1 -> %2").arg(base.accuracy).arg(after.accuracy)));
    QVERIFY(trainLoss.back() < trainLoss.front());
    QCOMPARE(t.meshUpdates(), 3);  // one per epoch, each before the next epoch's first batch
  }

  void regressionLowersTheSquaredError() {
    const ConnectionData train = syntheticRegression(4000, 3), val = syntheticRegression(2000, 4);
    ConnectionOptions o = smallOptions();
    o.task = ConnectionTask::Regression;
    const ConnectionModel m = trained(train, o, 5);
    QCOMPARE(m.task, ConnectionTask::Regression);
    const double base = scoreOutputs(o.task, val.outputs, val).loss;
    const double after = scoreOf(m, val).loss;
    QVERIFY2(after < 0.3 * base, qPrintable(QString("%1 -> %2").arg(base).arg(after)));
  }

  void deterministicPerSeed() {
    const ConnectionData train = syntheticClassification(1500, 5);
    ConnectionOptions o = smallOptions();
    o.seed = 3;
    const ConnectionModel a = trained(train, o, 2), b = trained(train, o, 2);
    QVERIFY(sameModel(a, b));
    o.seed = 4;
    QVERIFY(!sameModel(a, trained(train, o, 2)));
  }

  void independentOfTheThreadCount() {
    const ConnectionData train = syntheticClassification(1500, 6);
    ConnectionOptions o = smallOptions();
    o.batchSize = 200;  // seven blocks, the last one short
    o.meshUpdatesPerEpoch = 3;
    setThreadCount(1);
    const ConnectionModel one = trained(train, o, 2);
    for (int threads : {2, 3, 8}) {
      setThreadCount(threads);
      QVERIFY2(sameModel(one, trained(train, o, 2)), qPrintable(QString::number(threads)));
    }
    setThreadCount(0);
  }

  void meshUpdatesKeepValidMeshes() {
    const ConnectionData train = syntheticClassification(3000, 7);
    ConnectionOptions o = smallOptions();
    o.meshUpdatesPerEpoch = 3;
    ConnectionTrainer t(train, o);
    QVERIFY(t.lastMeshUpdate().empty());
    t.trainEpoch();
    t.trainEpoch();
    QCOMPARE(t.meshUpdates(), 5);  // the sixth waits for the next batch
    const ConnectionModel m = t.model();
    m.validate();
    QCOMPARE(int(t.lastMeshUpdate().size()), 3);
    for (int j = 0; j < 3; ++j) {
      const Mesh1D& mesh = m.meshes[size_t(j)];
      QCOMPARE(mesh.size(), 8);
      QVERIFY(mesh.isValid(o.minWidth));
      QCOMPARE(mesh.node(0), 0.0);
      QCOMPARE(mesh.node(7), 1.0);
      const ComponentMeshUpdate& u = t.lastMeshUpdate()[size_t(j)];
      QVERIFY(!u.inserted.empty());  // hard samples were counted, so intervals were split
      QCOMPARE(u.fine.size(), 8 + u.inserted.size());
      QCOMPARE(u.removed.size(), u.inserted.size());
      QCOMPARE(u.coarse.size(), size_t(8));
      for (int i : u.inserted)
        QCOMPARE(u.fine[size_t(i)], 0.5 * (u.fine[size_t(i) - 1] + u.fine[size_t(i) + 1]));
    }
    // Nodes moved: the coarsened meshes are no longer the starting ones.
    const ConnectionModel start = ConnectionTrainer(train, o).model();
    QVERIFY(start.meshes[0].nodes() != m.meshes[0].nodes());
  }

  void withoutMeshUpdatesTheMeshesStay() {
    const ConnectionData train = syntheticClassification(1500, 8);
    ConnectionOptions o = smallOptions();
    o.meshUpdatesPerEpoch = 0;
    ConnectionTrainer t(train, o);
    const std::vector<double> before = t.model().meshes[1].nodes();
    t.trainEpoch();
    t.trainEpoch();
    QCOMPARE(t.meshUpdates(), 0);
    QVERIFY(t.model().meshes[1].nodes() == before);
  }

  void refinementKeepsTheFunction() {
    const Mesh1D mesh({0.0, 0.1, 0.5, 0.6, 1.0});
    RowMatrix c(5, 2);
    c << 1, 0, -2, 3, 0.5, 0.5, 4, -1, 2, 2;
    Vector hard(4);
    hard << 3, 0, 5, 1;
    const detail::RefinedMesh1D r = detail::refineHardest(mesh, hard, 2, 1e-6);
    QVERIFY((r.fine.nodes() == std::vector<double>{0.0, 0.05, 0.1, 0.5, 0.55, 0.6, 1.0}));
    QVERIFY((r.inserted == std::vector<int>{1, 4}));
    QVERIFY((r.original == std::vector<char>{1, 0, 1, 1, 0, 1, 1}));
    Vector expected(6);
    expected << 1.5, 1.5, 0, 2.5, 2.5, 1;
    QVERIFY(r.hardness == expected);
    QVERIFY(detail::splitAmounts(r.original, hard) == expected);
    const RowMatrix fine = detail::interpolate1D(mesh, c, r.fine);
    RowMatrix U(101, 1);
    for (int i = 0; i <= 100; ++i) U(i, 0) = i / 100.0;
    QVERIFY((detail::evaluate1D(mesh, c, U) - detail::evaluate1D(r.fine, fine, U))
                .cwiseAbs()
                .maxCoeff() < 1e-15);
  }

  void badDataIsRefusedWithTheFileNamed() {
    ConnectionData d = syntheticClassification(10, 9);
    ConnectionData rows = d;
    rows.outputs.conservativeResize(9, 3);
    QCOMPARE(errorMessage([&] { rows.validate(ConnectionTask::Classification); }),
             QString("O.npy: has 9 rows, F.npy has 10 (one row per sample in both)"));
    ConnectionData label = d;
    label.labels[2] = 3;
    QCOMPARE(errorMessage([&] { label.validate(ConnectionTask::Classification); }),
             QString("Y.npy: row 3: label 3 is out of range (the outputs have 3 columns: "
                     "labels 0 to 2)"));
    ConnectionData nan = d;
    nan.features(1, 0) = std::nan("");
    QCOMPARE(errorMessage([&] { nan.validate(ConnectionTask::Classification); }),
             QString("F.npy: row 2, column 1: value is not finite (NaN)"));
    nan.features(1, 0) = -HUGE_VAL;  // the same words as the core readers: "-inf", not "-inf.000"
    QCOMPARE(errorMessage([&] { nan.validate(ConnectionTask::Classification); }),
             QString("F.npy: row 2, column 1: value is not finite (-inf)"));
    ConnectionData labels = d;
    labels.labels.pop_back();
    QCOMPARE(errorMessage([&] { ConnectionTrainer(labels, smallOptions()); }),
             QString("Y.npy: has 9 rows, F.npy has 10 (one row per sample in both)"));
    ConnectionData targets = syntheticRegression(10, 9);
    targets.targets.conservativeResize(10, 1);
    QCOMPARE(errorMessage([&] { targets.validate(ConnectionTask::Regression); }),
             QString("T.npy: has 1 target columns, the outputs 2"));
    RowMatrix column(3, 1);
    column << 0, 2, 1.5;
    QCOMPARE(errorMessage([&] { labelsFromColumn(column, "Y.npy"); }),
             QString("Y.npy: row 3: label 1.500000 is not a class index (a whole number >= 0)"));
    QCOMPARE(errorMessage([&] { scoreOutputs(ConnectionTask::Classification, rows.outputs, d); }),
             QString("Y.npy: 10 labels for 9 samples of 3 outputs"));
    ConnectionOptions o = smallOptions();
    o.components = 7;
    QCOMPARE(errorMessage([&] { ConnectionTrainer(d, o); }),
             QString("invalid connection option: components must be between 1 and the number "
                     "of features (6), got 7"));
  }

  void overflowingProjectionsStayFinite() {
    const ConnectionData d = syntheticClassification(200, 11);
    ConnectionModel m = trained(d, smallOptions(), 1);
    m.W.row(0).setConstant(1e308);
    m.W(0, 1) = -1e308;  // W x overflows to inf - inf for large x
    RowMatrix X = RowMatrix::Constant(2, 6, 1e300);
    X.row(1).setConstant(-1e300);
    QVERIFY(m.correction(X).allFinite());
  }

  void wrongShapesAtPredictionTimeAreRefused() {
    const ConnectionData d = syntheticClassification(200, 10);
    const ConnectionModel m = ConnectionTrainer(d, smallOptions()).model();
    const RowMatrix narrow = d.features.leftCols(5);
    QCOMPARE(errorMessage([&] { m.correction(narrow); }),
             QString("the connection takes 6 features per sample, the data has 5"));
    const RowMatrix two = d.outputs.leftCols(2);
    QCOMPARE(errorMessage([&] { m.predict(d.features, two); }),
             QString("the connection corrects 3 outputs per sample, the base outputs have 2"));
    const RowMatrix fewer = d.outputs.topRows(100);
    QCOMPARE(errorMessage([&] { m.predict(d.features, fewer); }),
             QString("the base outputs have 100 rows, the features 200"));
  }
};

QTEST_APPLESS_MAIN(TestConnection)
#include "test_connection.moc"
