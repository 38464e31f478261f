#include "render/field_colors.h"

#include <vtkColorTransferFunction.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>

#include <algorithm>
#include <cmath>

namespace lreg::render {

vtkSmartPointer<vtkLookupTable> fieldColors(ColorBy what, double lo, double hi) {
  if (!(hi > lo)) {
    const double pad = std::max(1e-12, 1e-6 * std::abs(lo));
    lo -= pad;
    hi += pad;
  }
  // Control points: viridis at five stops; residuals from white through orange to dark red.
  static constexpr double kViridis[5][3] = {{0.267, 0.005, 0.329},
                                            {0.229, 0.322, 0.546},
                                            {0.128, 0.567, 0.551},
                                            {0.369, 0.789, 0.383},
                                            {0.993, 0.906, 0.144}};
  static constexpr double kHeat[5][3] = {{1.0, 1.0, 1.0},
                                         {1.0, 0.87, 0.55},
                                         {0.99, 0.55, 0.24},
                                         {0.85, 0.19, 0.12},
                                         {0.45, 0.0, 0.05}};
  const auto& stops = what == ColorBy::Value ? kViridis : kHeat;
  vtkNew<vtkColorTransferFunction> ramp;
  for (int k = 0; k < 5; ++k) ramp->AddRGBPoint(k / 4.0, stops[k][0], stops[k][1], stops[k][2]);
  auto table = vtkSmartPointer<vtkLookupTable>::New();
  table->SetNumberOfTableValues(256);
  table->SetRange(lo, hi);
  for (int i = 0; i < 256; ++i) {
    double rgb[3];
    ramp->GetColor(i / 255.0, rgb);
    table->SetTableValue(i, rgb[0], rgb[1], rgb[2], 1.0);
  }
  table->Build();
  return table;
}

}  // namespace lreg::render
