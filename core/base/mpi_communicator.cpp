// The MPI communicator: the only translation unit that includes <mpi.h>. Only the main thread
// calls MPI (MPI_THREAD_FUNNELED); the data passes' worker threads never do.
// The C API only (no deprecated C++ bindings).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <memory>

#include <lreg/base/communicator.h>

namespace lreg {
namespace {

bool startedByLauncher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(std::string("MPI: ") + what + " failed: " + std::string(text, size_t(length)));
}

int intCount(long n) {
  if (n < 0 || n > INT_MAX) throw Error("MPI: a message of " + std::to_string(n) + " values");
  return int(n);
}

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiCommunicator() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  // Rank 0 gathers the processes' partial values a chunk at a time (its buffer stays small for
  // any number of values), adds them in rank order and broadcasts the result.
  void sum(double* data, long n) override {
    count(2 * n * long(sizeof(double)));
    constexpr long kChunk = 1L << 16;
    std::vector<double> all(rank_ == 0 ? size_t(std::min(n, kChunk)) * size_t(size_) : 0);
    for (long first = 0; first < n; first += kChunk) {
      const int m = int(std::min(kChunk, n - first));
      check(MPI_Gather(data + first, m, MPI_DOUBLE, all.data(), m, MPI_DOUBLE, 0, MPI_COMM_WORLD),
            "MPI_Gather");
      if (rank_ == 0)
        for (int i = 0; i < m; ++i) {
          double s = all[size_t(i)];
          for (int r = 1; r < size_; ++r) s += all[size_t(r) * size_t(m) + size_t(i)];
          data[first + i] = s;
        }
    }
    for (long first = 0; first < n; first += kChunk)
      check(
          MPI_Bcast(data + first, int(std::min(kChunk, n - first)), MPI_DOUBLE, 0, MPI_COMM_WORLD),
          "MPI_Bcast");
  }
  void sum(long* data, long n) override { reduce(data, n, MPI_LONG, MPI_SUM); }
  void min(double* data, long n) override { reduce(data, n, MPI_DOUBLE, MPI_MIN); }
  void max(double* data, long n) override { reduce(data, n, MPI_DOUBLE, MPI_MAX); }

  std::vector<double> gather(const std::vector<double>& local) override {
    int mine = intCount(long(local.size()));
    std::vector<int> counts(size_), offsets(size_, 0);
    check(MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD),
          "MPI_Allgather");
    long total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[size_t(r)] = intCount(total);
      total += counts[size_t(r)];
    }
    std::vector<double> all(size_t(intCount(total)));
    count(long(sizeof(double)) * (long(local.size()) + total));
    check(MPI_Allgatherv(local.data(), mine, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                         MPI_DOUBLE, MPI_COMM_WORLD),
          "MPI_Allgatherv");
    return all;
  }

  long exclusivePrefix(long value) override {
    long before = 0;
    count(2 * long(sizeof(long)));
    check(MPI_Exscan(&value, &before, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD), "MPI_Exscan");
    return rank_ == 0 ? 0 : before;
  }

  void agree(const std::string& failure) override {
    int failed = failure.empty() ? 0 : 1, any = 0;
    count(2 * long(sizeof(int)));
    check(MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
    if (!any) return;
    // Every process learns every failure: the lengths first, then the text.
    int length = intCount(long(failure.size()));
    std::vector<int> lengths(size_), offsets(size_, 0);
    check(MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD),
          "MPI_Allgather");
    long total = 0;
    for (int r = 0; r < size_; ++r) offsets[size_t(r)] = intCount(total), total += lengths[r];
    std::string text(size_t(total), '\0');
    check(MPI_Allgatherv(failure.data(), length, MPI_CHAR, text.data(), lengths.data(),
                         offsets.data(), MPI_CHAR, MPI_COMM_WORLD),
          "MPI_Allgatherv");
    std::string message;
    for (int r = 0; r < size_; ++r)
      if (lengths[size_t(r)] > 0)
        message += (message.empty() ? "" : "; ") + std::string("rank ") + std::to_string(r) +
                   " of " + std::to_string(size_) + ": " +
                   text.substr(size_t(offsets[size_t(r)]), size_t(lengths[size_t(r)]));
    throw CollectiveError(message);
  }

 private:
  template <class T>
  void reduce(T* data, long n, MPI_Datatype type, MPI_Op op) {
    count(2 * n * long(sizeof(T)));
    check(MPI_Allreduce(MPI_IN_PLACE, data, intCount(n), type, op, MPI_COMM_WORLD),
          "MPI_Allreduce");
  }
  void count(long bytes) {
    bytes_ += bytes;
    ++calls_;
  }

  int rank_ = 0, size_ = 1;
};

std::unique_ptr<MpiCommunicator>& world() {
  static std::unique_ptr<MpiCommunicator> w;
  return w;
}

}  // namespace

Communicator& worldCommunicator() {
  if (!startedByLauncher()) return serialCommunicator();
  if (!world()) world() = std::make_unique<MpiCommunicator>();
  return *world();
}

MpiStatus mpiStatus() {
  MpiStatus s;
  s.compiled = true;
  char version[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(version, &length);
  s.library = std::string(version, size_t(length));
  s.library = s.library.substr(0, s.library.find_first_of(",\n"));
  if (world()) {
    s.running = true;
    s.size = world()->size();
    s.rank = world()->rank();
  }
  return s;
}

void abortAll(int status) {
  if (world()) MPI_Abort(MPI_COMM_WORLD, status);
  std::exit(status);
}

}  // namespace lreg
