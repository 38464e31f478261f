// Colour maps of the 2D/3D views: a perceptually uniform map for values (viridis, so the
// picture still reads in grey) and a white-to-dark-red map for residuals (zero is invisible).
#pragma once

#include <vtkSmartPointer.h>

#include "render/field_view_options.h"

class vtkLookupTable;

namespace lreg::render {

/// A 256-entry table over [lo, hi] (hi > lo is enforced by widening an empty range).
vtkSmartPointer<vtkLookupTable> fieldColors(ColorBy what, double lo, double hi);

}  // namespace lreg::render
