// Whole-file writes that never leave a half-written file behind: the new content goes to a
// uniquely named temporary file in the same folder, is flushed to the disk (fsync), and is
// renamed over the target in one step. A writer killed at any moment leaves the old file intact
// (at worst a hidden ".NAME.XXXXXX" temporary beside it).
#pragma once

#include <functional>
#include <string>

namespace lreg {

/// Writes `content` to `path` atomically. Throws Error naming `path` when any step fails (the
/// temporary file is removed).
void writeFileAtomically(const std::string& path, const std::string& content);

/// The same for writers that need a file name (image writers, ...): `write(temporaryPath)`
/// creates the file's content; it is then flushed and renamed over `path`. An exception from
/// `write` removes the temporary and propagates; a write that leaves the temporary empty
/// throws Error.
void replaceFileAtomically(const std::string& path,
                           const std::function<void(const std::string& temporaryPath)>& write);

/// Reads a whole file; throws Error naming `path` when it cannot be opened.
std::string readFile(const std::string& path);

}  // namespace lreg
