// Numbers as people read them in messages, tables and labels.
#pragma once

#include <string>

namespace lreg {

/// `v` as printf's %g with `digits` significant digits: "0.1235", "1e+06", "nan".
std::string significant(double v, int digits = 6);

}  // namespace lreg
