// Figure export of the 2D/3D views (Scene1D has render/figure_export.h's exportScene): a copy of
// the scene (inputs and camera) renders in a private offscreen window, so the view is untouched.
// PNG at any size. Vector formats are refused: this VTK's GL2PS exporter (9.1, OpenGL2) writes
// only text and 2D overlays, no 3D surfaces, edges or points (checked: a plain sphere exports
// as an empty SVG), so a "vector" 2D/3D view would silently lose the model.
#pragma once

#include <string>

namespace lreg::render {

class FieldScene;

/// Exports `scene` to the PNG `path`. Throws Error naming the path (and why, for .pdf/.svg/.eps).
void exportScene(const FieldScene& scene, const std::string& path, int width, int height);

}  // namespace lreg::render
