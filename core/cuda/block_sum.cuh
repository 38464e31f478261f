// The end of every per-element kernel: a block's per-thread sums reduced in shared memory in a
// fixed order (so results are deterministic) and written as one output row.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>

namespace lreg::detail {

constexpr int kBlockThreads = 128;

/// Sums acc[0..Q) over the block's threads into out[row * Q .. row * Q + Q).
template <int Q>
__device__ void blockSumToRow(const double* acc, double* out, size_t row) {
  __shared__ double partial[Q][kBlockThreads];
  for (int q = 0; q < Q; ++q) partial[q][threadIdx.x] = acc[q];
  __syncthreads();
  for (int stride = kBlockThreads / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride)
      for (int q = 0; q < Q; ++q) partial[q][threadIdx.x] += partial[q][threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0)
    for (int q = 0; q < Q; ++q) out[row * Q + q] = partial[q][0];
}

}  // namespace lreg::detail
