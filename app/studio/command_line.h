// lreg-studio's command line (on CLI11, with lreg's shared options: app/common). Parsed before
// any QApplication exists, so --help works anywhere.
//   lreg-studio [--dataset NAME | --data FILE | FILE | --session FILE | --connection-demo]
//               [--iterations K] [--view fit|connection|field] [--screenshot FILE.png]
//               [--size WxH] [--model-out FILE.json] [--best-placement] [...]
// With --screenshot, --model-out or --connection-figure the app runs headless: load, run K
// iterations (or train the connection E epochs), write, exit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <lreg/engine/mrc_options.h>
#include "app/studio/data_bundle.h"

namespace lreg::studio {

struct StudioCommand {
  bool help = false;
  bool version = false;
  std::optional<DataRequest> data;  ///< what to load at start (none: the window opens empty)
  std::string session;              ///< a saved session to open at start (instead of data)
  int iterations = -1;              ///< K; -1: run until the loop converges (headless)
  std::string screenshot;           ///< PNG of the window (headless)
  std::string modelOut;             ///< the best model's JSON (headless)
  bool bestPlacement = false;       ///< search the best placement after the run (headless)
  int width = 1280, height = 800;   ///< window size (and the screenshot's)
  bool sizeGiven = false;
  int threads = 0;     ///< --threads; 0: all cores
  MrcOptions options;  ///< --dof, --fit, --iterations, --device
  /// The Connection view on the Fashion-MNIST demo, trained for connectionEpochs epochs.
  bool connectionDemo = false;
  int connectionEpochs = 1;
  long connectionSamples = 6000;  ///< training images of the demo's base and connection
  std::string connectionFigure;   ///< the Connection view's figure (.png/.svg/.pdf; headless)
  /// The tab shown: "fit" (default), "connection" (default with --connection-demo), "field".
  std::string view;

  bool headless() const {
    return !screenshot.empty() || !modelOut.empty() || !connectionFigure.empty();
  }
  bool hasInput() const { return data.has_value() || !session.empty() || connectionDemo; }
};

/// Throws Error (an app::UsageError) with a one-line message for unknown options, missing or
/// bad values; numbers out of range are named as typed.
StudioCommand parseCommandLine(const std::vector<std::string>& args);
std::string usageText();

}  // namespace lreg::studio
