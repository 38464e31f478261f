// Text taken from a file or a command line, made safe to show in a one-line message.
#pragma once

#include <string>
#include <string_view>

namespace lreg {

/// `text` with every control character, DEL and byte that is not part of valid UTF-8 written as
/// an escape (\n, \r, \t, \\x00, \\xff, ...); valid UTF-8 (names like "café") stays as it is. A
/// NUL byte inside a CSV field thus shows as \x00 instead of cutting the message short.
std::string printable(std::string_view text);

}  // namespace lreg
