#include "app/studio/headless.h"

#include <QEventLoop>
#include <QTimer>

#include <iostream>

#include <lreg/base/error.h>
#include "app/studio/connection_view.h"
#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "app/studio/reference_job.h"
#include "app/studio/status_line.h"
#include "app/studio/studio_session.h"
#include "render/vtk_view_widget.h"

namespace lreg::studio {
namespace {

MainWindow::View viewNamed(const std::string& name) {
  if (name == "connection") return MainWindow::View::Connection;
  if (name == "field") return MainWindow::View::Field;
  return MainWindow::View::Fit;
}

// Gives the window a moment to lay out and paint what it shows.
void settle(MainWindow& window) {
  window.presentNow();
  QEventLoop loop;
  QTimer::singleShot(150, &loop, [&] { loop.exit(0); });
  loop.exec();
}

// The Connection view on the Fashion-MNIST demo: make the frozen base, train the connection
// for E epochs, write the window's picture, the view's figure and/or the connection.
int runConnectionDemo(MainWindow& window, const StudioCommand& command) {
  window.showView(viewNamed(command.view));
  ConnectionView& view = *window.connectionView();
  ConnectionSession& session = view.session();
  view.setEpochs(command.connectionEpochs);
  QEventLoop loop;
  QString error;
  QObject::connect(&window, &MainWindow::errorReported, &loop, [&](const QString& message) {
    error = message;
    loop.exit(1);
  });
  QObject::connect(&session, &ConnectionSession::progress, &loop,
                   [](const QString& text) { std::cerr << text.toStdString() << "\n"; });
  QObject::connect(&session, &ConnectionSession::loaded, &loop, [&] { view.train(); });
  QObject::connect(&session, &ConnectionSession::epochFinished, &loop, [&] {
    std::cerr << view.statusText().replace("<br>", "; ").toStdString() << "\n";
  });
  QObject::connect(&session, &ConnectionSession::trainingFinished, &loop, [&] { loop.exit(0); });
  try {
    FashionDemoOptions demo;
    demo.trainSamples = command.connectionSamples;
    session.loadDemo(demo);
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << e.what() << "\n";
    return 1;
  }
  if (loop.exec() != 0) {
    std::cerr << "lreg-studio: " << error.toStdString() << "\n";
    return 1;
  }
  settle(window);
  const QSize size(command.width, command.height);
  try {
    if (!command.screenshot.empty())
      saveWindowPicture(&window, QString::fromStdString(command.screenshot), size);
    if (!command.connectionFigure.empty())
      view.exportFigure(QString::fromStdString(command.connectionFigure), size);
    if (!command.modelOut.empty()) session.saveModel(QString::fromStdString(command.modelOut));
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << e.what() << "\n";
    return 1;
  }
  const ConnectionSet& set = *session.data();
  const ConnectionEpoch& last = session.epochs().back();
  std::cout << "lreg-studio: " << set.name << ", connection of "
            << session.state()->model.parameterCount() << " parameters, " << last.epoch
            << " epoch(s): validation cross-entropy " << set.base.loss << " -> " << last.score.loss
            << ", accuracy " << set.base.accuracy << " -> " << last.score.accuracy;
  for (const std::string* file :
       {&command.screenshot, &command.connectionFigure, &command.modelOut})
    if (!file->empty()) std::cout << "; " << *file;
  std::cout << std::endl;
  return 0;
}

// Compare > Find Best Placement, waited for: false (with the message) when it fails.
bool searchBestPlacement(StudioSession& session) {
  QEventLoop loop;
  QString error;
  QObject::connect(&session.reference(), &ReferenceJob::failed, &loop,
                   [&](const QString& message) { error = message; });
  QObject::connect(&session.reference(), &ReferenceJob::finished, &loop, [&] { loop.exit(0); });
  try {
    session.findBestPlacement();
  } catch (const Error& e) {
    error = QString::fromStdString(e.what());
  }
  if (error.isEmpty()) loop.exec();
  if (error.isEmpty() && session.reference().result()) return true;
  std::cerr << "lreg-studio: best placement: "
            << (error.isEmpty() ? std::string("no result") : error.toStdString()) << "\n";
  return false;
}

}  // namespace

int runHeadless(const StudioCommand& command, const std::function<void(StudioSession&)>& setUp) {
  if (!render::VtkViewWidget::isSupported()) {
    std::cerr
        << "lreg-studio: this Qt platform cannot draw the plot; run under an X server, e.g.\n"
           "  xvfb-run -a -s \"-screen 0 1280x800x24\" lreg-studio --dataset C --iterations 30 "
           "--screenshot studio.png\n";
    return 1;
  }
  MainWindow window(false);
  StudioSession& session = *window.session();
  if (setUp) setUp(session);
  window.resize(command.width, command.height);
  window.show();
  if (command.connectionDemo) return runConnectionDemo(window, command);

  QEventLoop loop;
  QString error;
  QObject::connect(&window, &MainWindow::errorReported, &loop, [&](const QString& message) {
    error = message;
    loop.exit(1);
  });
  auto runOn = [&] {
    if (command.iterations >= 0) {
      session.run(command.iterations);
    } else if (command.session.empty()) {
      session.run();  // until the loop converges
    } else {
      loop.exit(0);  // a restored session is drawn as it was saved
    }
  };
  QObject::connect(&session, &StudioSession::dataLoaded, &loop, runOn);
  QObject::connect(&session, &StudioSession::runFinished, &loop, [&] { loop.exit(0); });
  if (!command.session.empty()) {
    session.openSession(QString::fromStdString(command.session));
  } else {
    session.setOptions(command.options);
    session.loadData(*command.data);
  }
  if (loop.exec() != 0) {
    std::cerr << "lreg-studio: " << error.toStdString() << "\n";
    return 1;
  }
  if (command.bestPlacement && !searchBestPlacement(session)) return 1;

  window.showView(viewNamed(command.view));
  settle(window);

  try {
    if (!command.screenshot.empty()) {
      saveWindowPicture(&window, QString::fromStdString(command.screenshot),
                        QSize(command.width, command.height));
    }
    if (!command.modelOut.empty()) session.saveModel(QString::fromStdString(command.modelOut));
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << e.what() << "\n";
    return 1;
  }

  const DataPtr data = session.data();
  std::cout << "lreg-studio: " << data->name;
  if (!session.history().empty()) {
    const IterationRecord& last = session.history().last();
    std::cout << ", " << last.iteration << " iterations, D = " << last.dof << ", train RMSE "
              << last.train.rmse;
    if (last.hasTest) std::cout << ", test RMSE " << last.test.rmse;
    const QString best = StatusLine::bestModelText(session.history());
    if (!best.isEmpty()) std::cout << "; " << best.toStdString();
  }
  const QString reference = StatusLine::referenceText(session);
  if (!reference.isEmpty()) std::cout << "; " << reference.toStdString();
  if (!command.screenshot.empty()) std::cout << "; picture " << command.screenshot;
  if (!command.modelOut.empty()) std::cout << "; model " << command.modelOut;
  std::cout << std::endl;
  return 0;
}

}  // namespace lreg::studio
