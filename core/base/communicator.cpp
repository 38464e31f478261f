#include <lreg/base/communicator.h>

namespace lreg {
namespace {

class SerialCommunicator final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(double*, long) override {}
  void sum(long*, long) override {}
  void min(double*, long) override {}
  void max(double*, long) override {}
  std::vector<double> gather(const std::vector<double>& local) override { return local; }
  long exclusivePrefix(long) override { return 0; }
  void agree(const std::string& failure) override {
    if (!failure.empty()) throw CollectiveError(failure);
  }
};

}  // namespace

Communicator& serialCommunicator() {
  static SerialCommunicator serial;
  return serial;
}

}  // namespace lreg
