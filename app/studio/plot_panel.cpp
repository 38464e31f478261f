#include "app/studio/plot_panel.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QVBoxLayout>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <lreg/base/error.h>
#include "app/studio/view_controls.h"
#include "render/field_scene.h"
#include "render/scene1d.h"
#include "render/snapshot_scene.h"
#include "render/vtk_view_widget.h"

namespace lreg::studio {
namespace {

// The bridge widget, timing its paints: with software OpenGL a frame can take tens of
// milliseconds of the UI thread, and the main window spaces its frames by that cost.
class TimedView : public render::VtkViewWidget {
 public:
  double lastPaintMs() const { return lastPaintMs_; }
  /// The last paint at full quality (multisampled).
  double fullPaintMs() const { return fullPaintMs_; }

 protected:
  void paintGL() override {
    QElapsedTimer clock;
    clock.start();
    VtkViewWidget::paintGL();
    lastPaintMs_ = clock.nsecsElapsed() / 1e6;
    if (renderWindow()->GetMultiSamples() > 0) fullPaintMs_ = lastPaintMs_;
  }

 private:
  double lastPaintMs_ = 0, fullPaintMs_ = 0;
};

}  // namespace

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  controls_ = new ViewControls;
  layout->addWidget(controls_);
  connect(controls_, &ViewControls::optionsChanged, this,
          [this](const render::FieldViewOptions& options) {
            setViewOptions(options);
            emit viewOptionsChanged(controls_->options());
          });
  if (render::VtkViewWidget::isSupported()) {
    view_ = new TimedView;
    view_->setMinimumSize(320, 220);
    renderer_ = view_->renderer();
    fullSamples_ = view_->renderWindow()->GetMultiSamples();
    layout->addWidget(view_);
    connect(view_, &render::VtkViewWidget::clicked, this,
            [this](double, double, QPointF pixel) { onClicked(pixel); });
  } else {
    renderer_ = vtkSmartPointer<vtkRenderer>::New();
    placeholder_ = new QLabel(tr("The plot needs OpenGL, which this Qt platform (%1) cannot host.\n"
                                 "Run LReg Studio on a display, or under Xvfb:\n"
                                 "xvfb-run -a -s \"-screen 0 1280x800x24\" lreg-studio")
                                  .arg(QGuiApplication::platformName()));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setMinimumSize(320, 220);
    placeholder_->setStyleSheet(
        "QLabel { background: white; color: #555; border: 1px solid #ccc; }");
    layout->addWidget(placeholder_);
  }
  scene_ = render::makeScene(1, renderer_);
  if (view_) view_->setNavigator(scene_.get());  // drag pans, the wheel zooms, 'r' resets
}

PlotPanel::~PlotPanel() {
  if (view_) view_->setNavigator(nullptr);  // the scene goes before the view
}

const render::Scene1D* PlotPanel::scene1D() const {
  return dynamic_cast<const render::Scene1D*>(scene_.get());
}

const render::FieldScene* PlotPanel::fieldScene() const {
  return dynamic_cast<const render::FieldScene*>(scene_.get());
}

int PlotPanel::dim() const {
  return scene_->dim();
}

void PlotPanel::useDimension(int dim) {
  if (dim == scene_->dim()) return;
  if (view_) view_->setNavigator(nullptr);
  scene_.reset();  // its props leave the renderer before the new scene adds its own
  scene_ = render::makeScene(dim, renderer_);
  controls_->configure(dim, {}, {});
  scene_->setOptions(controls_->options());
  if (view_) view_->setNavigator(scene_.get());
}

void PlotPanel::setNames(const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs) {
  scene_->setNames(inputs, outputs);
  controls_->configure(scene_->dim(), inputs, outputs);
  scene_->setOptions(controls_->options());
}

int PlotPanel::selectedNode() const {
  return scene_->selectedNode();
}

QString PlotPanel::nodeText(int node) const {
  return QString::fromStdString(scene_->nodeText(node));
}

