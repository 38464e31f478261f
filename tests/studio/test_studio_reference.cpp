// What a user of the window sees of node movement and of the distance to the best placement:
// the polish sub-step in the strip, the status bar and the 2D view (trails); Compare > Find
// Best Placement searched in the background, its RMSE as a labelled line in the loss chart (the
// engine's own number) and "RMSE / best found placement" in the status bar, cancellable, and
// gone when the data or the node budget change.
#include "studio_fixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <vtkRenderer.h>

#include <lreg/data/metrics.h>
#include <lreg/engine/mrc_engine.h>
#include "app/studio/loss_chart.h"
#include "app/studio/reference_job.h"
#include "app/studio/status_line.h"
#include "app/studio/transport_bar.h"
#include "render/field_scene.h"

using namespace studio_test;
using lreg::Phase;
using lreg::studio::ReferenceJob;

namespace {

constexpr int kWait = 60000;

// The best placement as the engine finds it for the session's best model, measured on the test
// set: what the app must show.
struct Expected {
  double fitted, reference;
};

Expected engineReference(const StudioSession& s) {
  const lreg::studio::DataPtr data = s.data();
  const lreg::Model& best = *s.bestModel();
  lreg::MrcOptions o = s.options();
  o.dof = best.dof();
  auto engine = lreg::makeEngine(data->train, nullptr, o);
  const lreg::Model reference = engine->referenceModel(best);
  return {lreg::computeMetrics(data->test.Y, best.predict(data->test.X)).rmse,
          lreg::computeMetrics(data->test.Y, reference.predict(data->test.X)).rmse};
}

// Starts a search and waits for its end; true when it ended with a result.
bool searched(MainWindow& w) {
  QSignalSpy finished(&w.session()->reference(), &ReferenceJob::finished);
  w.session()->findBestPlacement();
  return finished.wait(kWait) && w.session()->reference().result().has_value();
}

bool subStepTo(MainWindow& w, Phase phase, int iteration) {
  w.session()->subStep();
  return waitShown(
      w, [&](const lreg::Snapshot& s) { return s.phase == phase && s.iteration == iteration; });
}

QString number(double v) {
  return QString::number(v, 'g', 4);
}

}  // namespace

