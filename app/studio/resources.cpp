#include "app/studio/resources.h"

#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

#include <lreg/base/error.h>
#include <lreg/data/generators.h>

// The resources live in lreg_studio_lib, a static library: without a reference the linker
// would drop them (Q_INIT_RESOURCE must be called outside any namespace).
static void initStudioResources() {
  static const bool done = [] {
    Q_INIT_RESOURCE(studio);
    return true;
  }();
  (void)done;
}

namespace lreg::studio {

QIcon appIcon() {
  initStudioResources();
  return QIcon(QStringLiteral(":/lreg/lreg-studio.svg"));
}

QList<Sample> bundledSamples() {
  initStudioResources();
  QList<Sample> samples;
  const QDir dir(QStringLiteral(":/lreg/samples"));
  for (const QString& file : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
    Sample s;
    s.name = file.chopped(4);
    s.resource = dir.filePath(file);
    s.title = s.name;
    try {
      s.title += QString::fromUtf8(" — ") +
                 QString::fromStdString(findGenerator(s.name.toStdString()).description);
    } catch (const Error&) {
      // not made by a generator: the name alone
    }
    samples.push_back(s);
  }
  return samples;
}

std::string extractSample(const Sample& sample) {
  const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
  QString folder = cache.isEmpty() ? QString() : cache + "/samples";
  if (folder.isEmpty() || !QDir().mkpath(folder)) folder = QDir::tempPath();
  const QString path = folder + "/" + sample.name + ".csv";
  QFile in(sample.resource);
  QSaveFile out(path);
  if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) ||
      out.write(in.readAll()) < 0 || !out.commit())
    throw Error(path.toStdString() + ": cannot write the sample (" +
                out.errorString().toStdString() + ")");
  return path.toStdString();
}

QMenu* sampleMenu(QWidget* parent, const std::function<void(const DataRequest&)>& open) {
  auto* menu = new QMenu(QObject::tr("Open &Sample"), parent);
  menu->setToolTip(QObject::tr("Small data sets that come with the app"));
  for (const Sample& s : bundledSamples()) {
    menu->addAction(s.title, parent, [s, open, parent] {
      try {
        open(DataRequest::file(extractSample(s)));
      } catch (const Error& e) {
        QMessageBox::warning(parent, QObject::tr("Open Sample"), QString::fromStdString(e.what()));
      }
    });
  }
  return menu;
}

}  // namespace lreg::studio
