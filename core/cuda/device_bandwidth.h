// The GPU's streaming read bandwidth, measured: what the data-pass kernels are compared with.
#pragma once

#include <cstddef>

namespace lreg::detail {

/// Bytes per second of a kernel that reads `bytes` of device memory once (the best of a few
/// runs). Throws Error without a usable GPU.
double deviceReadBandwidth(size_t bytes);

}  // namespace lreg::detail
