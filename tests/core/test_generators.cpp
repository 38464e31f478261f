// The paper's data set generators: sizes, determinism, input ranges, noise, and Y_4^2.
#include <QtTest>

#include <cmath>
#include <complex>

#include <lreg/data/generators.h>
#include "test_util.h"

using lreg::GeneratedData;
using lreg::GeneratorOptions;
using lreg::RowMatrix;
using testutil::errorMessage;

namespace {

struct PaperSet {
  const char* name;
  int dim, outputs;
  long train, test;
};

// PAPER-NOTES.md, "Datasets of the paper".
const PaperSet kPaper[] = {
    {"A1", 1, 1, 1000, 200},        {"B1", 1, 1, 1000, 200},     {"C", 1, 1, 3000, 3000},
    {"fig4a", 1, 1, 1000, 200},     {"appc2", 1, 1, 5000, 1000}, {"appc3", 1, 1, 5000, 1000},
    {"A2", 2, 1, 7500, 1500},       {"B2", 2, 1, 50000, 10000},  {"appc4", 2, 2, 40000, 8000},
    {"appc1", 2, 256, 10000, 2000},
};

/// Y_4^2(theta, phi) = 3/8 sqrt(5 / (2 pi)) sin^2(phi) (7 cos^2(phi) - 1) e^{2 i theta},
/// written independently of the generator's code.
std::complex<double> y42(double theta, double phi) {
  const double s = std::sin(phi), c = std::cos(phi);
  return 3.0 / 8.0 * std::sqrt(5.0 / (2.0 * M_PI)) * s * s * (7.0 * c * c - 1.0) *
         std::polar(1.0, 2.0 * theta);
}

/// truth(x) for every row of X.
RowMatrix truthOf(const GeneratedData& g, const RowMatrix& X) {
  RowMatrix Y(X.rows(), g.info.outputs);
  for (Eigen::Index i = 0; i < X.rows(); ++i) g.truth(X.row(i).data(), Y.row(i).data());
  return Y;
}

void addNameColumn() {
  QTest::addColumn<QString>("name");
  for (const auto& info : lreg::generators())
    QTest::newRow(info.name.c_str()) << QString::fromStdString(info.name);
}

GeneratorOptions sized(long train, long test, double noise = 1.0) {
  GeneratorOptions o;
  o.trainSize = train;
  o.testSize = test;
  o.noiseScale = noise;
  return o;
}

}  // namespace

class TestGenerators : public QObject {
  Q_OBJECT

 private slots:
  void listsThePaperSetsInOrder();
  void defaultSizesAreThePapers_data() { addNameColumn(); }
  void defaultSizesAreThePapers();
  void requestedSizes_data() { addNameColumn(); }
  void requestedSizes();
  void deterministicForASeed_data() { addNameColumn(); }
  void deterministicForASeed();
  void differentSeedsDiffer_data() { addNameColumn(); }
  void differentSeedsDiffer();
  void testSetIndependentOfTrainSize_data() { addNameColumn(); }
  void testSetIndependentOfTrainSize();
  void trainAndTestDiffer_data() { addNameColumn(); }
  void trainAndTestDiffer();
  void inputsInDocumentedRanges_data();
  void inputsInDocumentedRanges();
  void noiseFreeSetsEqualTheTruth_data();
  void noiseFreeSetsEqualTheTruth();
  void noisySetsAreNoisy_data();
  void noisySetsAreNoisy();
  void noiseScaleZeroIsNoiseFree_data() { addNameColumn(); }
  void noiseScaleZeroIsNoiseFree();
  void noiseScaleMultipliesTheNoise_data() { addNameColumn(); }
  void noiseScaleMultipliesTheNoise();
  void b1NoiseStdIsOneHundredth();
  void a1NoiseFollowsItsEnvelope();
  void appc4IsSphericalHarmonicY42();
  void appc4TruthIsNormalisedOnTheSphere();
  void namesOfTheColumns();
  void findGeneratorIsCaseInsensitive_data();
  void findGeneratorIsCaseInsensitive();
  void unknownNameListsTheKnownOnes();
  void badOptionsThrow();
};

