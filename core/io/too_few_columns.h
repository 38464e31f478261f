// The one message every reader gives for a file with too few columns for its target count.
#pragma once

#include <string>

namespace lreg::detail {

inline std::string tooFewColumns(int targets, long found) {
  return "expected at least " + std::to_string(targets + 1) + " columns (inputs, then " +
         std::to_string(targets) + " target column" + (targets == 1 ? "" : "s") + "), found " +
         std::to_string(found);
}

}  // namespace lreg::detail
