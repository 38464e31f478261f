#include "render/plot_legend.h"

#include <vtkContext2D.h>
#include <vtkStdString.h>
#include <vtkTextProperty.h>

#include <algorithm>

namespace lreg::render {
namespace {

// Geometry of one entry, relative to the font size.
double symbolWidth(double fontPx) {
  return 1.7 * fontPx;
}
double gap(double fontPx) {
  return 0.35 * fontPx;
}
double spacing(double fontPx) {
  return 1.1 * fontPx;
}
double rowHeight(double fontPx) {
  return 1.5 * fontPx;
}

struct Slot {
  double x = 0;
  int row = 0;
};

std::vector<Slot> arrange(vtkContext2D* painter, const std::vector<LegendEntry>& entries,
                          double maxWidth, double fontPx) {
  std::vector<Slot> slots;
  double x = 0;
  int row = 0;
  for (const LegendEntry& e : entries) {
    styleText(painter->GetTextProp(), fontPx);
    float bounds[4] = {0, 0, 0, 0};
    painter->ComputeStringBounds(e.text, bounds);
    const double w = symbolWidth(fontPx) + gap(fontPx) + bounds[2];
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      ++row;
    }
    slots.push_back({x, row});
    x += w + spacing(fontPx);
  }
  return slots;
}

}  // namespace

double legendHeight(vtkContext2D* painter, const std::vector<LegendEntry>& entries, double maxWidth,
                    double fontPx) {
  if (entries.empty()) return 0;
  return (arrange(painter, entries, maxWidth, fontPx).back().row + 1) * rowHeight(fontPx);
}

void drawLegend(vtkContext2D* painter, const std::vector<LegendEntry>& entries, double x0,
                double yTop, double maxWidth, double fontPx) {
  const auto slots = arrange(painter, entries, maxWidth, fontPx);
  const double s = fontPx / 14.0, sw = symbolWidth(fontPx);
  for (size_t i = 0; i < entries.size(); ++i) {
    const LegendEntry& e = entries[i];
    const double x = x0 + slots[i].x;
    const double cy = yTop - (slots[i].row + 0.5) * rowHeight(fontPx);
    switch (e.symbol) {
      case LegendEntry::Symbol::Line:
        setPen(painter, e.color, std::max(1.0, e.width * s));
        painter->DrawLine(float(x), float(cy), float(x + sw), float(cy));
        break;
      case LegendEntry::Symbol::Dot:
        setPen(painter, e.color, 0);
        setBrush(painter, e.color);
        painter->DrawEllipse(float(x + sw / 2), float(cy), float(0.3 * fontPx),
                             float(0.3 * fontPx));
        break;
      case LegendEntry::Symbol::Patch:
        setPen(painter, e.color, 0);
        setBrush(painter, e.color);
        painter->DrawRect(float(x + 0.1 * sw), float(cy - 0.35 * fontPx), float(0.8 * sw),
                          float(0.7 * fontPx));
        break;
    }
    styleText(painter->GetTextProp(), fontPx);
    painter->GetTextProp()->SetVerticalJustificationToCentered();
    drawText(painter, float(x + sw + gap(fontPx)), float(cy), e.text);
  }
}

}  // namespace lreg::render
