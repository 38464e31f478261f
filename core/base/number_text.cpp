#include <lreg/base/number_text.h>

#include <cstdio>

namespace lreg {

std::string significant(double v, int digits) {
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", digits, v);
  return text;
}

}  // namespace lreg