void TestGenerators::listsThePaperSetsInOrder() {
  const auto& all = lreg::generators();
  QCOMPARE(all.size(), std::size(kPaper));
  for (size_t i = 0; i < all.size(); ++i) {
    QCOMPARE(all[i].name, std::string(kPaper[i].name));
    QCOMPARE(all[i].dim, kPaper[i].dim);
    QCOMPARE(all[i].outputs, kPaper[i].outputs);
    QCOMPARE(all[i].trainSize, kPaper[i].train);
    QCOMPARE(all[i].testSize, kPaper[i].test);
    QVERIFY(!all[i].description.empty());
  }
}

void TestGenerators::defaultSizesAreThePapers() {
  QFETCH(QString, name);
  const auto& info = lreg::findGenerator(name.toStdString());
  const GeneratedData g = lreg::generate(info.name, 1);
  QCOMPARE(g.info.name, info.name);
  QCOMPARE(g.train.size(), info.trainSize);
  QCOMPARE(g.test.size(), info.testSize);
  for (const auto* set : {&g.train, &g.test}) {
    QCOMPARE(set->dim(), info.dim);
    QCOMPARE(set->outputs(), info.outputs);
    QVERIFY(set->X.allFinite());
    QVERIFY(set->Y.allFinite());
  }
}

void TestGenerators::requestedSizes() {
  QFETCH(QString, name);
  const GeneratedData g = lreg::generate(name.toStdString(), 3, sized(37, 11));
  QCOMPARE(g.train.size(), 37);
  QCOMPARE(g.test.size(), 11);
  const GeneratedData onlyTrain = lreg::generate(name.toStdString(), 3, sized(5, 0));
  QCOMPARE(onlyTrain.train.size(), 5);
  QCOMPARE(onlyTrain.test.size(), g.info.testSize);
}

void TestGenerators::deterministicForASeed() {
  QFETCH(QString, name);
  const auto a = lreg::generate(name.toStdString(), 42, sized(300, 100));
  const auto b = lreg::generate(name.toStdString(), 42, sized(300, 100));
  QCOMPARE(a.train.X, b.train.X);
  QCOMPARE(a.train.Y, b.train.Y);
  QCOMPARE(a.test.X, b.test.X);
  QCOMPARE(a.test.Y, b.test.Y);
}

void TestGenerators::differentSeedsDiffer() {
  QFETCH(QString, name);
  const auto a = lreg::generate(name.toStdString(), 1, sized(300, 100));
  const auto b = lreg::generate(name.toStdString(), 2, sized(300, 100));
  QVERIFY(a.train.X != b.train.X);
  QVERIFY(a.test.X != b.test.X);
  // Not a shifted copy either: no training input of one seed appears in the other.
  for (Eigen::Index i = 0; i < a.train.size(); ++i)
    QVERIFY(!(b.train.X.col(0).array() == a.train.X(i, 0)).any());
}

void TestGenerators::testSetIndependentOfTrainSize() {
  QFETCH(QString, name);
  const auto small = lreg::generate(name.toStdString(), 9, sized(10, 50));
  const auto large = lreg::generate(name.toStdString(), 9, sized(700, 50));
  QCOMPARE(small.test.X, large.test.X);
  QCOMPARE(small.test.Y, large.test.Y);
}

void TestGenerators::trainAndTestDiffer() {
  QFETCH(QString, name);
  const auto g = lreg::generate(name.toStdString(), 4, sized(100, 100));
  QVERIFY(g.train.X != g.test.X);
}

