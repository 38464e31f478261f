// Large arrays in transparent huge pages: asks the kernel (Linux, THP in "madvise" mode as on
// Debian) to back a fresh buffer with 2 MiB pages. The first touch of a 160 MB array then costs
// 80 page faults instead of 40,000 -- in a virtual machine most of a 10^7-point fit's time.
#pragma once

#include <cstddef>

namespace lreg::detail {

/// Advises huge pages for the whole pages inside [data, data + bytes); call it before the
/// buffer is first written. Does nothing for small buffers or where unsupported.
void adviseHugePages(void* data, std::size_t bytes);

}  // namespace lreg::detail
