// The one exception type the engine throws for bad input or usage. Its message is meant to be
// shown to a user as is: it names the file, line and column where there is one.
#pragma once

#include <stdexcept>
#include <string>

namespace lreg {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "FILE:LINE:COLUMN: what" (line/column omitted when 0), the format of every input error.
std::string locatedMessage(const std::string& file, long line, long column,
                           const std::string& what);

}  // namespace lreg
