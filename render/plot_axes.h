// Axes of a 2D plot, drawn with a vtkContext2D painter in pixels: light grid lines, the frame,
// outward tick marks at "nice" values with labels in data units, and the axis titles. The plot
// box may hold a strip under the data band (the hard-sample histogram): y ticks stay above it.
#pragma once

#include <string>
#include <vector>

class vtkContext2D;

namespace lreg::render {

/// Affine map between a pixel coordinate and a data value: value = a + b * pixel.
struct AxisMap {
  double a = 0, b = 1;
  double at(double pixel) const { return a + b * pixel; }
  double pixelOf(double value) const { return (value - a) / b; }
};

struct AxesLayout {
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;  ///< plot box in pixels (origin bottom left)
  double dataY0 = 0;                      ///< bottom of the data band; y ticks only above it
  double fontPx = 14;                     ///< tick label size; titles are a bit larger
  AxisMap x, y;                           ///< pixel -> data value
  std::string xTitle, yTitle;
};

/// "Nice" values (1, 2 or 5 times a power of ten) inside [lo, hi], about `target` of them.
std::vector<double> niceTicks(double lo, double hi, int target);
/// Tick label with just enough decimals for the tick step, and no "-0".
std::string tickLabel(double value, double step);

struct Ticks {
  std::vector<double> x, y;
};
/// Tick values for the layout: spacing grows with the font so labels never collide.
Ticks axisTicks(const AxesLayout& layout);

/// The width in pixels of the widest y tick label (the left margin must hold it).
double yLabelWidth(vtkContext2D* painter, const AxesLayout& layout, const Ticks& ticks);

/// Grid lines at the ticks, across the data band (draw before the data).
void drawGrid(vtkContext2D* painter, const AxesLayout& layout, const Ticks& ticks);
/// Frame, tick marks, tick labels and axis titles (draw after the data).
void drawAxes(vtkContext2D* painter, const AxesLayout& layout, const Ticks& ticks);

}  // namespace lreg::render
