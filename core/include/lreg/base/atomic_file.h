// Whole-file writes that never leave a half-written file behind.
#pragma once

#include <string>

namespace lreg {

/// Writes `content` to a temporary file in the same folder as `path`, then renames it over
/// `path`. Throws Error naming `path` when any step fails (the temporary file is removed).
void writeFileAtomically(const std::string& path, const std::string& content);

/// Reads a whole file; throws Error naming `path` when it cannot be opened.
std::string readFile(const std::string& path);

}  // namespace lreg
