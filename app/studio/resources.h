// What the app carries inside it (resources/studio.qrc): its icon and small sample data sets
// for File > Open Sample.
#pragma once

#include <QIcon>
#include <QList>
#include <QString>

#include <functional>

#include "app/studio/data_bundle.h"

class QMenu;
class QWidget;

namespace lreg::studio {

/// The window icon (resources/lreg-studio.svg).
QIcon appIcon();

struct Sample {
  QString name;      ///< "B1": the generator that made it
  QString title;     ///< for the menu: "B1 — x = 1/V, V ~ U(1, 50), y ~ N(sin(1/x), 0.01)"
  QString resource;  ///< ":/lreg/samples/B1.csv"
};

/// The bundled samples, by name.
QList<Sample> bundledSamples();

/// Writes the sample to the app's cache folder and returns the file's path (the CSV reader
/// reads files). Throws Error naming the file when it cannot be written.
std::string extractSample(const Sample& sample);

/// "Open Sample" with one action per bundled sample; `open` gets the CSV request to load.
QMenu* sampleMenu(QWidget* parent, const std::function<void(const DataRequest&)>& open);

}  // namespace lreg::studio
