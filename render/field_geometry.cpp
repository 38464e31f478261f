#include "render/field_geometry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCubeAxesActor.h>
#include <vtkDoubleArray.h>
#include <vtkPointData.h>
#include <vtkPointGaussianMapper.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkStringArray.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkUnstructuredGrid.h>

namespace lreg::render {
namespace {

vtkSmartPointer<vtkPoints> makePoints(const RowMatrix& p) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(p.rows());
  for (long i = 0; i < p.rows(); ++i) points->SetPoint(i, p(i, 0), p(i, 1), p(i, 2));
  return points;
}

void attachScalars(vtkDataSet* data, const Vector& scalars) {
  if (scalars.size() == 0) return;
  vtkNew<vtkDoubleArray> array;
  array->SetName("value");
  array->SetNumberOfValues(scalars.size());
  for (long i = 0; i < scalars.size(); ++i) array->SetValue(i, scalars[i]);
  data->GetPointData()->SetScalars(array);
}

}  // namespace

vtkSmartPointer<vtkPolyData> trianglePolyData(const RowMatrix& points, const IndexMatrix& triangles,
                                              const Vector& scalars) {
  vtkNew<vtkCellArray> cells;
  for (long t = 0; t < triangles.rows(); ++t) {
    const vtkIdType ids[3] = {triangles(t, 0), triangles(t, 1), triangles(t, 2)};
    cells->InsertNextCell(3, ids);
  }
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(makePoints(points));
  data->SetPolys(cells);
  attachScalars(data, scalars);
  return data;
}

vtkSmartPointer<vtkPolyData> vertexPolyData(const RowMatrix& points, const Vector& scalars) {
  vtkNew<vtkCellArray> cells;
  for (vtkIdType i = 0; i < points.rows(); ++i) cells->InsertNextCell(1, &i);
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(makePoints(points));
  data->SetVerts(cells);
  attachScalars(data, scalars);
  return data;
}

vtkSmartPointer<vtkPolyData> segmentPolyData(const RowMatrix& points,
                                             const std::vector<std::array<int, 2>>& pairs) {
  vtkNew<vtkCellArray> cells;
  for (const auto& pair : pairs) {
    const vtkIdType ids[2] = {pair[0], pair[1]};
    cells->InsertNextCell(2, ids);
  }
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(makePoints(points));
  data->SetLines(cells);
  return data;
}

vtkSmartPointer<vtkUnstructuredGrid> tetraGrid(const RowMatrix& points, const IndexMatrix& tets,
                                               const Vector& scalars) {
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::New();
  grid->SetPoints(makePoints(points));
  grid->Allocate(tets.rows());
  for (long t = 0; t < tets.rows(); ++t) {
    const vtkIdType ids[4] = {tets(t, 0), tets(t, 1), tets(t, 2), tets(t, 3)};
    grid->InsertNextCell(VTK_TETRA, 4, ids);
  }
  attachScalars(grid, scalars);
  return grid;
}

vtkSmartPointer<vtkActor> makeActor(Rgb rgb) {
  auto actor = vtkSmartPointer<vtkActor>::New();
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->ScalarVisibilityOff();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(rgb.r, rgb.g, rgb.b);
  actor->GetProperty()->SetLighting(false);
  return actor;
}

vtkSmartPointer<vtkActor> makeDotActor(Rgb rgb, double radius) {
  auto actor = vtkSmartPointer<vtkActor>::New();
  vtkNew<vtkPointGaussianMapper> mapper;
  mapper->ScalarVisibilityOff();
  mapper->EmissiveOff();
  mapper->SetScaleFactor(radius);
  mapper->SetTriangleScale(1.2f);  // the disc of radius 1 and its smooth edge, no more
  // A disc whose edge fades out over about one pixel (fwidth: the offset's change per pixel),
  // drawn with blending: round at any size, with no staircase at the rim.
  mapper->SetSplatShaderCode(
      "//VTK::Color::Impl\n"
      "float dist = length(offsetVCVSOutput.xy);\n"
      "float edge = max(fwidth(dist), 1e-3);\n"
      "float coverage = 1.0 - smoothstep(1.0 - edge, 1.0 + edge, dist);\n"
      "if (coverage <= 0.0) discard;\n"
      "opacity *= coverage;\n");
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(rgb.r, rgb.g, rgb.b);
  actor->GetProperty()->SetLighting(false);
  return actor;
}

void setInput(vtkActor* actor, vtkPolyData* data) {
  vtkPolyDataMapper::SafeDownCast(actor->GetMapper())->SetInputData(data);
}

