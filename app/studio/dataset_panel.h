// The dataset panel: what is loaded (name, summary), then the next draw: the paper's generators
// with size, noise and seed, "Open Data…" (CSV or .npy).
// It only asks for data (signals); the main window loads it.
#pragma once

#include <QGroupBox>

#include "app/studio/studio_metatypes.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace lreg::studio {

class DatasetPanel : public QGroupBox {
  Q_OBJECT

 public:
  explicit DatasetPanel(QWidget* parent = nullptr);

  /// The generator request the controls describe.
  DataRequest generatorRequest() const;
  /// Shows a loaded data set (name, summary) and, for generated data, its parameters.
  void showData(const DataBundle& data);
  /// While loading, the buttons are off and the summary says so.
  void setLoading(bool loading);
  QString summaryText() const;

 signals:
  void generateRequested(const lreg::studio::DataRequest& request);
  void openFileRequested();

 private:
  void generatorChanged();

  QComboBox* generator_;
  QSpinBox* points_;
  QDoubleSpinBox* noise_;
  QSpinBox* seed_;
  QPushButton* generate_;
  QPushButton* openFile_;
  QLabel* title_;
  QLabel* summary_;
  QString shownTitle_;  // the loaded data set's name, shown again after a failed load
};

}  // namespace lreg::studio
