#include "render/scene1d.h"

#include <vtkContextActor.h>
#include <vtkContextItem.h>
#include <vtkContextScene.h>
#include <vtkObjectFactory.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include "render/figure_export.h"
#include "render/plot_style.h"

namespace lreg::render {
namespace {

constexpr double kXPad = 0.02;  // view margin left and right of the domain, relative
constexpr double kYPad = 0.06;  // view margin above and below the data, relative
// Up to this many points (and no truth) the error is drawn as residual segments; beyond, they
// would only paint a solid band (and cost software rasterizers most of a frame).
constexpr size_t kMaxResiduals = 4000;

// The context item that hands painting to the scene.
class Scene1DItem : public vtkContextItem {
 public:
  static Scene1DItem* New();
  vtkTypeMacro(Scene1DItem, vtkContextItem);
  bool Paint(vtkContext2D* painter) override {
    if (scene) scene->paint(painter);
    return true;
  }
  Scene1D* scene = nullptr;
};
vtkStandardNewMacro(Scene1DItem);

// "₁₂" for 12: the index in Unicode subscript digits (UTF-8).
std::string subscript(int i) {
  static const char* digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out;
  for (char c : std::to_string(i)) out += digits[c - '0'];
  return out;
}

}  // namespace

Scene1D::Scene1D(vtkRenderer* renderer) : renderer_(renderer) {
  renderer_->SetBackground(color::kBackground.r, color::kBackground.g, color::kBackground.b);
  auto item = vtkSmartPointer<Scene1DItem>::New();
  item->scene = this;
  actor_ = vtkSmartPointer<vtkContextActor>::New();
  actor_->GetScene()->AddItem(item);
  renderer_->AddActor(actor_);
}

Scene1D::~Scene1D() {
  // The item may outlive us (VTK reference counts): make sure it never calls back.
  static_cast<Scene1DItem*>(actor_->GetScene()->GetItem(0))->scene = nullptr;
  renderer_->RemoveActor(actor_);
}

// --- inputs ------------------------------------------------------------------------------------

void Scene1D::setDomain(double lo, double hi) {
  lo_ = lo;
  hi_ = hi > lo ? hi : lo + 1;
  rebuild();
}

void Scene1D::setDomain(const Vector& lo, const Vector& hi) {
  if (lo.size() != 1 || hi.size() != 1) {
    throw Error("the 1D view needs a one-input domain, not " + std::to_string(lo.size()) +
                " inputs");
  }
  setDomain(lo[0], hi[0]);
}

void Scene1D::setData(const RowMatrix& inputs, const RowMatrix& targets) {
  if (inputs.rows() == 0 && targets.rows() == 0) {
    setData(Vector(), Vector());
    return;
  }
  if (inputs.cols() < 1 || targets.cols() < 1)
    throw Error("Scene1D::setData: the points need an input and a target column");
  setData(Vector(inputs.col(0)), Vector(targets.col(0)));
}

void Scene1D::setData(const Vector& x, const Vector& y) {
  if (x.size() != y.size()) throw Error("Scene1D::setData: x and y differ in length");
  dataX_.assign(x.data(), x.data() + x.size());
  dataY_.assign(y.data(), y.data() + y.size());
  rebuild();
}

void Scene1D::setTruth(const Vector& x, const Vector& y) {
  if (x.size() != y.size()) throw Error("Scene1D::setTruth: x and y differ in length");
  truthX_.assign(x.data(), x.data() + x.size());
  truthY_.assign(y.data(), y.data() + y.size());
  rebuild();
}

void Scene1D::setSnapshot(const Snapshot& snapshot, int output) {
  if (snapshot.dim != 1 || (snapshot.nodes.size() > 0 && snapshot.nodes.cols() != 1)) {
    throw Error("the 1D view shows 1D models only; this one has dimension " +
                std::to_string(snapshot.dim));
  }
  if (snapshot.coefficients.rows() != snapshot.nodes.rows()) {
    throw Error("snapshot has " + std::to_string(snapshot.nodes.rows()) + " nodes but " +
                std::to_string(snapshot.coefficients.rows()) + " coefficient rows");
  }
  if (output < 0 || (snapshot.nodes.rows() > 0 && output >= snapshot.coefficients.cols())) {
    throw Error("output " + std::to_string(output) + " does not exist (the model has " +
                std::to_string(snapshot.coefficients.cols()) + ")");
  }
  snapshot_ = snapshot;
  output_ = output;
  const int n = static_cast<int>(snapshot.nodes.rows());
  nodeU_.resize(n);
  nodeC_.resize(n);
  for (int i = 0; i < n; ++i) {
    nodeU_[i] = snapshot.nodes(i, 0);
    nodeC_[i] = snapshot.coefficients(i, output);
  }
  // In 1D the mesh is the nodes in x order, whatever their numbering (Refine appends).
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](int a, int b) { return nodeU_[a] < nodeU_[b]; });
  sortedU_.resize(n);
  sortedC_.resize(n);
  for (int k = 0; k < n; ++k) {
    sortedU_[k] = nodeU_[order_[k]];
    sortedC_[k] = nodeC_[order_[k]];
  }
  if (selected_ >= n) selected_ = -1;
  rebuild();
}