void setColoredInput(vtkActor* actor, vtkPolyData* data, const std::vector<Rgb>& colors) {
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetName("colour");
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(vtkIdType(colors.size()));
  auto byte = [](double c) {
    return static_cast<unsigned char>(std::lround(255 * std::clamp(c, 0.0, 1.0)));
  };
  for (size_t i = 0; i < colors.size(); ++i)
    rgb->SetTypedTuple(
        vtkIdType(i),
        std::array<unsigned char, 3>{byte(colors[i].r), byte(colors[i].g), byte(colors[i].b)}
            .data());
  data->GetPointData()->SetScalars(rgb);
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  mapper->SetInputData(data);
  mapper->ScalarVisibilityOn();
  mapper->SetColorModeToDirectScalars();
  mapper->SetScalarModeToUsePointData();
}

void markerStyle(vtkActor* actor, double size) {
  actor->GetProperty()->SetPointSize(size);
  actor->GetProperty()->SetRenderPointsAsSpheres(true);
}

NodeMarkers::NodeMarkers()
    : inserted(makeActor(color::kInserted)),
      toRemove(makeActor(color::kRemove)),
      removed(makeActor(Rgb{0.55, 0.05, 0.05})) {
  markerStyle(inserted, 11);
  markerStyle(toRemove, 11);
  markerStyle(removed, 6);
}

vtkSmartPointer<vtkCubeAxesActor> makeCubeAxes(vtkCamera* camera) {
  auto axes = vtkSmartPointer<vtkCubeAxesActor>::New();
  axes->SetCamera(camera);
  axes->SetFlyModeToOuterEdges();
  axes->SetLabelOffset(8);
  axes->SetTitleOffset(14);
  for (int a = 0; a < 3; ++a) {
    styleText(axes->GetTitleTextProperty(a), 14);
    styleText(axes->GetLabelTextProperty(a), 12);
    axes->GetTitleTextProperty(a)->SetJustificationToCentered();
    axes->GetLabelTextProperty(a)->SetJustificationToCentered();
  }
  axes->SetXLabelFormat("%.3g");
  axes->SetYLabelFormat("%.3g");
  axes->SetZLabelFormat("%.3g");
  axes->GetXAxesLinesProperty()->SetColor(color::kFrame.r, color::kFrame.g, color::kFrame.b);
  axes->GetYAxesLinesProperty()->SetColor(color::kFrame.r, color::kFrame.g, color::kFrame.b);
  axes->GetZAxesLinesProperty()->SetColor(color::kFrame.r, color::kFrame.g, color::kFrame.b);
  return axes;
}

std::vector<std::string> axisLabels(double lo, double hi, int count) {
  count = std::max(count, 2);
  const double step = hi > lo ? (hi - lo) / (count - 1) : 1.0;
  const int decimals = std::max(0, 1 - int(std::floor(std::log10(step))));
  const double scale = std::pow(10.0, decimals);
  std::vector<std::string> fixed, compact;
  size_t longest = 0;
  for (int k = 0; k < count; ++k) {
    char text[48];
    const double v = std::round((lo + step * k) * scale) / scale;
    std::snprintf(text, sizeof text, "%.*f", decimals, v == 0 ? 0.0 : v);  // never "-0.0"
    fixed.emplace_back(text);
    longest = std::max(longest, fixed.back().size());
    // Three significant digits, the exponent without its '+' and leading zeros: "-1.06e6".
    const double c = std::abs(v) < step * 1e-9 ? 0.0 : v;
    std::snprintf(text, sizeof text, "%.3g", c);
    std::string t = text;
    if (const size_t e = t.find('e'); e != std::string::npos)
      t = t.substr(0, e + 1) + std::to_string(std::stoi(t.substr(e + 1)));
    compact.push_back(t);
  }
  return longest <= 6 ? fixed : compact;
}

void setAxisRange(vtkCubeAxesActor* axes, int axis, double lo, double hi, int count,
                  AxisEnds ends) {
  std::vector<std::string> texts = axisLabels(lo, hi, count);
  if (ends == AxisEnds::Blank) texts.front() = texts.back() = "";
  vtkNew<vtkStringArray> labels;
  for (const std::string& text : texts) labels->InsertNextValue(text);
  axes->SetAxisLabels(axis, labels);
  if (axis == 0) axes->SetXAxisRange(lo, hi);
  if (axis == 1) axes->SetYAxisRange(lo, hi);
  if (axis == 2) axes->SetZAxisRange(lo, hi);
}

}  // namespace lreg::render
