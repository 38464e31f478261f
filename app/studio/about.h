// The About box's text: what the app is, its version and how it was built.
#pragma once

#include <QString>

namespace lreg::studio {

/// Rich text: the version (lreg::kVersion), the library's build options (lreg::kBuildOptions,
/// as `lreg info` reports them) and the Qt and VTK versions the app runs with.
QString aboutText();

}  // namespace lreg::studio