void TestGenerators::inputsInDocumentedRanges_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<int>("column");
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  QTest::addColumn<bool>("openBelow");  // lo itself is impossible (x = 1/V, V < upper bound)
  QTest::newRow("A1") << "A1" << 0 << -M_PI << M_PI << false;
  QTest::newRow("B1") << "B1" << 0 << 1.0 / 50 << 1.0 << true;
  QTest::newRow("C") << "C" << 0 << 1.0 / 50 << 0.5 << true;
  QTest::newRow("fig4a") << "fig4a" << 0 << 0.0 << M_PI / 4 << false;
  QTest::newRow("appc2") << "appc2" << 0 << -4.0 << 4.0 << false;
  QTest::newRow("appc3") << "appc3" << 0 << 1.0 / 50 << 0.5 << true;
  QTest::newRow("A2 x1") << "A2" << 0 << -M_PI << M_PI << false;
  QTest::newRow("A2 x2") << "A2" << 1 << -M_PI << M_PI << false;
  QTest::newRow("B2 x1") << "B2" << 0 << 1.0 / 20 << 0.5 << true;
  QTest::newRow("B2 x2") << "B2" << 1 << 1.0 / 20 << 0.5 << true;
  QTest::newRow("appc4 theta") << "appc4" << 0 << 0.0 << 2 * M_PI << false;
  QTest::newRow("appc4 phi") << "appc4" << 1 << 0.0 << M_PI << false;
}

void TestGenerators::inputsInDocumentedRanges() {
  QFETCH(QString, name);
  QFETCH(int, column);
  QFETCH(double, lo);
  QFETCH(double, hi);
  QFETCH(bool, openBelow);
  const auto g = lreg::generate(name.toStdString(), 11, sized(20000, 5000));
  for (const auto* set : {&g.train, &g.test}) {
    const auto x = set->X.col(column);
    const double mn = x.minCoeff(), mx = x.maxCoeff();
    QVERIFY2(openBelow ? mn > lo : mn >= lo, qPrintable("min " + testutil::describe(mn)));
    QVERIFY2(mx <= hi, qPrintable("max " + testutil::describe(mx)));
    // ... and the whole range is used: both ends are approached within 2% of its length.
    QVERIFY2(mn < lo + 0.02 * (hi - lo), qPrintable("min " + testutil::describe(mn)));
    QVERIFY2(mx > hi - 0.02 * (hi - lo), qPrintable("max " + testutil::describe(mx)));
  }
}

void TestGenerators::noiseFreeSetsEqualTheTruth_data() {
  QTest::addColumn<QString>("name");
  QTest::newRow("appc3") << "appc3";
  QTest::newRow("appc4") << "appc4";
  QTest::newRow("appc1") << "appc1";
}

void TestGenerators::noiseFreeSetsEqualTheTruth() {
  QFETCH(QString, name);
  const auto g = lreg::generate(name.toStdString(), 5, sized(2000, 500));
  QCOMPARE(g.train.Y, truthOf(g, g.train.X));
  QCOMPARE(g.test.Y, truthOf(g, g.test.X));
}

void TestGenerators::noisySetsAreNoisy_data() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"A1", "B1", "C", "fig4a", "appc2", "A2", "B2"}) QTest::newRow(n) << n;
}

void TestGenerators::noisySetsAreNoisy() {
  QFETCH(QString, name);
  const auto g = lreg::generate(name.toStdString(), 5, sized(2000, 500));
  const RowMatrix noise = g.train.Y - truthOf(g, g.train.X);
  // Almost every sample carries noise (|cos 2x| envelopes vanish only at isolated points).
  const long noisy = (noise.array() != 0).count();
  QVERIFY2(noisy > 1990, qPrintable(QString("only %1 noisy samples").arg(noisy)));
}

void TestGenerators::noiseScaleZeroIsNoiseFree() {
  QFETCH(QString, name);
  const auto g = lreg::generate(name.toStdString(), 8, sized(1000, 300, 0.0));
  QCOMPARE(g.train.Y, truthOf(g, g.train.X));
  QCOMPARE(g.test.Y, truthOf(g, g.test.X));
}

