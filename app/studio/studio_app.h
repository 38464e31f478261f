// The whole of lreg-studio's main(): parse the command line, set OpenGL up before the
// QApplication exists (PLATFORM.md), then open the window or run headless.
#pragma once

namespace lreg::studio {

int runStudio(int argc, char** argv);

}  // namespace lreg::studio
