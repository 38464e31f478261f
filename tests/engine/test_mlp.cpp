// The MLP of equal size, its exact conversion into an LReg model, MRC continuing from it,
// and the .vtu export.
#include <QtTest>

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <limits>

#include <lreg/base/error.h>
#include <lreg/base/random.h>
#include <lreg/data/generators.h>
#include <lreg/data/metrics.h>
#include <lreg/data/normalizer.h>
#include <lreg/engine/mrc_engine.h>
#include <lreg/io/vtu_export.h>
#include <lreg/mlp/mlp.h>
#include <lreg/mlp/mlp_convert.h>
#include "../core/test_util.h"

using namespace lreg;

namespace {

Mlp trainedMlp(const Dataset& d, const Normalizer& n, std::vector<int> hidden, int epochs) {
  MlpOptions o;
  o.hidden = std::move(hidden);
  o.epochs = epochs;
  Mlp mlp(d.dim(), d.outputs(), o);
  const RowMatrix U = n.toUnit(d.X);
  for (int e = 0; e < epochs; ++e) mlp.trainEpoch(U, d.Y);
  return mlp;
}

}  // namespace

class TestMlp : public QObject {
  Q_OBJECT

 private slots:
  void trainingLowersTheLossAndIsDeterministic() {
    const GeneratedData g = generate("A1", 1);
    const Normalizer n = Normalizer::fit(g.train.X);
    MlpOptions o;
    o.hidden = {16};
    Mlp a(1, 1, o), b(1, 1, o);
    const RowMatrix U = n.toUnit(g.train.X);
    const double first = a.trainEpoch(U, g.train.Y);
    b.trainEpoch(U, g.train.Y);
    double last = first;
    for (int e = 0; e < 100; ++e) last = a.trainEpoch(U, g.train.Y);
    QVERIFY(last < 0.5 * first);
    for (int e = 0; e < 100; ++e) b.trainEpoch(U, g.train.Y);
    QVERIFY(a.predict(U) == b.predict(U));
    QCOMPARE(a.parameterCount(), 3L * 16 + 1);
    QCOMPARE(Mlp::widthForParameters(1, 1, 128), 42);
  }

