#include "render/scene_export.h"

#include <vtkNew.h>
#include <vtkRenderer.h>

#include <memory>

#include <lreg/base/error.h>
#include "render/figure_export.h"
#include "render/scene2d.h"
#include "render/scene3d.h"

namespace lreg::render {

void exportScene(const FieldScene& scene, const std::string& path, int width, int height) {
  if (figureFormatFor(path) != FigureFormat::Png) {
    throw Error(path + ": the " + std::to_string(scene.dim()) +
                "D view exports as PNG only: VTK's GL2PS vector exporter drops 3D surfaces "
                "(only the 1D view has true vector figures); use a .png name");
  }
  vtkNew<vtkRenderer> renderer;
  std::unique_ptr<FieldScene> copy;
  if (scene.dim() == 2) {
    copy = std::make_unique<Scene2D>(renderer);
  } else {
    copy = std::make_unique<Scene3D>(renderer);
  }
  copy->copyFrom(scene);
  exportFigure(renderer, path, width, height);
}

void FieldScene::exportFigure(const std::string& path, int width, int height) const {
  exportScene(*this, path, width, height);
}

}  // namespace lreg::render
