// Writes a renderer's picture to a file: PNG (raster, at a chosen size) or PDF / SVG / EPS
// (vector, through GL2PS: everything drawn with vtkContext2D, like Scene1D, comes out as vector
// shapes and text; PDF and EPS also carry GL2PS's raster of the plain background). Rendering
// happens in a private offscreen window, so it works under Xvfb and never disturbs a view.
#pragma once

#include <vtkRenderWindow.h>
#include <vtkSmartPointer.h>

#include <string>

class vtkRenderer;

namespace lreg::render {

class Scene1D;

enum class FigureFormat { Png, Pdf, Svg, Eps };

/// The format named by a path's extension (case-insensitive); throws Error for others.
FigureFormat figureFormatFor(const std::string& path);

/// Renders `renderer` alone in a new offscreen window of width x height pixels and writes
/// `path` in the format its extension names. The renderer must not belong to another window.
/// Throws Error (naming the path) when the size is bad or the file can't be written.
void exportFigure(vtkRenderer* renderer, const std::string& path, int width, int height);

/// Exports what `scene` shows (same inputs, same zoom) without touching its own window: a
/// fresh renderer gets a copy of the scene and is passed to exportFigure.
void exportScene(const Scene1D& scene, const std::string& path, int width, int height);

/// A new offscreen render window of width x height pixels (multisampled) on the process's one
/// shared X connection: VTK would open a connection per window, and after a few dozen of those
/// Xvfb starts refusing them (VTK then aborts). Throws Error when there is no X server.
vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int width, int height);

/// Renders `window` and writes its pixels as PNG. Throws Error naming the path on failure.
void writePng(vtkRenderWindow* window, const std::string& path);
/// Renders `window` through GL2PS into a vector file (Pdf, Svg or Eps).
void writeVector(vtkRenderWindow* window, const std::string& path, FigureFormat format);

}  // namespace lreg::render
