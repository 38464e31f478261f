// How the 2D and 3D views draw a field: what the colours show, which output, the wireframe,
// the top-down heat map (2D) and the clipping plane (3D). One struct shared by both scenes and
// the app's view toolbar.
#pragma once

namespace lreg::render {

enum class ColorBy {
  Value,    ///< the fitted value of the shown output
  Residual  ///< per node, the local RMS residual of the data under its hat (MeshField)
};

struct FieldViewOptions {
  ColorBy colorBy = ColorBy::Value;
  int output = 0;             ///< coefficient column shown (vector outputs such as appc4)
  bool wireframe = true;      ///< mesh edges over the surface / the clipped solid
  bool heatMap = false;       ///< 2D: top-down map with a colour bar instead of the surface
  bool trails = true;         ///< 2D: a trail from where each node the last polish moved was
  int clipAxis = 0;           ///< 3D: the clipping plane's normal axis (0: x1, 1: x2, 2: x3)
  double clipPosition = 0.5;  ///< 3D: where the plane cuts, as a fraction of that axis' range;
                              ///< the part with larger coordinates is cut away

  bool operator==(const FieldViewOptions&) const = default;
};

}  // namespace lreg::render
