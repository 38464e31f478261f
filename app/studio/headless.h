// The headless mode for scripts and tests: load the data, run K iterations, write the window's
// picture and/or the best model, print a one-line summary and exit (0 on success).
#pragma once

#include "app/studio/command_line.h"

namespace lreg::studio {

/// Needs a QApplication on a platform that can host OpenGL (an X server; Xvfb will do).
int runHeadless(const StudioCommand& command);

}  // namespace lreg::studio
