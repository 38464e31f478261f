// Built when MPI is not compiled in: one process, always.
#include <cstdlib>

#include <lreg/base/communicator.h>

namespace lreg {

Communicator& worldCommunicator() {
  return serialCommunicator();
}

MpiStatus mpiStatus() {
  return {};
}

void abortAll(int status) {
  std::exit(status);
}

}  // namespace lreg