void TestGenerators::noiseScaleMultipliesTheNoise() {
  QFETCH(QString, name);
  const auto one = lreg::generate(name.toStdString(), 8, sized(500, 10, 1.0));
  const auto three = lreg::generate(name.toStdString(), 8, sized(500, 10, 3.0));
  QCOMPARE(one.train.X, three.train.X);  // the same draws, only the noise is scaled
  const RowMatrix n1 = one.train.Y - truthOf(one, one.train.X);
  const RowMatrix n3 = three.train.Y - truthOf(three, three.train.X);
  QVERIFY((n3 - 3 * n1).cwiseAbs().maxCoeff() <= 1e-12);
}

void TestGenerators::b1NoiseStdIsOneHundredth() {
  const auto g = lreg::generate("B1", 123, sized(20000, 10));
  const Eigen::ArrayXd noise = (g.train.Y - truthOf(g, g.train.X)).col(0).array();
  const double mean = noise.mean();
  const double sd = std::sqrt((noise - mean).square().sum() / double(noise.size() - 1));
  QVERIFY2(std::abs(sd - 0.01) <= 0.001, qPrintable("std " + testutil::describe(sd)));
  QVERIFY2(std::abs(mean) <= 0.0005, qPrintable("mean " + testutil::describe(mean)));
}

void TestGenerators::a1NoiseFollowsItsEnvelope() {
  // y ~ N(sin x, 0.2 |cos 2x|): the noise divided by its envelope has std 0.2.
  const auto g = lreg::generate("A1", 77, sized(20000, 10));
  const RowMatrix noise = g.train.Y - truthOf(g, g.train.X);
  double sum = 0;
  long n = 0;
  for (Eigen::Index i = 0; i < noise.rows(); ++i) {
    const double envelope = std::abs(std::cos(2 * g.train.X(i, 0)));
    if (envelope < 0.1) continue;
    const double z = noise(i, 0) / envelope;
    sum += z * z;
    ++n;
  }
  const double sd = std::sqrt(sum / double(n));
  QVERIFY2(std::abs(sd - 0.2) <= 0.02, qPrintable("std " + testutil::describe(sd)));
}

void TestGenerators::appc4IsSphericalHarmonicY42() {
  const auto g = lreg::generate("appc4", 1, sized(1000, 10));
  // Fixed points, through the truth function.
  const double points[][2] = {{0.0, 0.0},
                              {0.3, 1.1},
                              {M_PI / 4, M_PI / 2},
                              {2.0, 0.5},
                              {5.9, 2.9},
                              {M_PI, M_PI / 3.0},
                              {1.0, std::acos(1 / std::sqrt(7.0))}};
  for (const auto& p : points) {
    double y[2];
    g.truth(p, y);
    const std::complex<double> expected = y42(p[0], p[1]);
    QVERIFY2(std::abs(y[0] - expected.real()) <= 1e-14 && std::abs(y[1] - expected.imag()) <= 1e-14,
             qPrintable(QString("theta %1 phi %2: (%3, %4) vs (%5, %6)")
                            .arg(p[0])
                            .arg(p[1])
                            .arg(y[0])
                            .arg(y[1])
                            .arg(expected.real())
                            .arg(expected.imag())));
  }
  // Known values: Y_4^2(theta, pi/2) = -3/8 sqrt(5/(2 pi)) e^{2 i theta}; zero at the poles.
  double y[2];
  const double equator[2] = {0.0, M_PI / 2};
  g.truth(equator, y);
  QVERIFY(std::abs(y[0] + 3.0 / 8.0 * std::sqrt(5.0 / (2.0 * M_PI))) <= 1e-14);
  QVERIFY(std::abs(y[1]) <= 1e-14);
  // Every generated sample.
  for (Eigen::Index i = 0; i < g.train.size(); ++i) {
    const std::complex<double> expected = y42(g.train.X(i, 0), g.train.X(i, 1));
    QVERIFY(std::abs(g.train.Y(i, 0) - expected.real()) <= 1e-13);
    QVERIFY(std::abs(g.train.Y(i, 1) - expected.imag()) <= 1e-13);
  }
}

