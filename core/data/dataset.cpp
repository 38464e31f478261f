#include <lreg/data/dataset.h>

namespace lreg {

std::vector<std::string> defaultNames(const std::string& stem, int count) {
  if (count == 1) return {stem};
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) names.push_back(stem + std::to_string(k + 1));
  return names;
}

std::vector<std::string> namesOrDefault(const std::vector<std::string>& names,
                                        const std::string& stem, int count) {
  return int(names.size()) == count ? names : defaultNames(stem, count);
}

}  // namespace lreg
