// Mouse interaction for 2D plots, on a PlotNavigator: drag (left or middle button) pans, the
// wheel zooms about the cursor (Ctrl: x only, Shift: y only), right-drag zooms about the view
// centre. No rotation, and none of VTK's one-letter keyboard commands (wireframe, quit, ...).
#pragma once

#include <vtkInteractorStyle.h>

namespace lreg::render {

class PlotNavigator;

class PlotInteractorStyle : public vtkInteractorStyle {
 public:
  static PlotInteractorStyle* New();
  vtkTypeMacro(PlotInteractorStyle, vtkInteractorStyle);

  /// The plot to move; nullptr: mouse events do nothing.
  void setNavigator(PlotNavigator* navigator) { navigator_ = navigator; }
  PlotNavigator* navigator() const { return navigator_; }

  void OnLeftButtonDown() override { begin(VTKIS_PAN); }
  void OnLeftButtonUp() override { end(); }
  void OnMiddleButtonDown() override { begin(VTKIS_PAN); }
  void OnMiddleButtonUp() override { end(); }
  void OnRightButtonDown() override { begin(VTKIS_DOLLY); }
  void OnRightButtonUp() override { end(); }
  void OnMouseMove() override;
  void OnMouseWheelForward() override { wheel(1.15); }
  void OnMouseWheelBackward() override { wheel(1 / 1.15); }
  void OnChar() override {}
  void OnKeyPress() override {}

 protected:
  PlotInteractorStyle() = default;

 private:
  void begin(int state);
  void end();
  void wheel(double factor);

  PlotNavigator* navigator_ = nullptr;
};

}  // namespace lreg::render