void TestGenerators::appc4TruthIsNormalisedOnTheSphere() {
  // The integral of |Y_4^2|^2 over the unit sphere is 1 (midpoint rule, smooth integrand).
  const auto g = lreg::generate("appc4", 1, sized(1, 1));
  const int n = 400;
  const double dTheta = 2 * M_PI / n, dPhi = M_PI / n;
  double integral = 0;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      const double x[2] = {(a + 0.5) * dTheta, (b + 0.5) * dPhi};
      double y[2];
      g.truth(x, y);
      integral += (y[0] * y[0] + y[1] * y[1]) * std::sin(x[1]) * dTheta * dPhi;
    }
  QVERIFY2(std::abs(integral - 1.0) <= 1e-4, qPrintable(testutil::describe(integral)));
}

void TestGenerators::namesOfTheColumns() {
  const auto a1 = lreg::generate("A1", 1, sized(3, 3));
  QCOMPARE(a1.train.inputNames, std::vector<std::string>{"x"});
  QCOMPARE(a1.train.outputNames, std::vector<std::string>{"y"});
  const auto a2 = lreg::generate("A2", 1, sized(3, 3));
  QCOMPARE(a2.train.inputNames, (std::vector<std::string>{"x1", "x2"}));
  const auto y42set = lreg::generate("appc4", 1, sized(3, 3));
  QCOMPARE(y42set.test.inputNames, (std::vector<std::string>{"theta", "phi"}));
  QCOMPARE(y42set.test.outputNames, (std::vector<std::string>{"re", "im"}));
  QVERIFY(QString::fromStdString(a1.train.source).contains("A1"));
}

void TestGenerators::findGeneratorIsCaseInsensitive_data() {
  QTest::addColumn<QString>("query");
  QTest::addColumn<QString>("canonical");
  const std::pair<const char*, const char*> rows[] = {
      {"a1", "A1"}, {"A1", "A1"}, {"c", "C"}, {"FIG4A", "fig4a"}, {"AppC4", "appc4"}, {"b2", "B2"}};
  for (const auto& [query, canonical] : rows)
    QTest::newRow(query) << QString(query) << QString(canonical);
}

void TestGenerators::findGeneratorIsCaseInsensitive() {
  QFETCH(QString, query);
  QFETCH(QString, canonical);
  QCOMPARE(QString::fromStdString(lreg::findGenerator(query.toStdString()).name), canonical);
  QCOMPARE(QString::fromStdString(lreg::generate(query.toStdString(), 1, sized(2, 2)).info.name),
           canonical);
}

void TestGenerators::unknownNameListsTheKnownOnes() {
  for (const char* bad : {"Z9", "", "A", "appc", "A1 "}) {
    const QString msg = errorMessage([&] { lreg::findGenerator(bad); });
    QVERIFY2(msg.contains(QString("'%1'").arg(bad)), qPrintable(msg));
    for (const auto& info : lreg::generators())
      QVERIFY2(msg.contains(QString::fromStdString(info.name)), qPrintable(msg));
  }
  QVERIFY(errorMessage([] { lreg::generate("nope", 1); }).contains("appc4"));
}

void TestGenerators::badOptionsThrow() {
  QVERIFY(errorMessage([] { lreg::generate("A1", 1, sized(-1, 0)); }).contains("negative"));
  QVERIFY(errorMessage([] { lreg::generate("A1", 1, sized(0, -5)); }).contains("negative"));
  QVERIFY(errorMessage([] { lreg::generate("A1", 1, sized(0, 0, -1)); }).contains("noise"));
  QVERIFY(errorMessage([] { lreg::generate("A1", 1, sized(0, 0, NAN)); }).contains("noise"));
  QVERIFY(errorMessage([] { lreg::generate("A1", 1, sized(0, 0, INFINITY)); }).contains("noise"));
}

QTEST_APPLESS_MAIN(TestGenerators)
#include "test_generators.moc"
