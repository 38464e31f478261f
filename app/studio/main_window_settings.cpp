// The main window's compute settings: the device of the engine's data passes and the number of
// CPU threads.
#include <QStatusBar>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include "app/studio/main_window.h"

namespace lreg::studio {

ComputeSettings MainWindow::computeSettings() const {
  ComputeSettings s;
  s.device = options_.device;
  s.threads = threads_;
  return s;
}

void MainWindow::applyComputeSettings(const ComputeSettings& settings) {
  if (settings.device == Device::Cuda) {
    const std::string why = cudaUnavailableReason();
    if (!why.empty()) throw Error("CUDA cannot be used here: " + why);
  }
  if (settings.threads < 0) throw Error("the thread count must be 0 (all cores) or more");
  // Atomic in the core: the worker's next data pass picks it up, no restart needed.
  setThreadCount(settings.threads);
  threads_ = settings.threads;
  if (settings.device != options_.device) {
    MrcOptions wanted = options_;
    wanted.device = settings.device;
    applyOptions(wanted);
  }
}

void MainWindow::computeSettingsDialog() {
  ComputeSettings s = computeSettings();
  if (!askComputeSettings(this, s)) return;
  try {
    applyComputeSettings(s);
    statusBar()->showMessage(tr("Device %1 · %2 CPU threads")
                                 .arg(QString::fromStdString(deviceName(options_.device)))
                                 .arg(threadCount()),
                             5000);
  } catch (const Error& e) {
    reportError(tr("Cannot apply the settings"), QString::fromStdString(e.what()));
  }
}

}  // namespace lreg::studio
