#include "render/plot_interactor_style.h"

#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <cmath>

#include "render/plot_navigator.h"

namespace lreg::render {

vtkStandardNewMacro(PlotInteractorStyle);

void PlotInteractorStyle::begin(int state) {
  const int* pos = Interactor->GetEventPosition();
  FindPokedRenderer(pos[0], pos[1]);
  if (navigator_) StartState(state);
}

void PlotInteractorStyle::end() {
  if (State != VTKIS_NONE) StopState();
}

void PlotInteractorStyle::OnMouseMove() {
  if (!navigator_ || (State != VTKIS_PAN && State != VTKIS_DOLLY)) return;
  const int* now = Interactor->GetEventPosition();
  const int* before = Interactor->GetLastEventPosition();
  if (State == VTKIS_PAN) {
    navigator_->pan(now[0] - before[0], now[1] - before[1]);
  } else if (CurrentRenderer) {
    const int* size = CurrentRenderer->GetSize();
    const double f = std::pow(1.01, now[1] - before[1]);  // drag up: zoom in
    navigator_->zoom(size[0] / 2.0, size[1] / 2.0, f, f);
  }
  Interactor->Render();
}

void PlotInteractorStyle::wheel(double factor) {
  if (!navigator_) return;
  const int* pos = Interactor->GetEventPosition();
  const bool xOnly = Interactor->GetControlKey(), yOnly = Interactor->GetShiftKey();
  navigator_->zoom(pos[0], pos[1], yOnly ? 1.0 : factor, xOnly ? 1.0 : factor);
  Interactor->Render();
}

}  // namespace lreg::render