  void classifierLearnsByCrossEntropy() {
    // Three classes on rings of radius 0.5, 1.5, 2.5 (not linearly separable).
    Random r(11);
    const long N = 3000;
    RowMatrix X(N, 2);
    std::vector<int> y(N);
    for (long n = 0; n < N; ++n) {
      y[size_t(n)] = int(n % 3);
      const double radius = 0.5 + y[size_t(n)] + 0.15 * r.normal(), angle = 2 * M_PI * r.uniform();
      X(n, 0) = radius * std::cos(angle);
      X(n, 1) = radius * std::sin(angle);
    }
    MlpOptions o;
    o.hidden = {16, 8};
    o.batchSize = 64;
    Mlp a(2, 3, o), b(2, 3, o);
    const double first = a.trainEpochClassifier(X, y);
    b.trainEpochClassifier(X, y);
    double last = first;
    for (int e = 0; e < 30; ++e) last = a.trainEpochClassifier(X, y);
    for (int e = 0; e < 30; ++e) b.trainEpochClassifier(X, y);
    QVERIFY(a.predict(X) == b.predict(X));  // deterministic for a seed
    QVERIFY2(last < 0.3 * first, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
    const RowMatrix logits = a.predict(X);
    long correct = 0;
    for (long n = 0; n < N; ++n) {
      Eigen::Index k;
      logits.row(n).maxCoeff(&k);
      correct += int(k) == y[size_t(n)];
    }
    QVERIFY2(correct > 0.95 * N, qPrintable(QString::number(correct)));
    // The penultimate features are the last ReLU layer: the logits are an affine map of them.
    const RowMatrix h = a.lastHidden(X);
    QCOMPARE(h.cols(), 8L);
    QVERIFY(h.minCoeff() >= 0.0);
    const RowMatrix again =
        ((a.weights().back() * h.transpose()).colwise() + a.biases().back()).transpose();
    QVERIFY((again - logits).cwiseAbs().maxCoeff() < 1e-12);
    y[5] = 3;
    QCOMPARE(testutil::errorMessage([&] { a.trainEpochClassifier(X, y); }),
             QString("label 3 is outside the 3 classes"));
  }

  void conversionIsExact_data() {
    QTest::addColumn<int>("layers");
    QTest::newRow("one hidden layer") << 1;
    QTest::newRow("two hidden layers") << 2;
  }
  void conversionIsExact() {
    QFETCH(int, layers);
    const GeneratedData g = generate("B1", 2);
    const Normalizer n = Normalizer::fit(g.train.X);
    const Mlp mlp =
        trainedMlp(g.train, n, layers == 1 ? std::vector<int>{24} : std::vector<int>{12, 12}, 30);
    const Model m = convertMlp1D(mlp, n);
    m.validate();
    // Dense points over the training range, the breakpoints themselves included.
    Random r(4);
    RowMatrix X(20000, 1);
    for (int i = 0; i < X.rows(); ++i) X(i, 0) = n.lo(0) + (n.hi(0) - n.lo(0)) * r.uniform();
    const RowMatrix lreg = m.predict(X), net = mlp.predict(n.toUnit(X));
    QVERIFY2((lreg - net).cwiseAbs().maxCoeff() < 1e-9,
             qPrintable(QString::number((lreg - net).cwiseAbs().maxCoeff())));
    QVERIFY(m.dof() >= 3);
    QVERIFY(m.dof() <= 2 + 24 * (layers == 1 ? 1 : 2));  // at most one kink per unit per piece
  }

  void mrcContinuesFromTheConvertedMlp() {
    const GeneratedData g = generate("C", 3);
    const Normalizer n = Normalizer::fit(g.train.X);
    const Mlp mlp = trainedMlp(g.train, n, {40}, 40);
    const Model start = convertMlp1D(mlp, n);
    MrcOptions o;
    o.dof = 2;  // replaced by the starting model's node count
    auto engine = makeEngine(g.train, nullptr, o);
    engine->startFrom(start);
    const double before = engine->initialSnapshot()->train.rmse;
    const double mlpRmse = computeMetrics(g.train.Y, mlp.predict(n.toUnit(g.train.X))).rmse;
    QVERIFY(std::abs(before - mlpRmse) < 1e-9);  // the loop starts exactly at the MLP
    QCOMPARE(int(engine->initialSnapshot()->nodes.rows()), start.dof());
    const Model end = engine->run();
    QCOMPARE(end.dof(), start.dof());
    const double after = computeMetrics(g.test.Y, end.predict(g.test.X)).rmse;
    const double mlpTest = computeMetrics(g.test.Y, mlp.predict(n.toUnit(g.test.X))).rmse;
    QVERIFY2(after < 0.5 * mlpTest, qPrintable(QString("%1 vs MLP %2").arg(after).arg(mlpTest)));
  }

  void savedParametersPredictTheSame() {
    const GeneratedData g = generate("C", 4);
    const Normalizer n = Normalizer::fit(g.train.X);
    const Mlp trained = trainedMlp(g.train, n, {12, 6}, 5);
    Mlp copy(1, 1, trained.options());  // fresh weights of the same shapes
    QVERIFY(copy.predict(n.toUnit(g.train.X)) != trained.predict(n.toUnit(g.train.X)));
    copy.setParameters(trained.weights(), trained.biases());
    QCOMPARE(copy.predict(n.toUnit(g.train.X)), trained.predict(n.toUnit(g.train.X)));
    // Other shapes and non-finite values are refused, and the network keeps its parameters.
    auto weights = trained.weights();
    weights[1] = Eigen::MatrixXd::Zero(7, 12);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, copy.setParameters(weights, trained.biases()));
    weights = trained.weights();
    weights[0](0, 0) = std::numeric_limits<double>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(lreg::Error, copy.setParameters(weights, trained.biases()));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, copy.setParameters({}, {}));
    QCOMPARE(copy.predict(n.toUnit(g.train.X)), trained.predict(n.toUnit(g.train.X)));
  }

  void twoDimensionalConversionSamplesTheNodes() {
    const GeneratedData g = generate("A2", 1, {2000, 200, 1.0});
    const Normalizer n = Normalizer::fit(g.train.X);
    const Mlp mlp = trainedMlp(g.train, n, {16}, 5);
    const SimplexMesh mesh = SimplexMesh::kuhnGrid(2, 6);
    const Model m = convertMlpOnMesh(mlp, n, mesh);
    QVERIFY((m.predict(n.fromUnit(mesh.nodes)) - mlp.predict(mesh.nodes)).cwiseAbs().maxCoeff() <
            1e-12);
    QCOMPARE(QString::fromStdString(m.training.at("method")), QString("mlp-sampled-on-mesh"));
  }

  void vtuHasTheMeshAndFields() {
    const GeneratedData g = generate("A2", 1, {2000, 200, 1.0});
    MrcOptions o{.dof = 50, .iterations = 2};
    const Model m = makeEngine(g.train, nullptr, o)->run();
    QTemporaryDir dir;
    const QString path = dir.filePath("m.vtu");
    writeVtu(m, path.toStdString(), &g.test);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString xml = QString::fromUtf8(f.readAll());
    QVERIFY(xml.contains(QString("NumberOfPoints=\"%1\" NumberOfCells=\"%2\"")
                             .arg(m.dof())
                             .arg(m.simplices.rows())));
    for (const char* name :
         {"connectivity", "offsets", "types", "fit", "residual_rms", "samples", "volume"})
      QVERIFY2(xml.contains(QString("Name=\"%1\"").arg(name)), name);
    QVERIFY(xml.trimmed().endsWith("</VTKFile>"));
    // The cell areas add up to the training box's area.
    const QRegularExpression volume("Name=\"volume\"[^>]*>([^<]*)<");
    double total = 0;
    for (const QString& v :
         volume.match(xml).captured(1).split(QRegularExpression("\\s+"), Qt::SkipEmptyParts))
      total += v.toDouble();
    const double box = (m.normalizer.hi - m.normalizer.lo).prod();
    QVERIFY(std::abs(total - box) < 1e-9 * box);
  }
};

QTEST_APPLESS_MAIN(TestMlp)
#include "test_mlp.moc"
