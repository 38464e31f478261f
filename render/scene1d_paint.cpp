// Scene1D's painting: layout in pixels, then the layers back to front. Everything is drawn with
// vtkContext2D so that GL2PS exports it as vector graphics.
#include <vtkContext2D.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <numeric>

#include "render/plot_style.h"
#include "render/scene1d.h"

namespace lreg::render {
namespace {

constexpr double kStripShare = 0.15;  // part of the plot box taken by the hard-sample strip
constexpr double kStripGap = 0.02;    // white gap between strip and data band, relative
// Data sets larger than this get smaller dots (a cloud either way, and cheaper to draw).
constexpr size_t kManyPoints = 5000;

}  // namespace

std::vector<LegendEntry> Scene1D::legendEntries() const {
  using S = LegendEntry::Symbol;
  std::vector<LegendEntry> legend;
  if (stats_.dataPoints) legend.push_back({S::Dot, color::kData, 2, "data"});
  if (stats_.truthSamples) legend.push_back({S::Line, color::kTruth, 1.6, "truth"});
  if (stats_.fitVertices) legend.push_back({S::Line, color::kFit, 3, "fit"});
  if (stats_.nodeMarkers) legend.push_back({S::Dot, color::kFit, 2, "nodes"});
  if (stats_.dataMeanSamples) legend.push_back({S::Line, color::kTruth, 1.6, "data mean"});
  if (!residuals_.empty()) legend.push_back({S::Line, color::kErrorLine, 2, "|fit − data|"});
  if (!errorStrip_.empty()) {
    legend.push_back(
        {S::Patch, color::kErrorFill, 2, stats_.truthSamples ? "|fit − truth|" : "|fit − mean|"});
  }
  // Sub-step colours are listed whenever the snapshot comes from the loop (it has counts), so
  // the legend (and with it the plot box) keeps its size through phases without highlights.
  if (hasCounts_) {
    legend.push_back({S::Patch, color::kCounts, 2, "hard samples"});
    legend.push_back({S::Dot, color::kInserted, 2, "inserted"});
    legend.push_back({S::Dot, color::kRemove, 2, "to remove"});
  }
  return legend;
}

std::vector<float> Scene1D::pixels(const std::vector<Point2>& points) const {
  std::vector<float> xy;
  xy.reserve(2 * points.size());
  for (const Point2& p : points) {
    xy.push_back(static_cast<float>(layout_.x.pixelOf(p.x)));
    xy.push_back(static_cast<float>(layout_.y.pixelOf(p.y)));
  }
  return xy;
}

std::vector<float> Scene1D::nodePixels(const std::vector<int>& nodes) const {
  std::vector<Point2> points;
  for (int i : nodes) points.push_back(nodePosition(i));
  return pixels(points);
}

void Scene1D::paint(vtkContext2D* painter) {
  vtkContextScene* scene = actor_->GetScene();
  const double w = scene->GetSceneWidth(), h = scene->GetSceneHeight();
  if (w < 2 || h < 2) return;

  // Everything scales with the picture, so a 3000-pixel export looks like the window.
  const double s = std::clamp(std::min(w / 900.0, h / 560.0), 0.9, 6.0);
  const double fontPx = 14 * s;
  const std::vector<LegendEntry> legend = legendEntries();

  // Layout in pixels: margins for tick labels and titles, legend rows above the box, the
  // hard-sample strip at the bottom of the box when the snapshot has counts.
  double left = 5.4 * fontPx;
  const double right = 1.6 * fontPx, bottom = 3.6 * fontPx;
  const double titleHeight = title_.empty() ? 0 : 1.8 * fontPx;
  double boxWidth = std::max(10.0, w - left - right);
  const double legendTop = h - 0.6 * fontPx - titleHeight;
  const double top =
      0.6 * fontPx + titleHeight + legendHeight(painter, legend, boxWidth, fontPx) + 0.6 * fontPx;
  AxesLayout& L = layout_;
  L.x0 = left, L.x1 = left + boxWidth, L.y0 = bottom, L.y1 = std::max(bottom + 20, h - top);
  stripTop_ = hasCounts_ ? L.y0 + kStripShare * (L.y1 - L.y0) : L.y0;
  L.dataY0 = hasCounts_ ? stripTop_ + kStripGap * (L.y1 - L.y0) : L.y0;
  L.fontPx = fontPx;
  const View v = currentView();
  L.x.b = (v.x1 - v.x0) / (L.x1 - L.x0);
  L.x.a = v.x0 - L.x.b * L.x0;
  L.y.b = (v.y1 - v.y0) / (L.y1 - L.dataY0);
  L.y.a = v.y0 - L.y.b * L.dataY0;
  L.xTitle = xTitle_;
  L.yTitle = yTitle_;
  // The left margin holds the y title and the widest y tick label ("0.00013", "-1.5e+06"):
  // with the fixed margin, long labels ran under the title and the view's edge.
  const double needed = 2.4 * fontPx + 10 * s + yLabelWidth(painter, L, axisTicks(L));
  if (needed > left) {
    left = std::min(needed, 0.5 * w);
    boxWidth = std::max(10.0, w - left - right);
    L.x0 = left, L.x1 = left + boxWidth;
    L.x.b = (v.x1 - v.x0) / (L.x1 - L.x0);
    L.x.a = v.x0 - L.x.b * L.x0;
  }
  laidOut_ = true;

  // Back to front. What spills out of the data band is covered by the masks of paintFrame.
  fillRect(painter, color::kBackground, 0, 0, w, h);  // vector exports have no other
  const Ticks ticks = axisTicks(L);
  drawGrid(painter, L, ticks);
  paintData(painter, s);
  paintFrame(painter, w, h, s);
  drawAxes(painter, L, ticks);
  drawLegend(painter, legend, L.x0, legendTop, boxWidth, fontPx);
  if (!title_.empty()) {
    styleText(painter->GetTextProp(), 1.15 * fontPx, color::kText, true);
    painter->GetTextProp()->SetVerticalJustificationToTop();
    drawText(painter, L.x0, h - 0.6 * fontPx, title_);
  }
  paintBasisLabel(painter);
}

void Scene1D::paintData(vtkContext2D* painter, double s) {
  const AxesLayout& L = layout_;
  if (!residuals_.empty()) {
    auto xy = pixels(residuals_);
    setPen(painter, color::kErrorLine, std::max(1.0, s));
    painter->DrawLines(xy.data(), static_cast<int>(xy.size() / 2));
  }
  {
    // One dot per half-dot cell inside the box: the cloud looks the same, and large data sets
    // (mostly overlapping dots) cost far fewer vertices to draw and to export.
    const double dot = (dataX_.size() > kManyPoints ? 3.0 : 4.5) * s;
    const double cell = std::max(1.0, dot / 2);
    const int columns = static_cast<int>((L.x1 - L.x0) / cell) + 1;
    const int rows = static_cast<int>((L.y1 - L.dataY0) / cell) + 1;
    std::vector<bool> taken(static_cast<size_t>(columns) * rows, false);
    std::vector<float> xy;
    for (size_t i = 0; i < dataX_.size(); ++i) {
      const double px = L.x.pixelOf(dataX_[i]), py = L.y.pixelOf(dataY_[i]);
      if (!(px >= L.x0 && px <= L.x1 && py >= L.dataY0 && py <= L.y1)) continue;
      const size_t k = static_cast<size_t>((py - L.dataY0) / cell) * columns +
                       static_cast<size_t>((px - L.x0) / cell);
      if (taken[k]) continue;
      taken[k] = true;
      xy.push_back(static_cast<float>(px));
      xy.push_back(static_cast<float>(py));
    }
    drawDots(painter, xy, color::kData, dot);
  }
  // The error area goes over the dots: under a large cloud it would vanish.
  if (!errorStrip_.empty()) {
    auto xy = pixels(errorStrip_);
    setPen(painter, color::kErrorFill, 0);
    setBrush(painter, color::kErrorFill);
    painter->DrawQuadStrip(xy.data(), static_cast<int>(xy.size() / 2));
  }
  if (!tent_.empty()) {
    auto xy = pixels(tent_);
    setPen(painter, color::kBasisFill, 0);
    setBrush(painter, color::kBasisFill);
    painter->DrawPolygon(xy.data(), 3);
  }
  auto mean = pixels(dataMean_);
  drawPolyline(painter, mean, color::kTruth, 1.6 * s);
  std::vector<Point2> truth;
  for (size_t i = 0; i < truthX_.size(); ++i) truth.push_back({truthX_[i], truthY_[i]});
  auto truthXY = pixels(truth);
  drawPolyline(painter, truthXY, color::kTruth, 1.6 * s);
  if (!tent_.empty()) {
    auto xy = pixels(tent_);
    drawPolyline(painter, xy, color::kBasis, 2.2 * s);
    auto apex = nodePixels({selected_});
    drawDots(painter, apex, color::kBasis, 18 * s);  // a ring around the selected node
  }
  auto fit = pixels(fit_);
  drawPolyline(painter, fit, color::kFit, 3 * s);
  std::vector<int> all(nodeCount());
  std::iota(all.begin(), all.end(), 0);
  auto nodes = nodePixels(all);
  drawDots(painter, nodes, color::kFit, 10 * s);
  auto added = nodePixels(inserted_);
  drawDots(painter, added, color::kInserted, 15 * s);
  auto leaving = nodePixels(toRemove_);
  drawDots(painter, leaving, color::kRemove, 15 * s);
}

void Scene1D::paintFrame(vtkContext2D* painter, double w, double h, double s) {
  const AxesLayout& L = layout_;
  // White masks over the margins (panned data never runs over the labels; device clipping
  // would not reach the vector exports).
  fillRect(painter, color::kBackground, 0, 0, w, L.y0);
  fillRect(painter, color::kBackground, 0, L.y1, w, h);
  fillRect(painter, color::kBackground, 0, L.y0, L.x0, L.y1);
  fillRect(painter, color::kBackground, L.x1, L.y0, w, L.y1);
  if (!hasCounts_) return;

  // The hard-sample strip: one bar per interval, the largest count filling the strip.
  fillRect(painter, color::kBackground, L.x0, L.y0, L.x1, L.dataY0);
  fillRect(painter, color::kStrip, L.x0, L.y0, L.x1, stripTop_);
  const double inset = std::max(0.5, 0.5 * s);  // a hair of white between neighbours
  for (const Bar& bar : bars_) {
    const double bx0 = std::max(L.x0, L.x.pixelOf(bar.x0) + inset);
    const double bx1 = std::min(L.x1, L.x.pixelOf(bar.x1) - inset);
    fillRect(painter, color::kCounts, bx0, L.y0, bx1,
             L.y0 + bar.height * (stripTop_ - L.y0 - 2 * s));
  }
  // Two strings, not one with "\n": SVG text has no line breaks.
  vtkTextProperty* text = painter->GetTextProp();
  styleText(text, 0.85 * L.fontPx, color::kFrame);
  text->SetJustificationToRight();
  const double mid = (L.y0 + stripTop_) / 2, x = L.x0 - 0.6 * L.fontPx;
  text->SetVerticalJustificationToBottom();
  drawText(painter, x, mid + 0.05 * L.fontPx, "hard");
  text->SetVerticalJustificationToTop();
  drawText(painter, x, mid - 0.05 * L.fontPx, "samples");
}

void Scene1D::paintBasisLabel(vtkContext2D* painter) {
  // By the tent's apex: above it, or below when the coefficient is negative; on a white patch
  // so it reads over the data. Hidden when the apex is out of view.
  if (tent_.empty()) return;
  const AxesLayout& L = layout_;
  const Point2 apex = pixelOf(tent_[1].x, tent_[1].y);
  if (!(apex.x >= L.x0 && apex.x <= L.x1 && apex.y >= L.dataY0 && apex.y <= L.y1)) return;
  const std::string label = basisLabel();
  vtkTextProperty* text = painter->GetTextProp();
  styleText(text, L.fontPx, color::kBasis, true);
  float bounds[4];
  painter->ComputeStringBounds(label, bounds);
  const double tw = bounds[2], th = bounds[3], pad = 0.25 * L.fontPx;
  const double lx = std::clamp(apex.x - tw / 2, L.x0 + pad, L.x1 - tw - pad);
  const bool above = apex.y >= L.y.pixelOf(0);
  const double ly = above ? apex.y + 0.9 * L.fontPx : apex.y - 0.9 * L.fontPx - th;
  fillRect(painter, color::kBackground, lx - pad, ly - pad, lx + tw + pad, ly + th + pad);
  styleText(text, L.fontPx, color::kBasis, true);
  drawText(painter, lx, ly, label);
}

}  // namespace lreg::render
