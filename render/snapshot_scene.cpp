#include "render/snapshot_scene.h"

#include <lreg/base/error.h>
#include "render/scene1d.h"
#include "render/scene2d.h"
#include "render/scene3d.h"

namespace lreg::render {

std::unique_ptr<SnapshotScene> makeScene(int dim, vtkRenderer* renderer) {
  switch (dim) {
    case 1:
      return std::make_unique<Scene1D>(renderer);
    case 2:
      return std::make_unique<Scene2D>(renderer);
    case 3:
      return std::make_unique<Scene3D>(renderer);
    default:
      throw Error("the view shows models with 1 to 3 inputs, not " + std::to_string(dim));
  }
}

}  // namespace lreg::render
