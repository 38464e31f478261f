// The headless mode for scripts and tests: load the data (or open a session), run K
// iterations, write the window's picture and/or the best model, print a one-line summary and
// exit (0 on success).
#pragma once

#include <functional>

#include "app/studio/command_line.h"

namespace lreg::studio {

class StudioSession;

/// Needs a QApplication on a platform that can host OpenGL (an X server; Xvfb will do).
/// `setUp` prepares the session before anything loads (the app turns its autosave on there).
int runHeadless(const StudioCommand& command,
                const std::function<void(StudioSession&)>& setUp = {});

}  // namespace lreg::studio
