#include "app/cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace lreg::cli {

Progress::Progress(int budget, bool quiet)
    : budget_(budget), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() {
  finish();
}

void Progress::update(const Snapshot& s) {
  if (quiet_ || !completesFit(s)) return;
  const double rmse = s.hasValidation ? s.validation.rmse : s.train.rmse;
  if (tty_) {
    const int width = 30;
    const int done = budget_ > 0 ? std::min(width, s.iteration * width / budget_) : width;
    std::fprintf(stderr, "\r[%.*s%*s] iteration %d/%d  train RMSE %.4g  (%.1f s)", done,
                 "##############################", width - done, "", s.iteration, budget_, rmse,
                 s.totalSeconds);
    open_ = true;
  } else {
    std::fprintf(stderr, "iteration %d/%d: train RMSE %.6g, MAE %.6g (%.2f s)\n", s.iteration,
                 budget_, s.train.rmse, s.train.mae, s.totalSeconds);
  }
  std::fflush(stderr);
}

void Progress::finish() {
  if (open_) std::fputc('\n', stderr);
  open_ = false;
}

}  // namespace lreg::cli