void Scene1D::clearSnapshot() {
  snapshot_.reset();
  nodeU_.clear();
  nodeC_.clear();
  sortedU_.clear();
  sortedC_.clear();
  order_.clear();
  selected_ = -1;
  rebuild();
}

void Scene1D::setSelectedNode(int node) {
  selected_ = node >= 0 && node < nodeCount() ? node : -1;
  rebuild();
}

void Scene1D::setTitle(const std::string& title) {
  title_ = title;
  actor_->Modified();
}

void Scene1D::setAxisTitles(const std::string& x, const std::string& y) {
  xTitle_ = x;
  yTitle_ = y;
  actor_->Modified();
}

void Scene1D::setNames(const std::vector<std::string>& inputs,
                       const std::vector<std::string>& outputs) {
  setAxisTitles(inputs.empty() || inputs[0].empty() ? "x" : inputs[0],
                outputs.empty() || outputs[0].empty() ? "y" : outputs[0]);
}

std::string Scene1D::nodeText(int node) const {
  if (node < 0 || node >= nodeCount()) return {};
  const Point2 p = nodePosition(node);
  char text[160];
  std::snprintf(text, sizeof text, "node %d: x = %.4g, c%d = %.4g (basis ψ%d shown)", node, p.x,
                node, p.y, node);
  return text;
}

void Scene1D::exportFigure(const std::string& path, int width, int height) const {
  exportScene(*this, path, width, height);
}

void Scene1D::copyFrom(const Scene1D& other) {
  lo_ = other.lo_;
  hi_ = other.hi_;
  dataX_ = other.dataX_;
  dataY_ = other.dataY_;
  truthX_ = other.truthX_;
  truthY_ = other.truthY_;
  title_ = other.title_;
  xTitle_ = other.xTitle_;
  yTitle_ = other.yTitle_;
  if (other.snapshot_) {
    setSnapshot(*other.snapshot_, other.output_);
  } else {
    clearSnapshot();
  }
  selected_ = other.selected_;
  view_ = other.view_;
  rebuild();
}

// --- derived geometry ---------------------------------------------------------------------------

double Scene1D::fitAt(double u) const {
  return interpolate(sortedU_, sortedC_, u);
}

