#include "app/studio/studio_app.h"

#include <QApplication>
#include <QTimer>

#include <cstdlib>
#include <iostream>

#include <lreg/base/error.h>
#include <lreg/base/printable.h>
#include <lreg/version.h>
#include "app/studio/autosave.h"
#include "app/studio/command_line.h"
#include "app/studio/connection_view.h"
#include "app/studio/headless.h"
#include "app/studio/main_window.h"
#include "app/studio/resources.h"
#include "app/studio/studio_session.h"
#include "render/vtk_view_widget.h"

namespace lreg::studio {
namespace {

// Without a display Qt's default (xcb) platform aborts; say what to do instead.
bool haveDisplay() {
  for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* value = std::getenv(name);
    if (value && *value) return true;
  }
  return false;
}

// The command line's compute settings, and the autosave: every run of the app keeps its work
// in the state folder (a broken folder only costs the autosave, said once, never the run).
void prepare(StudioSession& session, const StudioCommand& command) {
  session.applyComputeSettings({command.options.device, command.threads});
  try {
    session.enableAutosave(AutosaveStore::defaultDirectory(), autosaveIntervalMs());
  } catch (const Error& e) {
    std::cerr << "lreg-studio: no autosave: " << printable(e.what()) << "\n";
  }
}

}  // namespace

int runStudio(int argc, char** argv) {
  StudioCommand command;
  try {
    command = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << printable(e.what())
              << "\n(lreg-studio --help lists the options)\n";
    return 2;
  }
  if (command.help) {
    std::cout << usageText();
    return 0;
  }
  if (command.version) {
    std::cout << "lreg-studio " << kVersion << "\n";
    return 0;
  }
  if (!haveDisplay()) {
    std::cerr << "lreg-studio: no display (DISPLAY is not set). Without a screen, write figures "
                 "with\n  xvfb-run -a -s \"-screen 0 1280x800x24\" lreg-studio --dataset C "
                 "--iterations 30 --screenshot studio.png\n";
    return 1;
  }

  render::VtkViewWidget::setDefaultSurfaceFormat();  // before QApplication
  QApplication app(argc, argv);
  QApplication::setApplicationName("LReg Studio");
  QApplication::setApplicationVersion(kVersion);
  QApplication::setWindowIcon(appIcon());
  QGuiApplication::setDesktopFileName("lreg-studio");  // resources/lreg-studio.desktop
  try {
    StudioSession::checkComputeSettings({command.options.device, command.threads});
  } catch (const Error& e) {
    std::cerr << "lreg-studio: " << printable(e.what()) << "\n";
    return 2;
  }
  auto setUp = [&command](StudioSession& s) { prepare(s, command); };
  if (command.headless()) return runHeadless(command, setUp);

  MainWindow window;
  StudioSession& session = *window.session();
  setUp(session);
  window.resize(command.width, command.height);
  if (command.connectionDemo) {
    window.showView(MainWindow::View::Connection);
    ConnectionView& view = *window.connectionView();
    view.setEpochs(command.connectionEpochs);
    QObject::connect(
        &view.session(), &ConnectionSession::loaded, &view, [&view] { view.train(); },
        Qt::SingleShotConnection);
    view.loadDemo();
  } else if (!command.session.empty()) {
    session.openSession(QString::fromStdString(command.session));
  } else {
    session.setOptions(command.options);
    if (command.data) session.loadData(*command.data);
  }
  if (command.view == "field") window.showView(MainWindow::View::Field);
  window.show();
  // After a crash: offer the work it left (once the window is up, so the question has a parent).
  if (command.session.empty()) QTimer::singleShot(0, &window, [&window] { window.offerRestore(); });
  return app.exec();
}

}  // namespace lreg::studio
