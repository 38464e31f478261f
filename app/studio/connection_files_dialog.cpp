#include "app/studio/connection_files_dialog.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace lreg::studio {
namespace {

QLineEdit* fileRow(QDialog& dialog, QFormLayout* form, const QString& label,
                   const std::string& value) {
  auto* edit = new QLineEdit(QString::fromStdString(value));
  edit->setMinimumWidth(360);
  auto* browse = new QPushButton(QObject::tr("Browse…"));
  auto* row = new QHBoxLayout;
  row->addWidget(edit, 1);
  row->addWidget(browse);
  form->addRow(label, row);
  QObject::connect(browse, &QPushButton::clicked, &dialog, [&dialog, edit, label] {
    const QString path = QFileDialog::getOpenFileName(
        &dialog, label, edit->text(), QObject::tr("Arrays (*.npy *.csv);;All files (*)"));
    if (!path.isEmpty()) edit->setText(path);
  });
  return edit;
}

}  // namespace

bool askConnectionSources(QWidget* parent, ConnectionSources& s) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Open the frozen model's data"));
  auto* form = new QFormLayout(&dialog);
  auto* task = new QComboBox;
  task->addItem(QObject::tr("Classification (outputs are logits; labels)"));
  task->addItem(QObject::tr("Regression (outputs are predictions; targets)"));
  task->setCurrentIndex(s.task == ConnectionTask::Regression ? 1 : 0);
  form->addRow(QObject::tr("Task"), task);
  QLineEdit* f = fileRow(dialog, form, QObject::tr("Features (#N × C_in)"), s.train.features);
  QLineEdit* o = fileRow(dialog, form, QObject::tr("Outputs (#N × C)"), s.train.outputs);
  QLineEdit* t = fileRow(dialog, form, QObject::tr("Labels or targets"), s.train.truth);
  QLineEdit* vf =
      fileRow(dialog, form, QObject::tr("Validation features (optional)"), s.val.features);
  QLineEdit* vo = fileRow(dialog, form, QObject::tr("Validation outputs"), s.val.outputs);
  QLineEdit* vt = fileRow(dialog, form, QObject::tr("Validation labels or targets"), s.val.truth);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return false;
  s.task = task->currentIndex() == 1 ? ConnectionTask::Regression : ConnectionTask::Classification;
  s.train = {f->text().toStdString(), o->text().toStdString(), t->text().toStdString()};
  s.val = {vf->text().toStdString(), vo->text().toStdString(), vt->text().toStdString()};
  return true;
}

}  // namespace lreg::studio
