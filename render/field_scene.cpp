#include "render/field_scene.h"

#include <vtkCamera.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkProp.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>
#include <limits>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include "render/field_colors.h"
#include "render/field_geometry.h"
#include "render/plot_axes.h"
#include "render/plot_style.h"

namespace lreg::render {
FieldScene::FieldScene(vtkRenderer* renderer) : renderer_(renderer) {
  renderer_->SetBackground(color::kBackground.r, color::kBackground.g, color::kBackground.b);
  title_ = vtkSmartPointer<vtkTextActor>::New();
  styleText(title_->GetTextProperty(), 16);
  title_->GetTextProperty()->SetVerticalJustificationToTop();
  title_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  title_->SetPosition(0.015, 0.975);
  addProp(title_);

  colorBar_ = vtkSmartPointer<vtkScalarBarActor>::New();
  colorBar_->SetNumberOfLabels(5);
  colorBar_->SetLabelFormat("%.3g");
  colorBar_->SetPosition(0.88, 0.12);
  colorBar_->SetWidth(0.1);
  colorBar_->SetHeight(0.76);
  colorBar_->SetBarRatio(0.3);
  colorBar_->UnconstrainedFontSizeOn();
  styleText(colorBar_->GetLabelTextProperty(), 13);
  styleText(colorBar_->GetTitleTextProperty(), 14);
  colorBar_->GetLabelTextProperty()->SetJustificationToLeft();
  colorBar_->SetVisibility(false);
  addProp(colorBar_);
}

FieldScene::~FieldScene() {
  for (const auto& prop : props_) renderer_->RemoveViewProp(prop);
}

vtkScalarBarActor* FieldScene::colorBar() const {
  return colorBar_;
}

vtkLookupTable* FieldScene::colors() const {
  return colors_;
}

void FieldScene::addProp(vtkProp* prop) {
  props_.emplace_back(prop);
  renderer_->AddViewProp(prop);
}

void FieldScene::setDomain(const Vector& lo, const Vector& hi) {
  if (lo.size() != dim() || hi.size() != dim()) {
    throw Error("the view's input box needs " + std::to_string(dim()) + " coordinates");
  }
  lo_ = lo;
  hi_ = hi;
  update();
}

void FieldScene::setData(const RowMatrix& inputs, const RowMatrix& targets) {
  if (inputs.rows() != targets.rows() || (inputs.rows() > 0 && inputs.cols() != dim())) {
    throw Error("the view's data need #N by " + std::to_string(dim()) +
                " inputs and as many target rows");
  }
  // An even stride of at most kMaxFieldPoints rows: the residual colours are recomputed for
  // every snapshot and must stay cheap on big data (and the view needs no copy of all of it).
  const long all = inputs.rows(), kept = std::min(all, kMaxFieldPoints);
  inputs_.resize(kept, inputs.cols());
  targets_.resize(kept, targets.cols());
  for (long k = 0; k < kept; ++k) {
    inputs_.row(k) = inputs.row(kept == all ? k : k * all / kept);
    targets_.row(k) = targets.row(kept == all ? k : k * all / kept);
  }
  glyphRows_.clear();
  const long n = kept, m = std::min(n, kMaxFieldGlyphs);
  for (long k = 0; k < m; ++k) glyphRows_.push_back(m == n ? k : k * n / m);
  update();
}

void FieldScene::setSnapshot(const Snapshot& snapshot) {
  if (snapshot.dim != dim()) {
    throw Error("this view draws " + std::to_string(dim()) + "D models, not " +
                std::to_string(snapshot.dim) + "D");
  }
  ensureDomain();
  const int output = options_.output < snapshot.coefficients.cols() ? options_.output : 0;
  MeshField field(snapshot, lo_, hi_, output);  // throws on a bad snapshot: nothing changed yet
  snapshot_ = snapshot;
  options_.output = output;
  field_.emplace(std::move(field));  // built once per snapshot (its point locator is not free)
  if (selected_ >= snapshot.nodes.rows()) selected_ = -1;
  redraw();
}

void FieldScene::clearSnapshot() {
  snapshot_.reset();
  selected_ = -1;
  update();
}

void FieldScene::setOptions(const FieldViewOptions& options) {
  const bool flatBefore = flatView(), newOutput = options.output != options_.output;
  options_ = options;
  newOutput ? update() : redraw();  // the field depends on the output only
  if (flatView() != flatBefore) resetView();
}

void FieldScene::setTitle(const std::string& title) {
  title_->SetInput(title.c_str());
}

void FieldScene::setNames(const std::vector<std::string>& inputs,
                          const std::vector<std::string>& outputs) {
  inputNames_ = inputs;
  outputNames_ = outputs;
  update();
}

void FieldScene::setSelectedNode(int node) {
  selected_ = node >= 0 && node < nodeCount() ? node : -1;
  update();
}

void FieldScene::copyFrom(const FieldScene& other) {
  if (other.dim() != dim()) throw Error("cannot copy a view of another dimension");
  lo_ = other.lo_;
  hi_ = other.hi_;
  inputs_ = other.inputs_;
  targets_ = other.targets_;
  glyphRows_ = other.glyphRows_;
  snapshot_ = other.snapshot_;
  options_ = other.options_;
  inputNames_ = other.inputNames_;
  outputNames_ = other.outputNames_;
  selected_ = other.selected_;
  title_->SetInput(other.title_->GetInput());
  update();
  renderer_->GetActiveCamera()->DeepCopy(other.renderer_->GetActiveCamera());
  cameraSet_ = true;
}

const std::string& FieldScene::inputName(int axis) const {
  static const std::string fallback[3] = {"x1", "x2", "x3"};
  return axis < int(inputNames_.size()) ? inputNames_[size_t(axis)] : fallback[axis];
}

std::string FieldScene::colorTitle() const {
  const int c = options_.output;
  const std::string name = axisTitle(  // centred over the bar at the view's right edge
      c < int(outputNames_.size()) ? outputNames_[size_t(c)] : "y" + std::to_string(c + 1), 18);
  return options_.colorBy == ColorBy::Value ? name : "|" + name + " residual|\n(local RMS)";
}

void FieldScene::ensureDomain() {
  if (lo_.size() == dim()) return;
  lo_ = Vector::Zero(dim());
  hi_ = Vector::Ones(dim());
}

void FieldScene::update() {
  ensureDomain();
  field_.reset();
  if (snapshot_) {
    if (options_.output >= snapshot_->coefficients.cols()) options_.output = 0;
    field_.emplace(*snapshot_, lo_, hi_, options_.output);
  }
  redraw();
}

void FieldScene::redraw() {
  nodeColors_.resize(0);
  if (field_) {
    const bool residual = options_.colorBy == ColorBy::Residual && inputs_.rows() > 0;
    if (options_.colorBy == ColorBy::Residual && !residual) options_.colorBy = ColorBy::Value;
    nodeColors_ = residual ? field_->nodeResidualRms(inputs_, targets_.col(options_.output))
                           : field_->values();
    colorRange_ = {residual ? 0.0 : nodeColors_.minCoeff(), nodeColors_.maxCoeff()};
  }
  colors_ = fieldColors(options_.colorBy, colorRange_[0], colorRange_[1]);
  colorBar_->SetLookupTable(colors_);
  // Round values (1, 2 or 5 times a power of ten) inside the range, not its ends split evenly
  // ("0.00305" for the middle of [-1.06, 1.06]).
  const double* range = colors_->GetTableRange();
  vtkNew<vtkDoubleArray> ticks;
  for (double v : niceTicks(range[0], range[1], 5)) ticks->InsertNextValue(v);
  colorBar_->SetCustomLabels(ticks);
  colorBar_->SetUseCustomLabels(ticks->GetNumberOfValues() >= 2);
  colorBar_->SetTitle(colorTitle().c_str());
  colorBar_->SetVisibility(field_.has_value());
  rebuild();
  if (!cameraSet_) resetView();
}

std::vector<double> FieldScene::nodeInput(int node) const {
  std::vector<double> x;
  if (!field_ || node < 0 || node >= nodeCount()) return x;
  for (int a = 0; a < dim(); ++a) x.push_back(field_->raw(a, field_->mesh().nodes(node, a)));
  return x;
}

Point2 FieldScene::nodePixel(int node) const {
  const std::array<double, 3> w = nodeWorld(node);
  renderer_->SetWorldPoint(w[0], w[1], w[2], 1.0);
  renderer_->WorldToDisplay();
  double p[3];
  renderer_->GetDisplayPoint(p);
  return {p[0], p[1]};
}

int FieldScene::nodeAtPixel(double px, double py, double maxPixels) const {
  int best = -1;
  double bestDistance = maxPixels;
  for (int i = 0; i < nodeCount(); ++i) {
    if (!nodeVisible(i)) continue;
    const Point2 p = nodePixel(i);
    const double d = std::hypot(p.x - px, p.y - py);
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

std::string FieldScene::nodeText(int node) const {
  if (!field_ || node < 0 || node >= nodeCount()) return {};
  const std::vector<double> x = nodeInput(node);
  std::string s = "node " + std::to_string(node) + ": (";
  for (size_t a = 0; a < x.size(); ++a) s += (a ? ", " : "") + significant(x[a], 4);
  s += "), c" + std::to_string(node) + " = ";
  const RowMatrix& c = snapshot_->coefficients;
  for (long k = 0; k < c.cols(); ++k) s += (k ? ", " : "") + significant(c(node, k), 4);
  return s + " (basis ψ" + std::to_string(node) + " shown)";
}

void FieldScene::pan(double dx, double dy) {
  vtkCamera* camera = renderer_->GetActiveCamera();
  if (flatView()) {
    // Move the camera against the drag, in world units of the parallel projection.
    const int* size = renderer_->GetSize();
    const double perPixel = 2 * camera->GetParallelScale() / std::max(1, size[1]);
    double f[3], p[3];
    camera->GetFocalPoint(f);
    camera->GetPosition(p);
    f[0] -= dx * perPixel;
    f[1] -= dy * perPixel;
    p[0] -= dx * perPixel;
    p[1] -= dy * perPixel;
    camera->SetFocalPoint(f);
    camera->SetPosition(p);
  } else {
    camera->Azimuth(-0.4 * dx);
    camera->Elevation(-0.4 * dy);
    camera->OrthogonalizeViewUp();
  }
  renderer_->ResetCameraClippingRange();
}

void FieldScene::zoom(double, double, double fx, double fy) {
  vtkCamera* camera = renderer_->GetActiveCamera();
  const double f = std::sqrt(fx * fy);  // the views keep their aspect: one factor
  if (camera->GetParallelProjection()) {
    camera->SetParallelScale(camera->GetParallelScale() / f);
  } else {
    camera->Dolly(f);
  }
  renderer_->ResetCameraClippingRange();
}

void FieldScene::resetView() {
  resetCamera();
  cameraSet_ = true;
  renderer_->ResetCameraClippingRange();
}

bool FieldScene::dataAt(double px, double py, double& x, double& y) const {
  x = px;
  y = py;
  return true;
}

}  // namespace lreg::render
