#include "app/studio/headless.h"

#include <QEventLoop>
#include <QTimer>

#include <iostream>

#include <lreg/base/error.h>
#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "app/studio/studio_session.h"
#include "render/vtk_view_widget.h"

namespace lreg::studio {

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

  // Draw the final state, and give the window a moment to lay out and paint it.
  window.presentNow();
  QTimer::singleShot(150, &loop, [&] { loop.exit(0); });
  loop.exec();

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
  }
  if (!command.screenshot.empty()) std::cout << "; picture " << command.screenshot;
  if (!command.modelOut.empty()) std::cout << "; model " << command.modelOut;
  std::cout << std::endl;
  return 0;
}

}  // namespace lreg::studio
