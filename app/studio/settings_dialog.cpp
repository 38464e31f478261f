#include "app/studio/settings_dialog.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>

#include <thread>

namespace lreg::studio {

std::string cudaUnavailableReason() {
  const CudaStatus& s = cudaStatus();
  if (s.compiled && s.devices > 0) return {};
  return s.reason.empty() ? std::string("no usable GPU") : s.reason;
}

bool askComputeSettings(QWidget* parent, ComputeSettings& settings) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Compute settings"));
  auto* device = new QComboBox;
  device->addItem(QObject::tr("auto (CUDA when usable, else CPU)"), int(Device::Auto));
  device->addItem(QObject::tr("CPU"), int(Device::Cpu));
  device->addItem(QObject::tr("CUDA"), int(Device::Cuda));
  const std::string why = cudaUnavailableReason();
  auto* note = new QLabel;
  note->setWordWrap(true);
  if (why.empty()) {
    note->setText(QObject::tr("GPU: %1").arg(QString::fromStdString(cudaStatus().name)));
  } else {
    // Greyed out with the reason, rather than failing later in the fit.
    auto* model = qobject_cast<QStandardItemModel*>(device->model());
    model->item(2)->setEnabled(false);
    model->item(2)->setToolTip(QString::fromStdString(why));
    note->setText(QObject::tr("CUDA unavailable: %1").arg(QString::fromStdString(why)));
  }
  device->setCurrentIndex(device->findData(int(settings.device)));
  auto* threads = new QSpinBox;
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  // The command line's range (--threads 1 to 1024), so a count given there shows as it is.
  threads->setRange(0, kMaxThreads);
  threads->setSpecialValueText(QObject::tr("all cores (%1)").arg(cores));
  threads->setValue(settings.threads);
  threads->setToolTip(QObject::tr("Threads of the CPU data passes; results do not depend on it"));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  auto* form = new QFormLayout(&dialog);
  form->addRow(QObject::tr("Device"), device);
  form->addRow(QString(), note);
  form->addRow(QObject::tr("CPU threads"), threads);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return false;
  settings.device = Device(device->currentData().toInt());
  settings.threads = threads->value();
  return true;
}

}  // namespace lreg::studio
