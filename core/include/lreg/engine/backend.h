// Compute backends: the multi-threaded CPU path everywhere, CUDA where it was compiled in and
// a GPU is usable. The choice is made once per fit (MrcOptions::device).
#pragma once

#include <string>

namespace lreg {

enum class Device { Auto, Cpu, Cuda };

Device parseDevice(const std::string& name);  ///< "auto", "cpu", "cuda"; throws Error otherwise
std::string deviceName(Device device);

struct CudaStatus {
  bool compiled = false;  ///< built with the CUDA backend
  int devices = 0;        ///< usable GPUs
  std::string name;       ///< the first GPU's name
  std::string reason;     ///< why there is none (driver missing, not compiled, ...)
  /// No GPU to use at all (no NVIDIA driver loaded, or no device): the CPU is then the expected
  /// path, not a fallback worth a warning.
  bool noGpu = true;
};

/// Queried once per process (a CUDA runtime call); cheap afterwards.
const CudaStatus& cudaStatus();

/// Auto becomes Cuda when usable, else Cpu (then `note`, when given, says why: left empty where
/// the machine has no GPU at all, CudaStatus::noGpu). Cuda when unusable throws Error
/// "no usable CUDA device (reason)"; callers name their own spelling of the choice before it.
Device resolveDevice(Device requested, std::string* note = nullptr);

}  // namespace lreg
