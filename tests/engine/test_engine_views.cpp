// The engine over data it does not own: a fit from a column-major (NumPy Fortran-order) view
// equals the fit from the Dataset, predictions read strided inputs in place, and run() stops
// between sub-steps when cancelled, returning the best model so far.
#include <QtTest>

#include <atomic>

#include <lreg/data/generators.h>
#include <lreg/engine/mrc_engine.h>

using namespace lreg;

namespace {

using StridedMap = Eigen::Map<const RowMatrix, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

// [X | Y] of `data` stored column-major, as NumPy stores a Fortran-order array.
Eigen::MatrixXd fortranOrder(const Dataset& data) {
  Eigen::MatrixXd all(data.size(), data.dim() + data.outputs());
  all << data.X, data.Y;
  return all;
}

StridedMap view(const Eigen::MatrixXd& storage, int firstColumn, int columns) {
  return StridedMap(storage.data() + firstColumn * storage.rows(), storage.rows(), columns,
                    Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(1, storage.rows()));
}

}  // namespace

class TestEngineViews : public QObject {
  Q_OBJECT

 private slots:
  void fitFromAColumnMajorViewEqualsTheFitFromTheDataset_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("1D") << "B1";
    QTest::newRow("2D") << "A2";
  }
  void fitFromAColumnMajorViewEqualsTheFitFromTheDataset() {
    QFETCH(QString, name);
    const GeneratedData g = generate(name.toStdString(), 2, {.trainSize = 2000});
    MrcOptions o{.dof = 32, .iterations = 4};
    const Model expected = fit(g.train, o);
    const Eigen::MatrixXd F = fortranOrder(g.train);
    const int d = g.train.dim();
    const DatasetView train(view(F, 0, d), view(F, d, 1), "arrays", g.train.inputNames,
                            g.train.outputNames);
    QCOMPARE(train.X.data(), F.data());  // read in place
    const Model got = fit(train, o);
    QCOMPARE(got.nodes, expected.nodes);
    QCOMPARE(got.simplices, expected.simplices);
    QCOMPARE(got.coefficients, expected.coefficients);
    QCOMPARE(got.inputNames, g.train.inputNames);
    // Predictions read strided inputs in place and agree with the row-major copy.
    const Eigen::MatrixXd T = fortranOrder(g.test);
    QCOMPARE(got.predict(view(T, 0, d)), expected.predict(g.test.X));
  }

  void unnamedViewsGetTheNpyReadersNames() {
    const GeneratedData g = generate("A2", 1, {.trainSize = 500});
    const Model m = fit(DatasetView(g.train.X, g.train.Y), {.dof = 16, .iterations = 1});
    QCOMPARE(m.inputNames, (std::vector<std::string>{"x1", "x2"}));
    QCOMPARE(m.outputNames, std::vector<std::string>{"y"});
  }

  void runStopsBetweenSubStepsAndKeepsTheBestModel() {
    const GeneratedData g = generate("C", 1);
    MrcOptions o{.dof = 24, .iterations = 50, .patience = 50};
    // No node polish and no restarts: the returned model is then the best snapshot's mesh with
    // exact coefficients (with them it trains better than any snapshot).
    o.polishSteps = 0;
    o.restarts = false;
    auto engine = makeEngine(g.train, nullptr, o);
    std::atomic<bool> cancel{false};
    double bestRmse = 1e300;
    int subSteps = 0;
    engine->setObserver([&](const SnapshotPtr& s) {
      ++subSteps;
      if (s->phase == Phase::Train) bestRmse = std::min(bestRmse, s->validation.rmse);
      if (s->phase == Phase::Refine && s->iteration == 3) cancel = true;
    });
    const Model m = engine->run(&cancel);
    QCOMPARE(engine->phase(), Phase::Refine);  // stopped right after the sub-step that asked
    QCOMPARE(engine->iteration(), 3);
    QCOMPARE(subSteps, 1 + 1 + 3 * 5 + 1);  // initial, Train, 3 iterations (to Train), Refine
    QCOMPARE(m.coefficients, engine->bestModel().coefficients);
    const Metrics best = engine->trainingMetrics(m);
    QVERIFY2(std::abs(best.rmse - bestRmse) <= 1e-12 * bestRmse,
             qPrintable(QString("%1 vs %2").arg(best.rmse).arg(bestRmse)));
  }
};

QTEST_APPLESS_MAIN(TestEngineViews)
#include "test_engine_views.moc"