void Scene1D::rebuild() {
  stats_ = {};
  stats_.dataPoints = static_cast<int>(dataX_.size());
  stats_.truthSamples = truthX_.size() >= 2 ? static_cast<int>(truthX_.size()) : 0;

  fit_.clear();
  for (size_t k = 0; k < sortedU_.size(); ++k) fit_.push_back({rawX(sortedU_[k]), sortedC_[k]});
  stats_.fitVertices = fit_.size() >= 2 ? static_cast<int>(fit_.size()) : 0;
  stats_.nodeMarkers = nodeCount();

  inserted_.clear();
  toRemove_.clear();
  if (snapshot_) {
    for (int i : snapshot_->inserted) {
      if (i >= 0 && i < nodeCount()) inserted_.push_back(i);
    }
    for (int i : snapshot_->toRemove) {
      if (i >= 0 && i < nodeCount()) toRemove_.push_back(i);
    }
  }
  stats_.insertedMarkers = static_cast<int>(inserted_.size());
  stats_.removeMarkers = static_cast<int>(toRemove_.size());

  buildError();

  // Hard-sample counts per interval, as bar heights relative to the largest count.
  bars_.clear();
  hasCounts_ = snapshot_ && snapshot_->counts.size() == snapshot_->simplices.rows() &&
               snapshot_->simplices.cols() == 2 && snapshot_->counts.size() > 0;
  if (hasCounts_) {
    const double maxCount = snapshot_->counts.maxCoeff();
    for (Eigen::Index t = 0; t < snapshot_->counts.size() && maxCount > 0; ++t) {
      const int a = snapshot_->simplices(t, 0), b = snapshot_->simplices(t, 1);
      const double c = snapshot_->counts[t];
      if (c <= 0 || a < 0 || b < 0 || a >= nodeCount() || b >= nodeCount()) continue;
      const double ua = std::min(nodeU_[a], nodeU_[b]), ub = std::max(nodeU_[a], nodeU_[b]);
      bars_.push_back({rawX(ua), rawX(ub), c / maxCount});
    }
  }
  stats_.histogramBars = static_cast<int>(bars_.size());

  // The selected node's basis function scaled by its coefficient: a tent that is 0 at both
  // neighbours (the domain ends have half a tent).
  tent_.clear();
  if (selected_ >= 0) {
    const int k =
        static_cast<int>(std::find(order_.begin(), order_.end(), selected_) - order_.begin());
    const double u = nodeU_[selected_];
    const double left = k > 0 ? sortedU_[k - 1] : u,
                 right = k + 1 < nodeCount() ? sortedU_[k + 1] : u;
    tent_ = {{rawX(left), 0}, {rawX(u), nodeC_[selected_]}, {rawX(right), 0}};
  }
  stats_.basisShown = !tent_.empty();
  actor_->Modified();
}

void Scene1D::buildError() {
  errorStrip_.clear();
  residuals_.clear();
  dataMean_.clear();
  stats_.errorPieces = stats_.dataMeanSamples = 0;
  if (!stats_.fitVertices) return;

  // The curve the fit is compared with: the truth, or the data's mean in bins along x.
  std::vector<double> curveX = truthX_, curveY = truthY_;
  if (!stats_.truthSamples && dataX_.size() <= kMaxResiduals) {
    // Few points: each one's residual as a vertical segment to the fit.
    for (size_t i = 0; i < dataX_.size(); ++i) {
      residuals_.push_back({dataX_[i], dataY_[i]});
      residuals_.push_back({dataX_[i], fitAt((dataX_[i] - lo_) / (hi_ - lo_))});
    }
    stats_.errorPieces = static_cast<int>(dataX_.size());
    return;
  }
  if (!stats_.truthSamples) {
    // Many points: residual segments would only paint a solid band under the cloud.
    const int bins = static_cast<int>(std::clamp<size_t>(dataX_.size() / 100, 20, 200));
    std::vector<double> sumX(bins, 0), sumY(bins, 0);
    std::vector<int> count(bins, 0);
    for (size_t i = 0; i < dataX_.size(); ++i) {
      const double u = std::clamp((dataX_[i] - lo_) / (hi_ - lo_), 0.0, 1.0);
      const int b = std::min(bins - 1, static_cast<int>(u * bins));
      sumX[b] += dataX_[i];
      sumY[b] += dataY_[i];
      ++count[b];
    }
    for (int b = 0; b < bins; ++b) {
      if (count[b] == 0) continue;
      curveX.push_back(sumX[b] / count[b]);
      curveY.push_back(sumY[b] / count[b]);
      dataMean_.push_back({curveX.back(), curveY.back()});
    }
    stats_.dataMeanSamples = static_cast<int>(dataMean_.size());
    if (curveX.size() < 2) return;
  }

  // The area between the fit and the curve, over the span of the mesh.
  std::vector<double> curveU, inside;
  for (double x : curveX) curveU.push_back((x - lo_) / (hi_ - lo_));
  for (double u : curveU) {
    if (u > sortedU_.front() && u < sortedU_.back()) inside.push_back(u);
  }
  const std::vector<double> us = mergeSorted(sortedU_, inside);
  std::vector<double> xs, a, b;
  for (double u : us) {
    xs.push_back(rawX(u));
    a.push_back(fitAt(u));
    b.push_back(interpolate(curveU, curveY, u));
  }
  errorStrip_ = areaStrip(xs, a, b);
  stats_.errorPieces = static_cast<int>(errorStrip_.size() / 2) - 1;
}

