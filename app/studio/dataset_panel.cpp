#include "app/studio/dataset_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <lreg/data/generators.h>

namespace lreg::studio {

DatasetPanel::DatasetPanel(QWidget* parent) : QGroupBox(tr("Dataset"), parent) {
  generator_ = new QComboBox;
  for (const GeneratorInfo& info : generators()) {
    const QString name = QString::fromStdString(info.name);
    generator_->addItem(info.dim == 1 ? name : tr("%1 (%2D)").arg(name).arg(info.dim), name);
    generator_->setItemData(generator_->count() - 1, QString::fromStdString(info.description),
                            Qt::ToolTipRole);
  }
  points_ = new QSpinBox;
  points_->setRange(2, 10'000'000);
  points_->setGroupSeparatorShown(true);
  points_->setKeyboardTracking(false);
  points_->setToolTip(tr("Training points (the test set keeps the paper's size)"));
  noise_ = new QDoubleSpinBox;
  noise_->setRange(0, 10);
  noise_->setSingleStep(0.1);
  noise_->setValue(1.0);
  noise_->setToolTip(tr("Multiplies the noise standard deviation (0: noise-free)"));
  seed_ = new QSpinBox;
  seed_->setRange(0, 1'000'000'000);
  seed_->setValue(1);

  generate_ = new QPushButton(tr("Generate"));
  generate_->setToolTip(tr("Draw the data set with these parameters"));
  openFile_ = new QPushButton(tr("Open Data…"));
  openFile_->setToolTip(
      tr("A CSV with a header (1 to 3 input columns, then y) or a NumPy .npy array (or drop "
         "the file on the window)"));

  title_ = new QLabel;
  title_->setStyleSheet("font-weight: bold;");
  summary_ = new QLabel(tr("No data loaded"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setStyleSheet("color: #444;");

  auto* form = new QFormLayout;
  form->addRow(tr("Generator"), generator_);
  form->addRow(tr("Points"), points_);
  form->addRow(tr("Noise ×"), noise_);
  form->addRow(tr("Seed"), seed_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(generate_);
  buttons->addWidget(openFile_);
  // What is loaded comes first; the generator's controls below describe the next draw, not the
  // loaded data (a loaded file would otherwise seem to come from the generator still shown).
  auto* next = new QLabel(tr("New data"));
  next->setStyleSheet("font-weight: bold; margin-top: 6px;");
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(summary_);
  layout->addWidget(next);
  layout->addLayout(form);
  layout->addLayout(buttons);

  connect(generator_, &QComboBox::currentIndexChanged, this, &DatasetPanel::generatorChanged);
  connect(generate_, &QPushButton::clicked, this,
          [this] { emit generateRequested(generatorRequest()); });
  connect(openFile_, &QPushButton::clicked, this, &DatasetPanel::openFileRequested);
  generator_->setCurrentIndex(generator_->findData("C"));
  generatorChanged();
}

void DatasetPanel::generatorChanged() {
  const std::string name = generator_->currentData().toString().toStdString();
  points_->setValue(int(findGenerator(name).trainSize));
}

DataRequest DatasetPanel::generatorRequest() const {
  return DataRequest::generated(generator_->currentData().toString().toStdString(),
                                points_->value(), noise_->value(), std::uint64_t(seed_->value()));
}

void DatasetPanel::showData(const DataBundle& data) {
  const DataRequest& r = data.request;
  if (r.kind == DataRequest::Kind::Generator) {
    const QSignalBlocker block(generator_);
    generator_->setCurrentIndex(generator_->findData(QString::fromStdString(data.name)));
    points_->setValue(int(data.train.size()));
    noise_->setValue(r.noiseScale);
    seed_->setValue(int(r.seed));
    shownTitle_ = tr("%1 (seed %2)").arg(QString::fromStdString(data.name)).arg(r.seed);
  } else {
    shownTitle_ = QString::fromStdString(data.name);
  }
  title_->setText(shownTitle_);
  title_->setToolTip(QString::fromStdString(data.description));
  summary_->setText(QString::fromStdString(data.summary + "\n" + data.description));
}

void DatasetPanel::setLoading(bool loading) {
  generate_->setEnabled(!loading);
  openFile_->setEnabled(!loading);
  title_->setText(loading ? tr("Loading…") : shownTitle_);
}

QString DatasetPanel::summaryText() const {
  return title_->text() + "\n" + summary_->text();
}

}  // namespace lreg::studio
