// The processes of a data-parallel fit (MPI ranks) and the few collective operations a fit
// needs: sums of per-interval or per-simplex partial sums, the placement sample gathered from
// every process, the input range, and an agreement on errors so that no process waits for one
// that has failed. The serial communicator (one process) does nothing; the MPI one lives in
// base/mpi_communicator.cpp, the only translation unit that sees MPI (built when CMake finds it).
#pragma once

#include <string>
#include <vector>

#include <lreg/base/error.h>

namespace lreg {

/// Thrown on every process at once by Communicator::agree(): all of them stop with this message.
class CollectiveError : public Error {
 public:
  using Error::Error;
};

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;

  /// data[i] becomes its sum over the processes. The processes' values are added in rank order,
  /// left to right ((p0 + p1) + p2 ...), by rank 0, and sent back, so every process holds the
  /// same bits whatever reduction algorithm the MPI library prefers.
  virtual void sum(double* data, long n) = 0;
  /// Exact sums of integers.
  virtual void sum(long* data, long n) = 0;
  virtual void min(double* data, long n) = 0;
  virtual void max(double* data, long n) = 0;
  /// Every process's `local` values concatenated in rank order, on every process.
  virtual std::vector<double> gather(const std::vector<double>& local) = 0;
  /// The sum of `value` over the processes of lower rank (0 on rank 0).
  virtual long exclusivePrefix(long value) = 0;
  /// Collective: when any process passes a non-empty failure, every process throws a
  /// CollectiveError whose message names each failing rank and what it said.
  virtual void agree(const std::string& failure) = 0;

  /// Payload bytes this process has sent plus received in collectives so far, and how many
  /// collectives it took part in (the benchmarks report both).
  long bytesMoved() const { return bytes_; }
  long collectives() const { return calls_; }

 protected:
  long bytes_ = 0, calls_ = 0;
};

/// One process: sums and gathers are the identity, agree() throws for a failure.
Communicator& serialCommunicator();

struct MpiStatus {
  bool compiled = false;  ///< built with MPI
  bool running = false;   ///< started by an MPI launcher and initialised
  int size = 1, rank = 0;
  std::string library;  ///< the MPI library's version line, when compiled
};

/// The processes of this program: MPI's world when built with MPI and started by an MPI launcher
/// (mpirun sets OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_RANK), the serial communicator otherwise.
/// The first call initialises MPI; it is finalised at exit.
Communicator& worldCommunicator();
MpiStatus mpiStatus();
/// Ends every process of the job now (MPI_Abort) for an error that only this process has seen;
/// without MPI it exits. Never returns.
[[noreturn]] void abortAll(int status);

}  // namespace lreg
