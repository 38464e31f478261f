// Progress of a fit on stderr: a redrawn bar on a terminal, plain lines otherwise.
#pragma once

#include <string>

#include <lreg/engine/snapshot.h>

namespace lreg::cli {

class Progress {
 public:
  /// `budget`: the iteration budget; `quiet`: print nothing.
  Progress(int budget, bool quiet);
  ~Progress();
  /// Called with every snapshot; reports after each Train phase.
  void update(const Snapshot& s);
  /// Ends the bar's line (terminal mode).
  void finish();

 private:
  int budget_;
  bool quiet_, tty_, open_ = false;
};

}  // namespace lreg::cli
