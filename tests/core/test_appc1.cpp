// App. C.1's PDE data set: the finite-difference Newton solver against manufactured solutions
// (second-order convergence), and the generator built on it.
#include <QtTest>

#include <cmath>

#include <lreg/data/generators.h>
#include "data/appc1_pde.h"
#include "test_util.h"

using namespace lreg;
using testutil::errorMessage;

namespace {

// u* = beta + sin(pi x) sin(pi y) (1 + x y / 2): zero on the boundary in w = u - beta, and
// not a grid function of the stencil, so the discretisation error shows.
double manufactured(double x, double y) {
  return std::sin(M_PI * x) * std::sin(M_PI * y) * (1 + 0.5 * x * y);
}
// -Lap w + w^2 for that w, by hand.
double forcing(double x, double y) {
  const double s = std::sin(M_PI * x), t = std::sin(M_PI * y);
  const double cx = std::cos(M_PI * x), cy = std::cos(M_PI * y);
  const double g = 1 + 0.5 * x * y;
  // Lap(s t g) = t (s'' g + 2 s' g_x) + s (t'' g + 2 t' g_y), g_xx = g_yy = 0.
  const double lap = t * (-M_PI * M_PI * s * g + 2 * M_PI * cx * 0.5 * y) +
                     s * (-M_PI * M_PI * t * g + 2 * M_PI * cy * 0.5 * x);
  const double w = s * t * g;
  return -lap + w * w;
}

double maxError(int m, double beta) {
  const detail::Appc1Solution s = detail::solveAppc1System(m, beta, forcing);
  const double h = 1.0 / (m + 1);
  double error = 0;
  for (int k = 0; k < m; ++k)
    for (int i = 0; i < m; ++i)
      error = std::max(
          error, std::abs(s.u[size_t(k * m + i)] - beta - manufactured((i + 1) * h, (k + 1) * h)));
  return error;
}

}  // namespace

class TestAppc1 : public QObject {
  Q_OBJECT

 private slots:
  void manufacturedSolutionConvergesAtSecondOrder() {
    const double e8 = maxError(8, 2.5), e16 = maxError(16, 2.5), e32 = maxError(32, 2.5);
    // h = 1/9, 1/17, 1/33: halving h divides the error by about 4.
    const double r1 = e8 / e16, r2 = e16 / e32;
    QVERIFY2(r1 > 3.3 && r1 < 4.3, qPrintable(QString::number(r1)));
    QVERIFY2(r2 > 3.6 && r2 < 4.3, qPrintable(QString::number(r2)));
    QVERIFY2(e32 < 2e-3, qPrintable(QString::number(e32)));
  }

  void newtonSolvesTheDiscreteSystem() {
    const detail::Appc1Solution s = detail::solveAppc1(16, 1.2, 4.0);
    QVERIFY(s.residual <= 1e-12 * 7);
    QVERIFY(s.newtonSteps >= 2 && s.newtonSteps <= 8);
    // Recompute the residual of the 5-point system independently at a few points.
    const int m = 16;
    const double h = 1.0 / 17;
    auto u = [&](int i, int k) {
      return i < 0 || k < 0 || i >= m || k >= m ? 4.0 : s.u[size_t(k * m + i)];
    };
    for (int k : {0, 5, 15})
      for (int i : {0, 9, 15}) {
        const double x = (i + 1) * h, y = (k + 1) * h;
        const double lap =
            (u(i - 1, k) + u(i + 1, k) + u(i, k - 1) + u(i, k + 1) - 4 * u(i, k)) / (h * h);
        const double a = 1.2 * std::cos(x) * std::sin(y) - 1;
        QVERIFY(std::abs(-lap + std::pow(u(i, k) - 4.0, 2) - (a * a + 1)) < 1e-10);
      }
    // The solution is above beta inside (the right-hand side is at least 1): -Lap w >= 1 - w^2.
    for (double v : s.u) QVERIFY(v > 4.0);
  }

  void theFieldMinusBetaDependsOnAlphaOnly() {
    const auto a = detail::solveAppc1(16, 0.7, 1.0).u, b = detail::solveAppc1(16, 0.7, 5.0).u;
    for (size_t p = 0; p < a.size(); ++p) QVERIFY(std::abs((a[p] - 1.0) - (b[p] - 5.0)) < 1e-12);
  }

  void generatorDrawsThePapersInputsAndSolves() {
    GeneratorOptions o;
    o.trainSize = 400;
    o.testSize = 50;
    const GeneratedData g = generate("appc1", 3, o);
    QCOMPARE(g.info.outputs, 256);
    QCOMPARE(g.train.Y.cols(), 256L);
    QCOMPARE(g.train.X.rows(), 400L);
    QVERIFY(g.train.X.col(0).minCoeff() >= -M_PI / 2 && g.train.X.col(0).maxCoeff() <= M_PI / 2);
    QVERIFY(g.train.X.col(1).minCoeff() >= 0 && g.train.X.col(1).maxCoeff() <= 2 * M_PI);
    QVERIFY(g.train.X.col(0).minCoeff() < -1.4 && g.train.X.col(0).maxCoeff() > 1.4);
    QCOMPARE(g.train.inputNames, (std::vector<std::string>{"alpha", "beta"}));
    QCOMPARE(g.train.outputNames[0], std::string("u_0_0"));
    QCOMPARE(g.train.outputNames[17], std::string("u_1_1"));
    const detail::Appc1Solution s = detail::solveAppc1(16, g.test.X(7, 0), g.test.X(7, 1));
    for (int p = 0; p < 256; ++p) QCOMPARE(g.test.Y(7, p), s.u[size_t(p)]);
  }

  void gridOption() {
    GeneratorOptions o;
    o.trainSize = 20;
    o.testSize = 5;
    o.grid = 8;
    const GeneratedData g = generate("appc1", 1, o);
    QCOMPARE(g.info.outputs, 64);
    QCOMPARE(g.train.Y.cols(), 64L);
    QCOMPARE(g.train.outputNames.back(), std::string("u_7_7"));
    RowMatrix y(1, 64);
    g.truth(g.train.X.row(0).data(), y.data());
    QVERIFY(y == g.train.Y.row(0));
    o.grid = 101;
    QCOMPARE(errorMessage([&] { generate("appc1", 1, o); }),
             QString("the appc1 grid must have 1 to 100 points per side"));
    o.grid = 8;
    QCOMPARE(errorMessage([&] { generate("A1", 1, o); }),
             QString("the grid size applies to appc1 only"));
  }
};

QTEST_APPLESS_MAIN(TestAppc1)
#include "test_appc1.moc"
