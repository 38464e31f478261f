// What a view widget needs from a 2D plot to let the user move around it: pan, zoom, reset and
// the data point under a pixel. Implemented by the scenes (Scene1D); used by the interaction.
#pragma once

namespace lreg::render {

class PlotNavigator {
 public:
  virtual ~PlotNavigator() = default;
  /// Moves the view so the content follows the mouse by (dx, dy) pixels.
  virtual void pan(double dx, double dy) = 0;
  /// Zooms by (fx, fy) (> 1: in) about pixel (x, y), which keeps showing the same data point.
  virtual void zoom(double x, double y, double fx, double fy) = 0;
  /// Back to the automatic view that shows all the data.
  virtual void resetView() = 0;
  /// Data coordinates (x, y) under pixel (px, py); false when the pixel maps to nothing.
  virtual bool dataAt(double px, double py, double& x, double& y) const = 0;
};

}  // namespace lreg::render
