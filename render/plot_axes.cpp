#include "render/plot_axes.h"

#include <vtkContext2D.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/plot_style.h"

namespace lreg::render {

std::vector<double> niceTicks(double lo, double hi, int target) {
  std::vector<double> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || target < 1) return ticks;
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {  // the first nice step not much below the raw one
    step = m * magnitude;
    if (step >= 0.7 * raw) break;
  }
  for (double k = std::ceil(lo / step); k * step <= hi + 1e-9 * step; k += 1) {
    ticks.push_back(k == 0 ? 0.0 : k * step);  // k * step, not a running sum: no drift
  }
  return ticks;
}

std::string tickLabel(double value, double step) {
  char buffer[64];
  const double big = std::max(std::abs(value), std::abs(step));
  if (big >= 1e6 || (step > 0 && step < 1e-4)) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  } else {
    const int decimals =
        step > 0 ? std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9))) : 2;
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  }
  std::string text = buffer;
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

Ticks axisTicks(const AxesLayout& L) {
  const double s = L.fontPx / 14.0;
  const double xa = L.x.at(L.x0), xb = L.x.at(L.x1);
  const double ya = L.y.at(L.dataY0), yb = L.y.at(L.y1);
  Ticks t;
  t.x = niceTicks(std::min(xa, xb), std::max(xa, xb), std::max(2, int((L.x1 - L.x0) / (90 * s))));
  t.y =
      niceTicks(std::min(ya, yb), std::max(ya, yb), std::max(2, int((L.y1 - L.dataY0) / (55 * s))));
  return t;
}

namespace {
double yStepOf(const Ticks& ticks) {
  return ticks.y.size() > 1 ? ticks.y[1] - ticks.y[0] : 1.0;
}

double textWidth(vtkContext2D* painter, const std::string& text) {
  float bounds[4] = {0, 0, 0, 0};
  painter->ComputeStringBounds(text, bounds);
  return bounds[2];
}

// The title cut (with "...") to at most `room` pixels: a long column name is not clipped by
// the frame or the edge of the picture.
std::string fitted(vtkContext2D* painter, const std::string& title, double room) {
  const double width = textWidth(painter, title);
  if (width <= room) return title;
  size_t chars = 0;  // code points
  for (char ch : title) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  chars = std::max<size_t>(4, size_t(double(chars) * room / width));  // about right, then fewer
  std::string text = axisTitle(title, chars);
  while (chars > 4 && textWidth(painter, text) > room) text = axisTitle(title, --chars);
  return text;
}
}  // namespace

double yLabelWidth(vtkContext2D* painter, const AxesLayout& L, const Ticks& ticks) {
  styleText(painter->GetTextProp(), L.fontPx);
  double widest = 0;
  for (double v : ticks.y)
    widest = std::max(widest, textWidth(painter, tickLabel(v, yStepOf(ticks))));
  return widest;
}

void drawGrid(vtkContext2D* painter, const AxesLayout& L, const Ticks& ticks) {
  setPen(painter, color::kGrid, std::max(1.0, L.fontPx / 14.0));
  for (double v : ticks.x) {
    const double px = L.x.pixelOf(v);
    painter->DrawLine(float(px), float(L.dataY0), float(px), float(L.y1));
  }
  for (double v : ticks.y) {
    const double py = L.y.pixelOf(v);
    painter->DrawLine(float(L.x0), float(py), float(L.x1), float(py));
  }
}

void drawAxes(vtkContext2D* painter, const AxesLayout& L, const Ticks& ticks) {
  const double s = L.fontPx / 14.0, tick = 6 * s;
  setPen(painter, color::kFrame, std::max(1.0, 1.2 * s));
  const float box[10] = {float(L.x0), float(L.y0), float(L.x1), float(L.y0), float(L.x1),
                         float(L.y1), float(L.x0), float(L.y1), float(L.x0), float(L.y0)};
  painter->DrawPoly(const_cast<float*>(box), 5);

  vtkTextProperty* text = painter->GetTextProp();
  const double xStep = ticks.x.size() > 1 ? ticks.x[1] - ticks.x[0] : 1.0;
  for (double v : ticks.x) {
    const float px = float(L.x.pixelOf(v));
    painter->DrawLine(px, float(L.y0), px, float(L.y0 - tick));
    styleText(text, L.fontPx);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToTop();
    drawText(painter, px, float(L.y0 - tick - 3 * s), tickLabel(v, xStep));
  }
  const double yStep = yStepOf(ticks);
  for (double v : ticks.y) {
    const float py = float(L.y.pixelOf(v));
    painter->DrawLine(float(L.x0), py, float(L.x0 - tick), py);
    styleText(text, L.fontPx);
    text->SetJustificationToRight();
    text->SetVerticalJustificationToCentered();
    drawText(painter, float(L.x0 - tick - 4 * s), py, tickLabel(v, yStep));
  }

  // Titles: x centred under the tick labels, y turned along the left edge of the data band.
  styleText(text, 1.1 * L.fontPx);
  text->SetJustificationToCentered();
  text->SetVerticalJustificationToTop();
  drawText(painter, float((L.x0 + L.x1) / 2), float(L.y0 - tick - 1.7 * L.fontPx),
           fitted(painter, L.xTitle, L.x1 - L.x0));
  styleText(text, 1.1 * L.fontPx);
  text->SetJustificationToCentered();
  text->SetVerticalJustificationToBottom();
  const std::string yTitle = fitted(painter, L.yTitle, L.y1 - L.dataY0);  // measured upright
  text->SetOrientation(90);
  drawText(painter, float(0.4 * L.fontPx + 1.1 * L.fontPx), float((L.dataY0 + L.y1) / 2), yTitle);
}

}  // namespace lreg::render
