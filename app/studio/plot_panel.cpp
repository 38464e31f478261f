#include "app/studio/plot_panel.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QVBoxLayout>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include "core/error.h"
#include "render/figure_export.h"
#include "render/scene1d.h"
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
  if (view_) view_->setNavigator(nullptr);  // the scene goes before the view
}

void PlotPanel::refresh() {
  if (view_) view_->renderLater();
}

void PlotPanel::setData(const DataBundle& data) {
  dataLo_ = data.xLo;
  dataHi_ = data.xHi;
  modelShown_ = false;
  scene_->clearSnapshot();
  scene_->setDomain(dataLo_, dataHi_);
  scene_->setData(data.shownX, data.shownY);
  scene_->setTruth(data.truthX, data.truthY);
  const auto& in = data.train.inputNames;
  const auto& out = data.train.outputNames;
  scene_->setAxisTitles(in.empty() ? "x" : in[0], out.empty() ? "y" : out[0]);
  scene_->resetView();
  refresh();
}

void PlotPanel::clearData() {
  scene_->clearSnapshot();
  scene_->setData({}, {});
  scene_->setTruth({}, {});
  refresh();
}

void PlotPanel::showSnapshot(const Snapshot& snapshot, const QString& title) {
  if (modelShown_) {
    scene_->setDomain(dataLo_, dataHi_);
    modelShown_ = false;
  }
  scene_->setSnapshot(snapshot);
  scene_->setTitle(title.toStdString());
  refresh();
}

void PlotPanel::showModel(const Model& model, const QString& title) {
  if (model.dim != 1) {
    throw Error("this model has " + std::to_string(model.dim) +
                " inputs; the view shows 1D models for now");
  }
  Snapshot s;
  s.dim = 1;
  s.nodes = model.nodes;
  s.simplices = model.simplices;
  s.coefficients = model.coefficients;
  scene_->setSnapshot(s);  // throws before anything changes when the shapes are wrong
  scene_->setDomain(model.normalizer.lo[0], model.normalizer.hi[0]);
  scene_->setTitle(title.toStdString());
  scene_->resetView();
  modelShown_ = true;
  refresh();
}

void PlotPanel::selectNode(int node) {
  scene_->setSelectedNode(node);
  refresh();
  emit nodeSelected(scene_->selectedNode());
}

void PlotPanel::fitView() {
  scene_->resetView();
  refresh();
}

void PlotPanel::onClicked(QPointF pixel) {
  selectNode(scene_->nodeAtPixel(pixel.x(), pixel.y()));
}

void PlotPanel::exportFigure(const std::string& path, int width, int height) const {
  render::exportScene(*scene_, path, width, height);
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
