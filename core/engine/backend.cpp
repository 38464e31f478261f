#include <lreg/engine/backend.h>

#include <lreg/base/error.h>
#include <lreg/base/printable.h>

namespace lreg {

CudaStatus queryCuda();  // cuda/device_query.cu, or cuda/no_cuda.cpp

Device parseDevice(const std::string& name) {
  if (name == "auto") return Device::Auto;
  if (name == "cpu") return Device::Cpu;
  if (name == "cuda") return Device::Cuda;
  throw Error("unknown device '" + printable(name) + "' (use auto, cpu or cuda)");
}

std::string deviceName(Device device) {
  return device == Device::Cuda ? "cuda" : device == Device::Cpu ? "cpu" : "auto";
}

const CudaStatus& cudaStatus() {
  static const CudaStatus status = queryCuda();
  return status;
}

Device resolveDevice(Device requested, std::string* note) {
  if (requested == Device::Cpu) return Device::Cpu;
  const CudaStatus& cuda = cudaStatus();
  if (cuda.devices > 0) return Device::Cuda;
  if (requested == Device::Cuda) throw Error("no usable CUDA device (" + cuda.reason + ")");
  if (note && cuda.compiled && !cuda.noGpu)
    *note = "no usable CUDA device (" + cuda.reason + "); using the CPU";
  return Device::Cpu;
}

}  // namespace lreg
