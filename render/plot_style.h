// Colours, pens and fonts shared by the plots, so every scene, the legend and the axes agree.
// Fills are opaque (translucent colours pre-mixed with the white background) so the PNG and the
// vector exports (which drop transparency) look the same.
#pragma once

#include <string>
#include <vector>

class vtkContext2D;
class vtkTextProperty;

namespace lreg::render {

struct Rgb {
  double r, g, b;
};

namespace color {
inline constexpr Rgb kBackground{1.0, 1.0, 1.0};
inline constexpr Rgb kText{0.13, 0.13, 0.13};
inline constexpr Rgb kFrame{0.35, 0.35, 0.35};
inline constexpr Rgb kGrid{0.90, 0.90, 0.90};
inline constexpr Rgb kStrip{0.965, 0.965, 0.965};
inline constexpr Rgb kData{0.55, 0.55, 0.55};
inline constexpr Rgb kTruth{0.15, 0.15, 0.15};
inline constexpr Rgb kFit{0.12, 0.40, 0.80};
inline constexpr Rgb kErrorFill{1.00, 0.80, 0.62};  // orange at ~40% on white
inline constexpr Rgb kErrorLine{1.00, 0.62, 0.28};  // residual segments (no truth)
inline constexpr Rgb kCounts{0.45, 0.60, 0.78};
inline constexpr Rgb kInserted{0.10, 0.68, 0.22};
inline constexpr Rgb kRemove{0.88, 0.12, 0.12};
inline constexpr Rgb kBasis{0.55, 0.22, 0.70};
inline constexpr Rgb kMoved{0.95, 0.55, 0.05};      // node trails of a polish (amber)
inline constexpr Rgb kFlipped{0.00, 0.62, 0.75};    // edges a train's flips created (teal)
inline constexpr Rgb kBasisFill{0.93, 0.88, 0.95};  // kBasis at ~15% on white
}  // namespace color

/// The colour `t` of the way from `a` to `b` (0: a, 1: b).
inline Rgb blend(Rgb a, Rgb b, double t) {
  return {a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b)};
}

/// Text look of every label: a sans font with Greek letters when the system has one (DejaVu
/// Sans), `sizePx` pixels high, left/bottom justified unless changed by the caller.
void styleText(vtkTextProperty* text, double sizePx, Rgb rgb = color::kText, bool bold = false);
/// A column name as an axis or colour-bar title: at most `maxChars` characters (UTF-8 code
/// points), the rest elided with "..." (ASCII: the cube axes draw vector text), so a long
/// header name is not cut off by the view's edge.
std::string axisTitle(const std::string& name, size_t maxChars = 24);
/// True when a font with Greek glyphs was found, so "ψ" can be shown.
bool haveGreekFont();

/// Solid pen of `widthPx` pixels; widthPx <= 0 means no outline.
void setPen(vtkContext2D* painter, Rgb rgb, double widthPx);
void setBrush(vtkContext2D* painter, Rgb rgb);
/// Filled rectangle [x0, x1] x [y0, y1] without outline (nothing when empty).
void fillRect(vtkContext2D* painter, Rgb rgb, double x0, double y0, double x1, double y1);
/// Open polyline through the points (x0, y0, x1, y1, ...), `widthPx` wide.
void drawPolyline(vtkContext2D* painter, std::vector<float>& xy, Rgb rgb, double widthPx);
/// Round dots of `sizePx` diameter at the points (x0, y0, x1, y1, ...).
void drawDots(vtkContext2D* painter, std::vector<float>& xy, Rgb rgb, double sizePx);
/// Draws `text` with the painter's text property, anchored at whole pixels: text textures drawn
/// at fractional positions pick up a faint line from their border.
void drawText(vtkContext2D* painter, double x, double y, const std::string& text);

}  // namespace lreg::render
