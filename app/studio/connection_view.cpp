#include "app/studio/connection_view.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <lreg/base/error.h>
#include "app/studio/connection_files_dialog.h"
#include "app/studio/exports.h"
#include "app/studio/painted_figure.h"

namespace lreg::studio {
namespace {

// The figure, painted from the session's state whenever Qt asks.
class Canvas : public QWidget {
 public:
  explicit Canvas(std::function<ConnectionPicture()> picture) : picture_(std::move(picture)) {
    setMinimumSize(480, 360);
    setAttribute(Qt::WA_OpaquePaintEvent);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    paintConnectionFigure(p, QRectF(rect()), picture_());
  }

 private:
  std::function<ConnectionPicture()> picture_;
};

QSpinBox* spin(int lo, int hi, int value) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setValue(value);
  return s;
}

}  // namespace

ConnectionView::ConnectionView(QWidget* parent) : QWidget(parent) {
  session_ = new ConnectionSession(this);
  canvas_ = new Canvas([this] { return picture(); });

  auto* data = new QGroupBox(tr("Frozen model's data"));
  auto* dataLayout = new QVBoxLayout(data);
  openButton_ = new QPushButton(tr("Open .npy Files…"));
  openButton_->setToolTip(
      tr("Features (e.g. penultimate activations), outputs (logits or predictions) and labels "
         "or targets of the frozen model; optionally a validation set"));
  demoButton_ = new QPushButton(tr("Fashion-MNIST Demo"));
  demoButton_->setToolTip(
      tr("Trains a small MLP on Fashion-MNIST, freezes it and attaches the "
         "connection to its features and logits"));
  demoNote_ = new QLabel;
  demoNote_->setWordWrap(true);
  dataText_ = new QLabel(tr("Nothing loaded."));
  dataText_->setWordWrap(true);
  for (QWidget* w : {static_cast<QWidget*>(openButton_), static_cast<QWidget*>(demoButton_),
                     static_cast<QWidget*>(demoNote_), static_cast<QWidget*>(dataText_)})
    dataLayout->addWidget(w);
  if (const std::string missing = fashionMissing(fashionDirectory()); !missing.empty()) {
    demoButton_->setEnabled(false);
    demoNote_->setText(QString::fromStdString(missing));
  }

  const ConnectionOptions defaults;
  auto* model = new QGroupBox(tr("Connection"));
  auto* form = new QFormLayout(model);
  components_ = spin(1, 4096, defaults.components);
  components_->setToolTip(tr("d: components of z = sigmoid(W x + b)"));
  dof_ = spin(2, 4096, defaults.dof);
  dof_->setToolTip(tr("n: nodes of each component's 1D mesh"));
  epochs_ = spin(1, 10000, 3);
  batch_ = spin(1, 1 << 20, defaults.batchSize);
  rate_ = new QDoubleSpinBox;
  rate_->setDecimals(4);
  rate_->setRange(1e-4, 10);
  rate_->setSingleStep(0.005);
  rate_->setValue(defaults.learningRate);
  rate_->setToolTip(tr("Adam rate of the coefficients c"));
  form->addRow(tr("Components d"), components_);
  form->addRow(tr("Nodes n"), dof_);
  form->addRow(tr("Epochs"), epochs_);
  form->addRow(tr("Batch"), batch_);
  form->addRow(tr("Learning rate"), rate_);
  trainButton_ = new QPushButton(tr("Train"));
  cancelButton_ = new QPushButton(tr("Cancel"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(trainButton_);
  buttons->addWidget(cancelButton_);
  form->addRow(buttons);
  status_ = new QLabel;
  status_->setWordWrap(true);
  form->addRow(status_);

  auto* show = new QGroupBox(tr("Show"));
  auto* showForm = new QFormLayout(show);
  component_ = spin(1, 1, 1);
  output_ = spin(0, 0, 0);
  showForm->addRow(tr("Component j"), component_);
  showForm->addRow(tr("Output (class) k"), output_);
  figureButton_ = new QPushButton(tr("Export Figure…"));
  saveButton_ = new QPushButton(tr("Save Model…"));
  showForm->addRow(figureButton_);
  showForm->addRow(saveButton_);

  auto* column = new QWidget;
  column->setFixedWidth(290);
  auto* columnLayout = new QVBoxLayout(column);
  columnLayout->addWidget(data);
  columnLayout->addWidget(model);
  columnLayout->addWidget(show);
  columnLayout->addStretch();
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(column);
  layout->addWidget(canvas_, 1);

  connect(openButton_, &QPushButton::clicked, this, &ConnectionView::openFiles);
  connect(demoButton_, &QPushButton::clicked, this, &ConnectionView::loadDemo);
  connect(trainButton_, &QPushButton::clicked, this, &ConnectionView::train);
  connect(cancelButton_, &QPushButton::clicked, session_, &ConnectionSession::cancel);
  connect(figureButton_, &QPushButton::clicked, this, &ConnectionView::exportFigureDialog);
  connect(saveButton_, &QPushButton::clicked, this, &ConnectionView::saveModelDialog);
  for (QSpinBox* s : {component_, output_})
    connect(s, &QSpinBox::valueChanged, canvas_, qOverload<>(&QWidget::update));

  ConnectionSession* s = session_;
  connect(s, &ConnectionSession::loadStarted, this, [this] {
    status_->setText(tr("Loading…"));
    updateState();
  });
  connect(s, &ConnectionSession::progress, status_, &QLabel::setText);
  connect(s, &ConnectionSession::loaded, this, &ConnectionView::dataChanged);
  connect(s, &ConnectionSession::loadFailed, this, [this](const QString& message) {
    status_->setText(tr("Loading failed; the data shown are kept."));
    emit errorReported(tr("Cannot load the connection's data"), message);
  });
  connect(s, &ConnectionSession::trainingFailed, this, [this](const QString& message) {
    emit errorReported(tr("Connection training failed"), message);
  });
  connect(s, &ConnectionSession::trainingStarted, this, &ConnectionView::updateState);
  connect(s, &ConnectionSession::epochFinished, this, &ConnectionView::updateState);
  connect(s, &ConnectionSession::trainingFinished, this, [this](bool cancelled) {
    updateState();
    if (cancelled) status_->setText(status_->text() + tr(" · cancelled"));
  });
  connect(s, &ConnectionSession::idle, this, &ConnectionView::updateState);
  updateState();
}

ConnectionPicture ConnectionView::picture() const {
  return ConnectionPicture::of(*session_, component_->value() - 1, output_->value());
}

ConnectionOptions ConnectionView::options() const {
  ConnectionOptions o;
  o.components = components_->value();
  o.dof = dof_->value();
  o.batchSize = batch_->value();
  o.learningRate = rate_->value();
  return o;
}

int ConnectionView::epochs() const {
  return epochs_->value();
}

void ConnectionView::setEpochs(int epochs) {
  epochs_->setValue(epochs);
}

void ConnectionView::showComponent(int component, int output) {
  component_->setValue(component + 1);
  output_->setValue(output);
}

void ConnectionView::train() {
  attempt(tr("Cannot train the connection"), [this] {
    session_->train(options(), epochs());
    status_->setText(tr("Starting: PCA of the features…"));
    updateState();
  });
}

void ConnectionView::loadDemo() {
  attempt(tr("Cannot open the Fashion-MNIST demo"), [this] { session_->loadDemo(); });
}

void ConnectionView::openFiles() {
  if (!askConnectionSources(this, sources_)) return;
  attempt(tr("Cannot load the connection's data"), [this] { session_->loadFiles(sources_); });
}

void ConnectionView::exportFigure(const QString& path, QSize size) const {
  const ConnectionPicture pic = picture();
  exportPainted([&pic](QPainter& p, const QRectF& r) { paintConnectionFigure(p, r, pic); }, path,
                size, tr("LReg connection"));
}

void ConnectionView::exportFigureDialog() {
  QSize size = canvas_->size();
  const QString path = askFigurePath(this, tr("Export Connection Figure"), "connection.png",
                                     tr(kFigureFilter), size);
  if (path.isEmpty()) return;
  attempt(tr("Cannot export the figure"), [&] { exportFigure(path, size); });
}

void ConnectionView::saveModelDialog() {
  const QString path =
      askSavePath(this, tr("Save Connection Model"), "connection.json", tr(kModelFilter));
  if (path.isEmpty()) return;
  attempt(tr("Cannot save the connection"), [&] { session_->saveModel(path); });
}

void ConnectionView::dataChanged() {
  const ConnectionSet& set = *session_->data();
  const ConnectionData& t = *set.train;
  QString text = tr("<b>%1</b><br>%2 training samples, %3 features, %4 outputs")
                     .arg(QString::fromStdString(set.name).toHtmlEscaped())
                     .arg(t.size())
                     .arg(t.inputs())
                     .arg(t.outputCount());
  if (set.val) text += tr("<br>%1 validation samples").arg(set.val->size());
  text += set.classification() ? tr("<br>base: cross-entropy %1, accuracy %2")
                                     .arg(set.base.loss, 0, 'f', 4)
                                     .arg(set.base.accuracy, 0, 'f', 4)
                               : tr("<br>base: MSE %1").arg(set.base.loss, 0, 'g', 5);
  dataText_->setText(text);
  components_->setMaximum(t.inputs());
  output_->setMaximum(t.outputCount() - 1);
  status_->setText(tr("Loaded. Train attaches a fresh connection."));
  updateState();
}

void ConnectionView::updateState() {
  const bool busy = session_->isBusy();
  const bool loaded = session_->data() != nullptr;
  openButton_->setEnabled(!busy);
  demoButton_->setEnabled(!busy && demoNote_->text().isEmpty());
  trainButton_->setEnabled(!busy && loaded);
  cancelButton_->setEnabled(busy);
  saveButton_->setEnabled(!busy && !session_->epochs().empty());
  figureButton_->setEnabled(loaded);
  if (const auto state = session_->state()) {
    component_->setMaximum(state->model.components());
    const ConnectionModel& m = state->model;
    QString text = tr("%1 trainable parameters ((C_in + 1) d + d n C = (%2 + 1)·%3 + %3·%4·%5)")
                       .arg(m.parameterCount())
                       .arg(m.inputs())
                       .arg(m.components())
                       .arg(m.dof())
                       .arg(m.outputs());
    if (!session_->epochs().empty()) {
      const ConnectionEpoch& e = session_->epochs().back();
      text += tr("<br>epoch %1/%2: loss %3")
                  .arg(e.epoch)
                  .arg(session_->epochsPlanned())
                  .arg(e.score.loss, 0, 'f', 4);
      if (session_->data()->classification())
        text += tr(", accuracy %1").arg(e.score.accuracy, 0, 'f', 4);
      text += tr(" (%1 s)").arg(e.seconds, 0, 'f', 1);
    } else if (busy) {
      text += tr("<br>epoch 1/%1…").arg(session_->epochsPlanned());
    }
    status_->setText(text);
  }
  canvas_->update();
}

QString ConnectionView::statusText() const {
  return status_->text();
}

void ConnectionView::attempt(const QString& title, const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    emit errorReported(title, QString::fromStdString(e.what()));
  }
}

}  // namespace lreg::studio
