// VTK data sets for the 2D/3D views, built from plain arrays in world coordinates.
#pragma once

#include <string>
#include <vector>

#include <vtkSmartPointer.h>

#include <array>
#include <vector>

#include <lreg/base/types.h>
#include "render/plot_style.h"

class vtkActor;
class vtkCamera;
class vtkCubeAxesActor;
class vtkPolyData;
class vtkUnstructuredGrid;

namespace lreg::render {

/// Triangles (#T by 3 indices into the #P by 3 points); `scalars` (#P, or empty): per point.
vtkSmartPointer<vtkPolyData> trianglePolyData(const RowMatrix& points, const IndexMatrix& triangles,
                                              const Vector& scalars = Vector());
/// One vertex cell per point (#P by 3), optionally with per-point scalars.
vtkSmartPointer<vtkPolyData> vertexPolyData(const RowMatrix& points,
                                            const Vector& scalars = Vector());
/// Line segments between pairs of the points.
vtkSmartPointer<vtkPolyData> segmentPolyData(const RowMatrix& points,
                                             const std::vector<std::array<int, 2>>& pairs);
/// Tetrahedra (#T by 4 indices) with per-point scalars.
vtkSmartPointer<vtkUnstructuredGrid> tetraGrid(const RowMatrix& points, const IndexMatrix& tets,
                                               const Vector& scalars);

/// An actor with a poly-data mapper of its own: flat colour, no lighting, no scalar colouring.
vtkSmartPointer<vtkActor> makeActor(Rgb rgb);
/// Round, antialiased dots of `radius` world units at the points of its data (splats with a
/// smooth rim; point sprites are square and their sphere imposters jagged), flat colour.
vtkSmartPointer<vtkActor> makeDotActor(Rgb rgb, double radius);
/// Sets the data of an actor made by makeActor or makeDotActor.
void setInput(vtkActor* actor, vtkPolyData* data);
/// Sets the data of an actor made by makeActor, coloured per point (one colour per point of
/// `data`, interpolated along lines) instead of its flat colour.
void setColoredInput(vtkActor* actor, vtkPolyData* data, const std::vector<Rgb>& colors);
/// Points drawn as shaded spheres of `size` pixels.
void markerStyle(vtkActor* actor, double size);

/// The sub-step highlights of the 2D/3D views: inserted nodes (green), nodes to remove (red),
/// positions of removed nodes (small, dark red).
struct NodeMarkers {
  NodeMarkers();
  vtkSmartPointer<vtkActor> inserted, toRemove, removed;
};

/// Axes around the scene's box (outer edges, the plot style's fonts and frame colour).
vtkSmartPointer<vtkCubeAxesActor> makeCubeAxes(vtkCamera* camera);
/// `count` labels from lo to hi: fixed decimals from the step where that stays short
/// ("0.25"), else three significant digits with a short exponent ("-1.06e6", "5e-4"): long
/// labels overlap each other and the next axis's.
std::vector<std::string> axisLabels(double lo, double hi, int count = 5);
/// Whether an axis labels its two ends. Two axes of the box meet at each corner, where their end
/// labels would overlap: the two horizontal axes leave theirs blank, the upright one keeps its.
enum class AxisEnds { Labelled, Blank };
/// Labels axis `axis` (0, 1, 2) of a cube-axes actor with axisLabels(lo, hi, count) (VTK's own
/// spacing crowds short axes with ten labels; the short upright axis of a surface takes 3).
void setAxisRange(vtkCubeAxesActor* axes, int axis, double lo, double hi, int count = 5,
                  AxisEnds ends = AxisEnds::Labelled);

}  // namespace lreg::render
