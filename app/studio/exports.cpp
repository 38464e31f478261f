#include "app/studio/exports.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QImage>
#include <QImageWriter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSpinBox>
#include <QWidget>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>

namespace lreg::studio {

bool askFigureSize(QWidget* parent, QSize& size) {
  QDialog dialog(parent);
  dialog.setWindowTitle(QObject::tr("Figure size"));
  auto* width = new QSpinBox;
  auto* height = new QSpinBox;
  for (QSpinBox* s : {width, height}) {
    s->setRange(16, 16384);
    s->setSuffix(QObject::tr(" px"));
  }
  width->setValue(size.width());
  height->setValue(size.height());
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  auto* form = new QFormLayout(&dialog);
  form->addRow(QObject::tr("Width"), width);
  form->addRow(QObject::tr("Height"), height);
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return false;
  size = QSize(width->value(), height->value());
  return true;
}

bool askPngSize(QWidget* parent, const QString& path, QSize& size) {
  return QFileInfo(path).suffix().toLower() != "png" || askFigureSize(parent, size);
}

void saveWindowPicture(QWidget* window, const QString& path, QSize size) {
  QImage image = window->grab().toImage();
  if (image.isNull()) throw Error(path.toStdString() + ": grabbing the window failed");
  if (image.size() != size) {
    image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  writeImage(image.convertToFormat(QImage::Format_RGB32), path);
}

void writeImage(const QImage& image, const QString& path) {
  replaceFileAtomically(path.toStdString(), [&](const std::string& temporary) {
    QImageWriter writer(QString::fromStdString(temporary), "png");
    if (!writer.write(image)) {
      throw Error(path.toStdString() +
                  ": cannot write the picture: " + writer.errorString().toStdString());
    }
  });
}

QString withExtension(const QString& path, const QString& selectedFilter) {
  if (!QFileInfo(path).suffix().isEmpty()) return path;
  // "PNG image (*.png)" -> ".png"
  const QRegularExpressionMatch m = QRegularExpression(R"(\*(\.\w+))").match(selectedFilter);
  return m.hasMatch() ? path + m.captured(1) : path;
}

QString askSavePath(QWidget* parent, const QString& title, const QString& name,
                    const QString& filters) {
  QString selected;
  const QString path = QFileDialog::getSaveFileName(parent, title, name, filters, &selected);
  return path.isEmpty() ? path : withExtension(path, selected);
}

QString askFigurePath(QWidget* parent, const QString& title, const QString& name,
                      const QString& filters, QSize& size) {
  const QString path = askSavePath(parent, title, name, filters);
  return path.isEmpty() || !askPngSize(parent, path, size) ? QString() : path;
}

}  // namespace lreg::studio
