#include "app/studio/plot_panel.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QVBoxLayout>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <lreg/base/error.h>
#include "app/studio/view_controls.h"
#include "render/figure_export.h"
#include "render/scene1d.h"
#include "render/scene2d.h"
#include "render/scene3d.h"
#include "render/scene_export.h"
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
          [this](const render::FieldViewOptions& options) { setViewOptions(options); });
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
  scene_ = std::make_unique<render::Scene1D>(renderer_);
  if (view_) view_->setNavigator(scene_.get());  // drag pans, the wheel zooms, 'r' resets
}

PlotPanel::~PlotPanel() {
  if (view_) view_->setNavigator(nullptr);  // the scenes go before the view
}

void PlotPanel::useDimension(int dim) {
  if (dim == dim_ && (dim == 1 || field_)) return;
  dim_ = dim;
  field_.reset();
  if (dim == 2) field_ = std::make_unique<render::Scene2D>(renderer_);
  if (dim == 3) field_ = std::make_unique<render::Scene3D>(renderer_);
  if (field_) field_->setOptions(controls_->options());
  scene_->setVisible(dim == 1);
  if (view_) {
    view_->setNavigator(field_ ? static_cast<render::PlotNavigator*>(field_.get())
                               : static_cast<render::PlotNavigator*>(scene_.get()));
  }
  if (dim == 1) controls_->configure(1, {}, {});
}

void PlotPanel::configureControls(const std::vector<std::string>& inputs,
                                  const std::vector<std::string>& outputs) {
  controls_->configure(dim_, inputs, outputs);
  if (field_) field_->setOptions(controls_->options());
}

int PlotPanel::selectedNode() const {
  return field_ ? field_->selectedNode() : scene_->selectedNode();
}

QString PlotPanel::nodeText(int node) const {
  if (field_) return QString::fromStdString(field_->nodeText(node));
  if (node < 0 || node >= scene_->nodeCount()) return {};
  const render::Point2 p = scene_->nodePosition(node);
  return tr("node %1: x = %2, c%1 = %3 (basis ψ%1 shown)")
      .arg(node)
      .arg(p.x, 0, 'g', 4)
      .arg(p.y, 0, 'g', 4);
}

render::FieldViewOptions PlotPanel::viewOptions() const {
  return controls_->options();
}

void PlotPanel::setViewOptions(const render::FieldViewOptions& options) {
  controls_->setOptions(options);
  if (field_) field_->setOptions(controls_->options());
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
  const auto& in = data.train.inputNames;
  const auto& out = data.train.outputNames;
  scene_->clearSnapshot();
  if (field_) {
    scene_->setData({}, {});
    scene_->setTruth({}, {});
    field_->clearSnapshot();
    field_->setDomain(dataLo_, dataHi_);
    field_->setNames(in, out);
    field_->setData(data.shownInputs, data.shownTargets);
    configureControls(in, out);
    field_->setTitle(data.name);
    field_->resetView();
  } else {
    scene_->setDomain(dataLo_[0], dataHi_[0]);
    scene_->setData(data.shownX, data.shownY);
    scene_->setTruth(data.truthX, data.truthY);
    scene_->setAxisTitles(in.empty() ? "x" : in[0], out.empty() ? "y" : out[0]);
    scene_->resetView();
  }
  refresh();
}

void PlotPanel::clearData() {
  scene_->clearSnapshot();
  scene_->setData({}, {});
  scene_->setTruth({}, {});
  if (field_) {
    field_->clearSnapshot();
    field_->setData(RowMatrix(), RowMatrix());
  }
  refresh();
}

void PlotPanel::showSnapshot(const Snapshot& snapshot, const QString& title) {
  if (snapshot.dim != dim_) {
    // A snapshot without matching data: its own unit box, outputs named by number.
    useDimension(snapshot.dim);
    dataLo_ = Vector::Zero(snapshot.dim);
    dataHi_ = Vector::Ones(snapshot.dim);
    modelShown_ = true;
    if (field_) {
      configureControls({}, std::vector<std::string>(size_t(snapshot.coefficients.cols()), ""));
    }
  }
  if (field_) {
    if (modelShown_) {
      field_->setDomain(dataLo_, dataHi_);
      modelShown_ = false;
    }
    field_->setSnapshot(snapshot);
    field_->setTitle(title.toStdString());
  } else {
    if (modelShown_) {
      scene_->setDomain(dataLo_[0], dataHi_[0]);
      modelShown_ = false;
    }
    scene_->setSnapshot(snapshot);
    scene_->setTitle(title.toStdString());
  }
  refresh();
}

void PlotPanel::showModel(const Model& model, const QString& title) {
  if (model.dim < 1 || model.dim > 3) {
    throw Error("this model has " + std::to_string(model.dim) +
                " inputs; the view shows models with 1 to 3 inputs");
  }
  Snapshot s;
  s.dim = model.dim;
  s.nodes = model.nodes;
  s.simplices = model.simplices;
  s.coefficients = model.coefficients;
  if (model.dim == 1) {
    scene_->setSnapshot(s);  // throws before anything changes when the shapes are wrong
    useDimension(1);
    scene_->setDomain(model.normalizer.lo[0], model.normalizer.hi[0]);
    scene_->setTitle(title.toStdString());
    scene_->resetView();
  } else {
    useDimension(model.dim);
    field_->setDomain(model.normalizer.lo, model.normalizer.hi);
    field_->setSnapshot(s);
    field_->setNames(model.inputNames, model.outputNames);
    configureControls(model.inputNames, model.outputNames);
    field_->setTitle(title.toStdString());
    field_->resetView();
  }
  modelShown_ = true;
  refresh();
}

void PlotPanel::selectNode(int node) {
  if (field_) {
    field_->setSelectedNode(node);
  } else {
    scene_->setSelectedNode(node);
  }
  refresh();
  emit nodeSelected(selectedNode());
}

void PlotPanel::fitView() {
  if (field_) {
    field_->resetView();
  } else {
    scene_->resetView();
  }
  refresh();
}

void PlotPanel::onClicked(QPointF pixel) {
  selectNode(field_ ? field_->nodeAtPixel(pixel.x(), pixel.y())
                    : scene_->nodeAtPixel(pixel.x(), pixel.y()));
}

void PlotPanel::exportFigure(const std::string& path, int width, int height) const {
  if (field_) {
    render::exportScene(*field_, path, width, height);
  } else {
    render::exportScene(*scene_, path, width, height);
  }
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
