#include "app/studio/headless.h"

#include <QEventLoop>
#include <QTimer>

#include <iostream>

#include <lreg/base/error.h>
#include "app/studio/exports.h"
#include "app/studio/main_window.h"
#include "render/vtk_view_widget.h"

namespace lreg::studio {

int runHeadless(const StudioCommand& command) {
  if (!render::VtkViewWidget::isSupported()) {
    std::cerr
        << "lreg-studio: this Qt platform cannot draw the plot; run under an X server, e.g.\n"
           "  xvfb-run -a -s \"-screen 0 1280x800x24\" lreg-studio --dataset C --iterations 30 "
           "--screenshot studio.png\n";
    return 1;
  }
  MainWindow window(false);
  window.resize(command.width, command.height);
  window.setOptions(command.options);
  window.show();

  QEventLoop loop;
  QString error;
  QObject::connect(&window, &MainWindow::errorReported, &loop, [&](const QString& message) {
    error = message;
    loop.exit(1);
  });
  QObject::connect(&window, &MainWindow::dataLoaded, &loop, [&] {
    if (command.iterations >= 0) {
      window.runToIteration(command.iterations);
    } else {
      window.runPause();  // until the loop converges
    }
  });
  QObject::connect(&window, &MainWindow::runFinished, &loop, [&] { loop.exit(0); });
  window.loadData(*command.data);
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
    if (!command.modelOut.empty()) window.saveModel(QString::fromStdString(command.modelOut));
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << e.what() << "\n";
    return 1;
  }

  const DataPtr data = window.data();
  const IterationRecord& last = window.history().last();
  std::cout << "lreg-studio: " << data->name << ", " << last.iteration
            << " iterations, D = " << last.dof << ", train RMSE " << last.train.rmse;
  if (last.hasTest) std::cout << ", test RMSE " << last.test.rmse;
  if (!command.screenshot.empty()) std::cout << "; picture " << command.screenshot;
  if (!command.modelOut.empty()) std::cout << "; model " << command.modelOut;
  std::cout << std::endl;
  return 0;
}

}  // namespace lreg::studio
