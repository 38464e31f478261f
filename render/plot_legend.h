// A compact legend laid out in rows above the plot box (so it never hides data): a symbol
// (line, dot or filled patch) and a label per entry, wrapped to the available width.
#pragma once

#include <string>
#include <vector>

#include "render/plot_style.h"

class vtkContext2D;

namespace lreg::render {

struct LegendEntry {
  enum class Symbol { Line, Dot, Patch };
  Symbol symbol = Symbol::Line;
  Rgb color{0, 0, 0};
  double width = 2.0;  ///< line width (Line) at font size 14, in pixels
  std::string text;
};

/// Height in pixels the entries need when wrapped to `maxWidth`.
double legendHeight(vtkContext2D* painter, const std::vector<LegendEntry>& entries, double maxWidth,
                    double fontPx);
/// Draws the entries in rows from the top-left corner (x, yTop), pixels.
void drawLegend(vtkContext2D* painter, const std::vector<LegendEntry>& entries, double x,
                double yTop, double maxWidth, double fontPx);

}  // namespace lreg::render
