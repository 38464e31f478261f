#include <iostream>

#include <lreg/base/communicator.h>
#include <lreg/base/parallel.h>
#include <lreg/engine/backend.h>
#include <lreg/io/json.h>
#include <lreg/version.h>
#include "app/cli/commands.h"

namespace lreg::cli {

namespace {

int runInfo(bool json) {
  const CudaStatus& cuda = cudaStatus();
  const MpiStatus mpi = mpiStatus();
  Json j = Json::makeObject();
  j.set("version", kVersion);
  j.set("build", Json::Object{{"type", kBuildType},
                              {"cuda", cuda.compiled},
                              {"mpi", mpi.compiled},
                              {"options", kBuildOptions}});
  Json backends = Json::makeObject();
  backends.set("cpu", Json::Object{{"threads", threadCount()}});
  // "gpu": whether the machine has one at all (false: no driver or no device), which decides
  // whether `--device auto` says it falls back to the CPU.
  Json c =
      Json::Object{{"compiled", cuda.compiled}, {"devices", cuda.devices}, {"gpu", !cuda.noGpu}};
  if (!cuda.name.empty()) c.set("name", cuda.name);
  if (cuda.devices == 0) c.set("reason", cuda.reason);
  backends.set("cuda", std::move(c));
  Json m = Json::Object{{"compiled", mpi.compiled}, {"running", mpi.running}, {"ranks", mpi.size}};
  if (mpi.compiled) m.set("library", mpi.library);
  backends.set("mpi", std::move(m));
  j.set("backends", std::move(backends));
  if (json) {
    std::cout << j.dump() << std::endl;
    return 0;
  }
  std::cout << "lreg " << kVersion << " (" << kBuildOptions << ")\n"
            << "cpu:  " << threadCount() << " threads\n"
            << "cuda: " << (cuda.compiled ? "compiled" : "not compiled") << ", " << cuda.devices
            << " device(s)" << (cuda.devices ? " (" + cuda.name + ")" : " (" + cuda.reason + ")")
            << "\n"
            << "mpi:  "
            << (mpi.compiled ? "compiled (" + mpi.library + "), " +
                                   (mpi.running ? std::to_string(mpi.size) + " ranks"
                                                : std::string("not started by mpirun"))
                             : std::string("not compiled"))
            << "\n";
  return 0;
}

}  // namespace

std::function<int()> defineInfo(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  app.add_flag("--json", *json, "print one JSON object");
  return [json] { return runInfo(*json); };
}

}  // namespace lreg::cli
