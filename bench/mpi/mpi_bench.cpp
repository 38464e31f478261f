// What a data-parallel fit's communication costs per collective, for bench/scale.py's scaling
// model: the sum of one pass's 1D interval sums (7 (D - 1) doubles, Communicator::sum: gathered
// to rank 0, added in rank order, broadcast) for several D, and the gather of the placement
// sample's rows (about 16 max(50000, 64 D) rows of x and y, spread over the ranks).
//   mpirun -n R lreg_mpi_bench [--repeats 400]
// Rank 0 prints a Markdown table: microseconds per collective and the bytes each rank moved.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <lreg/base/communicator.h>

using namespace lreg;

namespace {

struct Cost {
  double seconds;
  long bytes;
};

template <class F>
Cost measure(Communicator& comm, int repeats, const F& collective) {
  for (int i = 0; i < 5; ++i) collective();  // warm-up
  double agreed = 0;
  comm.max(&agreed, 1);  // start together
  const long before = comm.bytesMoved();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < repeats; ++i) collective();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / repeats;
  const long bytes = (comm.bytesMoved() - before) / repeats;
  comm.max(&seconds, 1);  // the slowest rank's time
  return {seconds, bytes};
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 400;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--repeats") repeats = std::max(1, std::stoi(argv[i + 1]));
  Communicator& comm = worldCommunicator();
  const int R = comm.size(), r = comm.rank();
  if (r == 0)
    std::printf(
        "| collective (%d ranks) | payload | time per call | bytes per rank |\n"
        "|---|---|---|---|\n",
        R);
  for (const int D : {256, 1024, 4096, 16384}) {
    std::vector<double> sums(size_t(7) * (D - 1), double(r + 1));
    const Cost c = measure(comm, repeats, [&] { comm.sum(sums.data(), long(sums.size())); });
    if (r == 0)
      std::printf("| sum of a pass's interval sums, D = %d | %zu doubles | %.1f us | %ld |\n", D,
                  sums.size(), 1e6 * c.seconds, c.bytes);
  }
  for (const long rows : {1L << 20, 1L << 21}) {
    std::vector<double> mine(size_t(2 * rows / R), 1.0);
    const Cost c = measure(comm, std::max(1, repeats / 40), [&] { (void)comm.gather(mine); });
    if (r == 0)
      std::printf("| gather of the placement rows | %ld rows (x, y) | %.0f us | %ld |\n", rows,
                  1e6 * c.seconds, c.bytes);
  }
  return 0;
}
