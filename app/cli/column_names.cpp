// The warning `lreg predict` and `lreg eval` give when a CSV's column names are not the model's.
#include <iostream>

#include <lreg/base/printable.h>
#include <lreg/data/dataset.h>
#include <lreg/io/npy.h>
#include "app/cli/commands.h"

namespace lreg::cli {

void warnIfNamesDiffer(const std::string& command, const std::string& input,
                       const std::vector<std::string>& names,
                       const std::vector<std::string>& modelNames) {
  const int d = int(modelNames.size());
  if (isNpyPath(input) || names == modelNames || int(names.size()) != d ||
      modelNames == defaultNames("x", d))
    return;
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& n : v) s += (s.empty() ? "'" : ", '") + printable(n) + "'";
    return s;
  };
  std::cerr << "lreg " << command << ": warning: " << printable(input) << ": the columns are "
            << list(names) << ", the model's inputs " << list(modelNames)
            << " (columns are taken in order, not by name)\n";
}

}  // namespace lreg::cli