Scene1D::View Scene1D::autoView() const {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto include = [&](const std::vector<double>& values) {
    for (double v : values) {
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  };
  include(dataY_);
  include(truthY_);
  if (!(hi >= lo)) include(nodeC_);  // no data: show the model itself
  if (!(hi >= lo)) lo = -1, hi = 1;
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) lo -= 1, hi += 1;
  const double xPad = kXPad * (hi_ - lo_), yPad = kYPad * (hi - lo);
  return {lo_ - xPad, hi_ + xPad, lo - yPad, hi + yPad};
}

// --- view ---------------------------------------------------------------------------------------

void Scene1D::pan(double dx, double dy) {
  if (!laidOut_) return;
  View v = currentView();
  const double sx = dx * layout_.x.b, sy = dy * layout_.y.b;
  view_ = View{v.x0 - sx, v.x1 - sx, v.y0 - sy, v.y1 - sy};
  actor_->Modified();
}

void Scene1D::zoom(double x, double y, double fx, double fy) {
  if (!laidOut_ || fx <= 0 || fy <= 0) return;
  // The data point under (x, y) stays there: the ranges shrink towards it.
  const View v = currentView();
  const double cx = layout_.x.at(x), cy = layout_.y.at(y);
  view_ = View{cx + (v.x0 - cx) / fx, cx + (v.x1 - cx) / fx, cy + (v.y0 - cy) / fy,
               cy + (v.y1 - cy) / fy};
  actor_->Modified();
}

void Scene1D::resetView() {
  view_.reset();
  actor_->Modified();
}

bool Scene1D::dataAt(double px, double py, double& x, double& y) const {
  if (!laidOut_) return false;
  x = layout_.x.at(px);
  y = layout_.y.at(py);
  return true;
}

// --- queries ------------------------------------------------------------------------------------

Point2 Scene1D::pixelOf(double x, double y) const {
  return {layout_.x.pixelOf(x), layout_.y.pixelOf(y)};
}

int Scene1D::nearestNode(double x, double y) const {
  // Distances on screen (x and y scaled as drawn); before any paint, in view-relative units.
  const View v = currentView();
  const double sx = laidOut_ ? 1 / layout_.x.b : 1 / (v.x1 - v.x0);
  const double sy = laidOut_ ? 1 / layout_.y.b : 1 / (v.y1 - v.y0);
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (int i = 0; i < nodeCount(); ++i) {
    const Point2 p = nodePosition(i);
    const double d = std::hypot((p.x - x) * sx, (p.y - y) * sy);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

int Scene1D::nodeAtPixel(double px, double py, double maxPixels) const {
  double x = 0, y = 0;
  if (!dataAt(px, py, x, y)) return -1;
  const int i = nearestNode(x, y);
  if (i < 0) return -1;
  const Point2 p = pixelOf(nodePosition(i).x, nodePosition(i).y);
  return std::hypot(p.x - px, p.y - py) <= maxPixels ? i : -1;
}

Point2 Scene1D::nodePosition(int node) const {
  return {rawX(nodeU_.at(node)), nodeC_.at(node)};
}

std::string Scene1D::basisLabel() const {
  if (selected_ < 0) return {};
  const std::string value = significant(nodeC_[selected_], 4);
  if (!haveGreekFont()) {
    const std::string i = std::to_string(selected_);
    return "psi_" + i + ", c_" + i + " = " + value;
  }
  const std::string i = subscript(selected_);
  return "ψ" + i + ", c" + i + " = " + value;
}

}  // namespace lreg::render
