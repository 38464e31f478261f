#include <lreg/base/error.h>

namespace lreg {

std::string locatedMessage(const std::string& file, long line, long column,
                           const std::string& what) {
  std::string s = file;
  if (line > 0) s.append(":").append(std::to_string(line));
  if (line > 0 && column > 0) s.append(":").append(std::to_string(column));
  return s.append(": ").append(what);
}

}  // namespace lreg