render::FieldViewOptions PlotPanel::viewOptions() const {
  return controls_->options();
}

void PlotPanel::setViewOptions(const render::FieldViewOptions& options) {
  controls_->setOptions(options);
  scene_->setOptions(controls_->options());
  refresh();
}

void PlotPanel::refresh() {
  if (view_) view_->renderLater();
}

void PlotPanel::setData(const DataBundle& data) {
  dataLo_ = data.lo;
  dataHi_ = data.hi;
  modelShown_ = false;
  useDimension(data.dim());
  scene_->clearSnapshot();
  scene_->setDomain(dataLo_, dataHi_);
  scene_->setData(data.shownInputs, data.shownTargets);
  scene_->setTruth(data.truthX, data.truthY);
  setNames(data.train.inputNames, data.train.outputNames);
  scene_->setTitle(data.name);
  scene_->resetView();
  refresh();
}

void PlotPanel::clearData() {
  scene_->clearSnapshot();
  scene_->setData(RowMatrix(), RowMatrix());
  scene_->setTruth({}, {});
  refresh();
}

void PlotPanel::showSnapshot(const Snapshot& snapshot, const QString& title) {
  if (snapshot.dim != dim()) {
    // A snapshot without matching data: its own unit box, outputs named by number.
    useDimension(snapshot.dim);
    dataLo_ = Vector::Zero(snapshot.dim);
    dataHi_ = Vector::Ones(snapshot.dim);
    modelShown_ = true;
    setNames({}, std::vector<std::string>(size_t(snapshot.coefficients.cols()), ""));
  }
  if (modelShown_) {  // back in the data's box after a model was shown
    scene_->setDomain(dataLo_, dataHi_);
    modelShown_ = false;
  }
  scene_->setSnapshot(snapshot);
  scene_->setTitle(title.toStdString());
  refresh();
}

void PlotPanel::showModel(const Model& model, const QString& title) {
  model.validate();  // throws before anything changes
  if (model.dim < 1 || model.dim > 3) {
    throw Error("this model has " + std::to_string(model.dim) +
                " inputs; the view shows models with 1 to 3 inputs");
  }
  Snapshot s;
  s.dim = model.dim;
  s.nodes = model.nodes;
  s.simplices = model.simplices;
  s.coefficients = model.coefficients;
  useDimension(model.dim);
  scene_->setDomain(model.normalizer.lo, model.normalizer.hi);
  scene_->setSnapshot(s);
  setNames(model.inputNames, model.outputNames);
  scene_->setTitle(title.toStdString());
  scene_->resetView();
  modelShown_ = true;
  refresh();
}

void PlotPanel::selectNode(int node) {
  scene_->setSelectedNode(node);
  refresh();
  emit nodeSelected(selectedNode());
}

void PlotPanel::fitView() {
  scene_->resetView();
  refresh();
}

void PlotPanel::onClicked(QPointF pixel) {
  selectNode(scene_->nodeAtPixel(pixel.x(), pixel.y()));
}

void PlotPanel::exportFigure(const std::string& path, int width, int height) const {
  scene_->exportFigure(path, width, height);
}

double PlotPanel::lastPaintMs() const {
  return view_ ? static_cast<const TimedView*>(view_)->lastPaintMs() : 0.0;
}

void PlotPanel::setDraft(bool on) {
  if (!view_) return;
  constexpr double kSlowFrameMs = 20;  // a GPU draws this plot in a few milliseconds
  on = on && static_cast<const TimedView*>(view_)->fullPaintMs() > kSlowFrameMs;
  if (on == draft_) return;
  draft_ = on;
  view_->renderWindow()->SetMultiSamples(on ? 0 : fullSamples_);
  view_->renderLater();
}

QImage PlotPanel::grabView() {
  return view_ ? view_->grabFramebuffer() : QImage();
}

}  // namespace lreg::studio
