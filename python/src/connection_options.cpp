#include "connection_options.h"

#include <functional>
#include <map>

#include "option_values.h"

namespace lreg::python {
namespace {

using Setter = std::function<void(ConnectOptions&, py::handle, const std::string&)>;

// Ranges as app/cli/command_connect.cpp declares them.
const std::map<std::string, Setter>& setters() {
  using H = py::handle;
  using S = const std::string&;
  using O = ConnectOptions&;
  static const std::map<std::string, Setter> table = {
      {"components", [](O o, H v, S n) { o.connection.components = smallWhole(v, n, 1, 100000); }},
      {"dof", [](O o, H v, S n) { o.connection.dof = smallWhole(v, n, 2, 1000000); }},
      {"epochs", [](O o, H v, S n) { o.epochs = smallWhole(v, n, 0, 100000); }},
      {"lr", [](O o, H v, S n) { o.connection.learningRate = real(v, n, 0.0); }},
      {"projection_lr", [](O o, H v, S n) { o.connection.projectionRate = real(v, n, 0.0); }},
      {"batch", [](O o, H v, S n) { o.connection.batchSize = smallWhole(v, n, 1); }},
      {"hard", [](O o, H v, S n) { o.connection.hardPerBatch = smallWhole(v, n, 0); }},
      {"mesh_updates",
       [](O o, H v, S n) { o.connection.meshUpdatesPerEpoch = smallWhole(v, n, 0, 100000); }},
      {"seed", [](O o, H v, S n) { o.connection.seed = std::uint64_t(whole(v, n, 0)); }},
      {"threads", [](O o, H v, S n) { o.threads = smallWhole(v, n, 1, 1024); }},
  };
  return table;
}

}  // namespace

ConnectOptions connectOptions(const py::dict& options) {
  return readOptions<ConnectOptions>(options, setters());
}

py::dict defaultConnectOptions() {
  const ConnectOptions o;
  const ConnectionOptions& c = o.connection;
  py::dict d;
  d["components"] = c.components;
  d["dof"] = c.dof;
  d["epochs"] = o.epochs;
  d["lr"] = c.learningRate;
  d["projection_lr"] = c.projectionRate;
  d["batch"] = c.batchSize;
  d["hard"] = c.hardPerBatch;
  d["mesh_updates"] = c.meshUpdatesPerEpoch;
  d["seed"] = c.seed;
  d["threads"] = py::none();
  return d;
}

}  // namespace lreg::python
