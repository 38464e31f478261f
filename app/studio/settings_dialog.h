// Settings → Compute: where the engine's data passes run (auto / cpu / cuda, MrcOptions::device)
// and how many threads they use (lreg::setThreadCount). CUDA is offered only where a GPU is
// usable; otherwise the dialog says why (core/backend.h's reason).
#pragma once

#include <lreg/engine/backend.h>

class QWidget;

namespace lreg::studio {

/// The most CPU threads one may ask for (as the command line's --threads).
inline constexpr int kMaxThreads = 1024;

struct ComputeSettings {
  Device device = Device::Auto;
  int threads = 0;  ///< 0: every core; at most kMaxThreads
};

/// Asks for new settings, starting from `settings`; false when cancelled.
bool askComputeSettings(QWidget* parent, ComputeSettings& settings);

/// Why CUDA can't be used here (empty when it can).
std::string cudaUnavailableReason();

}  // namespace lreg::studio