class TestStudioReference : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(lreg::render::VtkViewWidget::isSupported()); }

  // 1D: the loop moves no nodes per iteration, so the strip has no polish.
  void noPolishIn1D() {
    auto w = openWindow("C", 1000);
    QVERIFY(w);
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Initial; }));
    QCOMPARE(w->transport()->stripPhases(),
             QStringList({"train", "refine", "interpolate", "coarsen", "reindex"}));
    QVERIFY(subStepTo(*w, Phase::Train, 0));
    QVERIFY(subStepTo(*w, Phase::Refine, 0));
  }

  // 2D: train -> polish -> refine, the polish shown in the strip, the status bar and as trails.
  void polishSubStepIn2D() {
    auto w = openWindow("B2", 6000);
    QVERIFY(w);
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Initial; }));
    QCOMPARE(w->transport()->stripPhases(),
             QStringList({"train", "polish", "refine", "interpolate", "coarsen", "reindex"}));
    QVERIFY(subStepTo(*w, Phase::Train, 0));
    QCOMPARE(w->transport()->subStepAction()->text(), QString("Sub-step → polish"));
    QCOMPARE(w->plot()->fieldScene()->stats().trails, 0);
    // The edges the train's flips created, drawn (teal).
    QCOMPARE(w->plot()->fieldScene()->stats().flippedEdges,
             int(w->shownSnapshot()->flipped.size()));
    const QImage trained = savedPlot(*w, "polish_0_train.png");
    QVERIFY(subStepTo(*w, Phase::Polish, 0));
    const lreg::Snapshot& s = *w->shownSnapshot();
    QVERIFY(!s.moved.empty());
    QCOMPARE(w->transport()->phaseText(), QString("polish"));
    QVERIFY2(w->statusText().contains("Phase: polish"), qPrintable(w->statusText()));
    QCOMPARE(w->plot()->fieldScene()->stats().trails, int(s.moved.size()));
    lreg::SimplexMesh{2, s.nodes, s.simplices}.validate();
    // The fit is complete after the polish: one row of loss history, the best model.
    QTRY_COMPARE(int(w->session()->history().records().size()), 1);
    QVERIFY(w->session()->bestModel());
    const QImage polished = savedPlot(*w, "polish_1_polish.png");
    QVERIFY(differingPixels(trained, polished) > 200);
    QVERIFY(subStepTo(*w, Phase::Refine, 0));
    QCOMPARE(w->plot()->fieldScene()->stats().trails, 0);  // the last sub-step's moves only
  }

  // Over several iterations each moved node's trail runs through its positions over the last
  // polish steps (the worker's NodeTrails), drawn as one path per moved node.
  void trailsRunThroughSeveralPolishSteps() {
    auto w = openWindow("B2", 6000);
    QVERIFY(w);
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Initial; }));
    std::vector<lreg::SnapshotPtr> polishes;
    for (int k = 0; k < 40 && polishes.size() < 4; ++k) {
      const lreg::Snapshot* before = w->shownSnapshot().get();
      w->session()->subStep();
      QVERIFY(waitShown(*w, [&](const lreg::Snapshot& s) { return &s != before; }));
      const lreg::SnapshotPtr s = w->shownSnapshot();
      if (s->phase != Phase::Polish || s->moved.empty()) continue;
      polishes.push_back(s);
      QCOMPARE(s->movedPaths.size(), s->moved.size());
      int points = 0, longest = 0;
      for (size_t r = 0; r < s->moved.size(); ++r) {
        const lreg::RowMatrix& path = s->movedPaths[r];
        QVERIFY(path.rows() >= 2 && path.rows() <= 5);  // at most the last 4 steps
        QVERIFY(path.bottomRows(1) == s->nodes.row(s->moved[r]));
        QVERIFY(path.row(path.rows() - 2) == s->movedFrom.row(long(r)));
        points += int(path.rows());
        longest = std::max(longest, int(path.rows()));
      }
      QCOMPARE(w->plot()->fieldScene()->stats().trails, int(s->moved.size()));
      QCOMPARE(w->plot()->fieldScene()->stats().trailPoints, points);
      // The first polish has one step to show; later ones reach back further.
      if (polishes.size() == 1) QCOMPARE(longest, 2);
      if (polishes.size() >= 3) QVERIFY2(longest >= 3, qPrintable(QString::number(longest)));
    }
    QCOMPARE(polishes.size(), size_t(4));
    savedPlot(*w, "trails_polish_steps.png");
    lreg::render::FieldViewOptions map = w->plot()->viewOptions();
    map.heatMap = true;
    w->plot()->setViewOptions(map);
    QCOMPARE(w->plot()->fieldScene()->stats().trails, int(polishes.back()->moved.size()));
    savedPlot(*w, "trails_polish_steps_map.png");
  }

  // The best placement: the engine's number in the chart and the status bar; gone with new
  // data; a cancelled search delivers nothing; gone with another node budget.
  void bestPlacementInChartAndStatusBar() {
    auto w = openWindow("B2", 6000);
    QVERIFY(w);
    StudioSession& s = *w->session();
    QVERIFY_THROWS_EXCEPTION(lreg::Error, s.findBestPlacement());  // nothing fitted yet
    QSignalSpy finished(&s, &StudioSession::runFinished);
    s.run(2);
    QVERIFY(finished.wait(kWait));
    QTRY_VERIFY(s.bestModel() != nullptr);
    QVERIFY(!w->lossChart()->hasReference());
    QVERIFY(!w->statusText().contains("best found placement"));

    QVERIFY(searched(*w));
    const Expected e = engineReference(s);
    QVERIFY(w->lossChart()->hasReference());
    QVERIFY2(
        std::abs(w->lossChart()->referenceValue() - e.reference) <= 1e-12 * e.reference,
        qPrintable(QString("%1 vs %2").arg(w->lossChart()->referenceValue()).arg(e.reference)));
    QCOMPARE(w->lossChart()->referenceLabel(), QString("best placement (test RMSE)"));
    const QString text = QString("best model RMSE %1 / best found placement %2 (ratio %3, test)")
                             .arg(number(e.fitted), number(e.reference),
                                  QString::number(e.fitted / e.reference, 'f', 3));
    QVERIFY2(w->statusText().contains(text), qPrintable(w->statusText() + " / " + text));
    QVERIFY(e.reference <= e.fitted * 1.02);  // the search starts from the fit
    w->grab().save(outputPath("reference_window.png"));

    // New data: the placement was another data set's.
    QSignalSpy loaded(&s, &StudioSession::dataLoaded);
    s.loadData(DataRequest::generated("B2", 5000));
    QVERIFY(loaded.wait(kWait));
    QVERIFY(!s.reference().result());
    QVERIFY(!w->lossChart()->hasReference());
    QVERIFY(!w->statusText().contains("best found placement"));

    // Cancelled: nothing arrives.
    s.run(1);
    QVERIFY(finished.wait(kWait));
    QTRY_VERIFY(s.bestModel() != nullptr);
    QSignalSpy ended(&s.reference(), &ReferenceJob::finished);
    s.findBestPlacement();
    QVERIFY(s.reference().isRunning());
    QVERIFY(w->statusText().contains("searching the best placement"));
    s.cancelBestPlacement();
    QVERIFY(ended.wait(kWait));
    QVERIFY(!s.reference().result());
    QVERIFY(!w->lossChart()->hasReference());

    // Another node budget: the placement was of another D.
    QVERIFY(searched(*w));
    QVERIFY(w->lossChart()->hasReference());
    lreg::MrcOptions o = s.options();
    o.dof = 48;
    s.setOptions(o);
    QVERIFY(!s.reference().result());
    QVERIFY(!w->lossChart()->hasReference());
    QVERIFY(!w->statusText().contains("best found placement"));
  }

  // 1D: a cancelled search (MrcEngine::setCancelFlag, honoured by the 1D search too) delivers
  // nothing, and the session goes on: a new search delivers, the fit continues.
  void cancelledSearchIn1DDeliversNothing() {
    auto w = openWindow("A1", 20000);
    QVERIFY(w);
    StudioSession& s = *w->session();
    QSignalSpy finished(&s, &StudioSession::runFinished);
    s.run(2);
    QVERIFY(finished.wait(kWait));
    QTRY_VERIFY(s.bestModel() != nullptr);
    QSignalSpy ended(&s.reference(), &ReferenceJob::finished);
    QSignalSpy failed(&s.reference(), &ReferenceJob::failed);
    s.findBestPlacement();
    s.cancelBestPlacement();  // before the job's engine is even built: the flag is up at once
    QVERIFY(ended.wait(kWait));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!s.reference().isRunning());
    QVERIFY(!s.reference().result());
    QVERIFY(!w->lossChart()->hasReference());
    QTRY_VERIFY(!w->statusText().contains("searching the best placement"));
    QVERIFY(!w->statusText().contains("best found placement"));
    // Usable: a search that is not cancelled delivers, and the fit goes on.
    QVERIFY(searched(*w));
    QVERIFY(s.reference().result()->onTest);
    QCOMPARE(s.reference().result()->dof, s.bestModel()->dof());
    QVERIFY(w->lossChart()->hasReference());
    QVERIFY(w->statusText().contains("best found placement"));
    const int fits = int(s.history().records().size());
    s.run(3);
    QVERIFY(finished.wait(kWait));
    QTRY_VERIFY(int(s.history().records().size()) > fits);
  }

  // A session saved with a best placement shows it again when opened: the same status text and
  // chart line. Files without the key (older ones) load without it, and a result of another node
  // budget is not shown; once open, a new node budget drops it as before.
  void bestPlacementSavedInTheSession() {
    QTemporaryDir dir;
    const QString path = dir.filePath("b2.lreg-session.json");
    QString status;
    double line = 0;
    {
      auto w = openWindow("B2", 4000);
      QVERIFY(w);
      QSignalSpy finished(w->session(), &StudioSession::runFinished);
      w->session()->run(1);
      QVERIFY(finished.wait(kWait));
      QVERIFY(searched(*w));
      status = lreg::studio::StatusLine::referenceText(*w->session());
      QVERIFY(status.contains("best found placement"));
      line = w->lossChart()->referenceValue();
      QSignalSpy written(w->session(), &StudioSession::fileWritten);
      w->session()->saveSession(path);
      QVERIFY(written.wait(kWait));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    f.close();
    const QJsonObject saved = QJsonDocument::fromJson(text).object();
    QVERIFY(saved["best_placement"].isObject());
    QCOMPARE(saved["best_placement"].toObject()["reference_rmse"].toDouble(), line);
    QCOMPARE(saved["best_placement"].toObject()["on_test"].toBool(), true);

    auto opened = [&](const QString& file) {
      auto w = std::make_unique<MainWindow>();
      w->resize(1200, 760);
      w->show();
      if (!QTest::qWaitForWindowExposed(w.get())) return std::unique_ptr<MainWindow>();
      QSignalSpy done(w->session(), &StudioSession::sessionOpened);
      w->session()->openSession(file);
      if (!done.wait(kWait)) return std::unique_ptr<MainWindow>();
      return w;
    };
    {
      auto w = opened(path);
      QVERIFY(w);
      QVERIFY(w->lossChart()->hasReference());
      QCOMPARE(w->lossChart()->referenceValue(), line);
      QCOMPARE(w->lossChart()->referenceLabel(), QString("best placement (test RMSE)"));
      QTRY_VERIFY2(w->statusText().contains(status), qPrintable(w->statusText() + " / " + status));
      QVERIFY(!w->session()->hasUnsavedChanges());  // as on disk
      w->grab().save(outputPath("reference_restored.png"));
      lreg::MrcOptions o = w->session()->options();
      o.dof = 40;
      w->session()->setOptions(o);
      QVERIFY(!w->lossChart()->hasReference());
      QVERIFY(!w->statusText().contains("best found placement"));
    }
    // Without the key, and with a result of another node budget: loaded, nothing shown.
    auto rewritten = [&](const QString& name, auto edit) {
      QJsonObject j = saved;
      edit(j);
      const QString p = dir.filePath(name);
      QFile out(p);
      if (!out.open(QIODevice::WriteOnly)) return QString();
      out.write(QJsonDocument(j).toJson());
      return p;
    };
    const QString old = rewritten("old.json", [](QJsonObject& j) { j.remove("best_placement"); });
    const QString other = rewritten("other.json", [](QJsonObject& j) {
      QJsonObject b = j["best_placement"].toObject();
      b["dof"] = b["dof"].toInt() + 1;
      j["best_placement"] = b;
    });
    for (const QString& file : {old, other}) {
      auto w = opened(file);
      QVERIFY2(w, qPrintable(file));
      QVERIFY(!w->session()->reference().result());
      QVERIFY(!w->lossChart()->hasReference());
      QTRY_VERIFY(w->statusText().contains("Iteration"));
      QVERIFY(!w->statusText().contains("best found placement"));
    }
  }

  // Headless: --best-placement searches after the run and prints the status bar's line.
  void headlessBestPlacement() {
    QTemporaryDir dir;
    const QString png = dir.filePath("b2.png");
    const StudioRun r = runStudio({"--dataset", "B2", "--points", "4000", "--iterations", "1",
                                   "--best-placement", "--screenshot", png});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QRegularExpression("best model RMSE [0-9.e-]+ / best found placement "
                                               "[0-9.e-]+ \\(ratio [0-9.]+, test\\)")),
             qPrintable(r.out));
    QVERIFY(QImage(png).width() > 0);
    QImage(png).save(outputPath("headless_best_placement.png"));
  }
};

STUDIO_TEST_MAIN(TestStudioReference)
#include "test_studio_reference.moc"
