// Stepping the loop in the window: each sub-step (by its keyboard shortcut) reaches the engine,
// the phase strip and the scene's markers; the picture changes between steps; Step finishes an
// iteration; Pause and Step work mid-run; clicking a node shows its basis function; new model
// settings never discard a trained model without asking.
#include <QSpinBox>

#include <lreg/engine/phase.h>
#include "app/studio/loss_chart.h"
#include "app/studio/model_panel.h"
#include "app/studio/plot_panel.h"
#include "app/studio/transport_bar.h"
#include "render/field_scene.h"
#include "render/scene1d.h"
#include "studio_fixture.h"

using lreg::Phase;
using namespace studio_test;

class TestStudioStepping : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(lreg::render::VtkViewWidget::isSupported()); }

  void subStepsThroughOneIteration() {
    auto w = openWindow("C", 2000);
    QVERIFY(w);
    QVERIFY(w->plot()->hasView());
    const int D = w->session()->options().dof;
    QCOMPARE(w->transport()->phaseText(), QString("initial"));
    QCOMPARE(w->plot()->scene1D()->stats().nodeMarkers, D);
    QImage before = w->plot()->grabView();
    QVERIFY(!before.isNull());
    before.save(outputPath("step_0_initial.png"));

    w->activateWindow();
    const Phase phases[] = {Phase::Train,   Phase::Refine,  Phase::Interpolate,
                            Phase::Coarsen, Phase::Reindex, Phase::Train};
    int index = 0;
    for (Phase expected : phases) {
      ++index;
      const QString name = QString::fromStdString(lreg::phaseName(expected));
      // S is the sub-step shortcut; fall back to the action when the window isn't focused.
      if (QApplication::activeWindow() == w.get()) {
        QTest::keyClick(w.get(), Qt::Key_S);
      } else {
        w->transport()->subStepAction()->trigger();
      }
      const int expectedIteration = index >= 5 ? 1 : 0;
      QVERIFY2(waitShown(*w,
                         [&](const lreg::Snapshot& s) {
                           return s.phase == expected && s.iteration == expectedIteration;
                         }),
               qPrintable("no snapshot after sub-step " + name));
      const lreg::Snapshot& s = *w->shownSnapshot();

      // The engine (on its thread) is where the UI says it is.
      const auto status = w->session()->engineStatus();
      QCOMPARE(status.phase, expected);
      QCOMPARE(status.iteration, expectedIteration);
      QCOMPARE(status.nodes, int(s.nodes.rows()));
      // The phase shown.
      QCOMPARE(w->transport()->phaseText(), name);
      QVERIFY2(w->statusText().contains("Phase: " + name), qPrintable(w->statusText()));
      // The scene's markers match the snapshot.
      const auto& stats = w->plot()->scene1D()->stats();
      QCOMPARE(stats.nodeMarkers, int(s.nodes.rows()));
      QCOMPARE(stats.insertedMarkers, int(s.inserted.size()));
      QCOMPARE(stats.removeMarkers, int(s.toRemove.size()));
      switch (expected) {
        case Phase::Refine:
          QVERIFY(s.nodes.rows() > D);   // midpoints inserted...
          QVERIFY(!s.inserted.empty());  // ...and shown in green
          QCOMPARE(stats.insertedMarkers, int(s.inserted.size()));
          break;
        case Phase::Interpolate:
          QVERIFY(!s.toRemove.empty());  // the coming coarsening's victims, in red
          QVERIFY(stats.removeMarkers > 0);
          break;
        case Phase::Coarsen:
        case Phase::Reindex:
        case Phase::Train:
          QCOMPARE(int(s.nodes.rows()), D);  // back to the budget
          break;
        default:
          break;
      }
      // The picture follows the steps.
      const QImage after = savedPlot(*w, QString("step_%1_%2.png").arg(index).arg(name));
      const long changed = differingPixels(before, after);
      QVERIFY2(changed > 200,
               qPrintable(QString("%1 pixels changed at %2").arg(changed).arg(name)));
      before = after;
    }
    // Two fits: two rows of loss history, two chart points.
    QTRY_COMPARE(int(w->session()->history().records().size()),
                 2);  // the fit report follows its snapshot
    QTRY_COMPARE(w->lossChart()->pointCount(), 2);
    // The best model (what Save Model writes) is marked at its iteration, with its own error,
    // and named in the status bar.
    const lreg::studio::IterationRecord& last = w->session()->history().last();
    const double bestRmse = last.hasTest ? last.best.test.rmse : last.best.train.rmse;
    QCOMPARE(w->lossChart()->bestMarker(), QPointF(last.best.iteration, bestRmse));
    QTRY_VERIFY2(w->statusText().contains(QString("best model (iteration %1) %2")
                                              .arg(last.best.iteration)
                                              .arg(QString::number(bestRmse, 'g', 4))),
                 qPrintable(w->statusText()));
    w->lossChart()->setLogScale(true);  // the log axis takes the same points
    QVERIFY(w->lossChart()->logScale());
    QCOMPARE(w->lossChart()->pointCount(), 2);
    QTest::qWait(50);  // the chart lays its new axis out lazily
    w->lossChart()->grab().save(outputPath("loss_log.png"));
  }

  void stepFinishesAnIteration() {
    auto w = openWindow("A1", 1500);
    QVERIFY(w);
    w->session()->step();  // from the initial mesh: the first fit
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));
    QCOMPARE(w->shownSnapshot()->iteration, 0);
    w->session()->subStep();  // refine
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Refine; }));
    w->session()->step();  // the rest of the iteration and its fit
    QVERIFY(waitShown(
        *w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train && s.iteration == 1; }));
    QCOMPARE(w->session()->engineStatus().iteration, 1);
    QTRY_COMPARE(int(w->session()->history().records().size()),
                 2);  // the fit report follows its snapshot
  }

  void pauseAndStepMidRun() {
    auto w = openWindow("C", 20000);
    QVERIFY(w);
    // A budget the test never reaches, at the watchable pace: the run is still going when
    // Pause arrives.
    lreg::MrcOptions o = w->session()->options();
    o.iterations = 100000;
    o.patience = 100000;
    w->session()->setOptions(o);
    QTRY_COMPARE(w->session()->engineStatus().phase, Phase::Initial);
    w->session()->runPause();
    QTRY_VERIFY(w->session()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->engineStatus().iteration >= 2, 30000);
    w->session()->runPause();  // pause mid-run
    QTRY_VERIFY(!w->session()->isRunning());
    const auto paused = w->session()->engineStatus();
    QTest::qWait(300);
    const auto later = w->session()->engineStatus();
    QCOMPARE(later.iteration, paused.iteration);  // nothing moves while paused
    QCOMPARE(later.phase, paused.phase);

    // Step during a run ends it at the next fit.
    w->session()->runPause();
    QTRY_VERIFY(w->session()->isRunning());
    QTest::qWait(100);
    w->session()->step();
    QTRY_VERIFY_WITH_TIMEOUT(!w->session()->isRunning(), 30000);
    QCOMPARE(w->session()->engineStatus().phase, Phase::Train);
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));

    // Sub-step during a run stops it after exactly one more sub-step.
    w->session()->runPause();
    QTRY_VERIFY(w->session()->isRunning());
    w->session()->subStep();
    QTRY_VERIFY(!w->session()->isRunning());
    const auto stopped = w->session()->engineStatus();
    QTest::qWait(200);
    QCOMPARE(w->session()->engineStatus().phase, stopped.phase);
    QCOMPARE(w->session()->engineStatus().iteration, stopped.iteration);
  }

  void clickingANodeShowsItsBasis() {
    auto w = openWindow("A1", 1000);
    QVERIFY(w);
    w->session()->step();
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));
    QImage image = w->plot()->grabView();  // renders: the scene's layout is known from here
    const auto& scene = *w->plot()->scene1D();
    const int node = 20;
    const auto p = scene.nodePosition(node);
    const auto pixel = scene.pixelOf(p.x, p.y);  // origin bottom left, device pixels
    auto* view = w->plot()->view();
    const double ratio = view->devicePixelRatioF();
    const QPoint at(int(std::lround(pixel.x / ratio)),
                    int(std::lround(view->height() - 1 - pixel.y / ratio)));
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at);
    QTRY_COMPARE(scene.selectedNode(), node);
    QVERIFY(scene.stats().basisShown);
    const QString label = QString::fromStdString(scene.basisLabel());
    QVERIFY2(label.contains("c"), qPrintable(label));
    QVERIFY(findLabel(*w, [](const QString& t) { return t.startsWith("node 20:"); }));
    const QImage selected = savedPlot(*w, "node_selected.png");
    QVERIFY(differingPixels(image, selected) > 100);  // the tent and its label appeared
  }

  void clickingANodeOnTheSurfaceShowsItsBasis() {
    auto w = openWindow("A2", 2000);
    QVERIFY(w);
    w->session()->step();  // in 2D the fit is complete after its polish
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Polish; }));
    const QImage image = w->plot()->grabView();  // renders: the camera is set from here
    const lreg::render::FieldScene* field = w->plot()->fieldScene();
    QVERIFY(field);
    // A node the click can hit (not hidden behind the surface from this camera).
    int node = -1;
    for (int i = field->nodeCount() / 2; i < field->nodeCount() && node < 0; ++i) {
      const auto p = field->nodePixel(i);
      if (field->nodeAtPixel(p.x, p.y) == i) node = i;
    }
    QVERIFY(node >= 0);
    const auto pixel = field->nodePixel(node);  // origin bottom left, device pixels
    auto* view = w->plot()->view();
    const double ratio = view->devicePixelRatioF();
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier,
                      QPoint(int(std::lround(pixel.x / ratio)),
                             int(std::lround(view->height() - 1 - pixel.y / ratio))));
    QTRY_COMPARE(w->plot()->selectedNode(), node);
    const QString prefix = QString("node %1: (").arg(node);
    QVERIFY2(findLabel(*w, [&](const QString& t) { return t.startsWith(prefix); }),
             qPrintable(prefix));
    const QImage selected = savedPlot(*w, "surface_node_selected.png");
    QVERIFY(differingPixels(image, selected) > 100);  // the support outline and the tent
  }

  void newSettingsAskBeforeDiscarding() {
    auto w = openWindow("A1", 1000);
    QVERIFY(w);
    auto* dof = w->modelPanel()->findChild<QSpinBox*>("dof");
    QVERIFY(dof);
    // Nothing trained yet: a change applies at once, without a question.
    dof->setValue(40);
    QTRY_COMPARE(w->session()->engineStatus().nodes, 40);
    w->session()->step();
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) { return s.phase == Phase::Train; }));

    // Trained: the question comes; Cancel keeps the model and rolls the panel back.
    QString question;
    answerNextMessageBox(QMessageBox::Cancel, &question);
    dof->setValue(50);
    QVERIFY2(question.contains("discard"), qPrintable(question));
    QCOMPARE(dof->value(), 40);
    QCOMPARE(w->session()->options().dof, 40);
    QTest::qWait(100);
    QCOMPARE(w->session()->engineStatus().phase, Phase::Train);  // the model is still there

    // Apply restarts the engine with the new budget.
    question.clear();
    answerNextMessageBox(QMessageBox::Apply, &question);
    dof->setValue(50);
    QVERIFY(!question.isEmpty());
    QVERIFY(waitShown(*w, [](const lreg::Snapshot& s) {
      return s.phase == Phase::Initial && s.nodes.rows() == 50;
    }));
    QCOMPARE(w->session()->engineStatus().nodes, 50);
    QCOMPARE(w->session()->engineStatus().phase, Phase::Initial);
    QVERIFY(w->session()->history().empty());
  }
};

STUDIO_TEST_MAIN(TestStudioStepping)
#include "test_studio_stepping.moc"
