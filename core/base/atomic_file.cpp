#include <lreg/base/atomic_file.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lreg/base/error.h>

namespace lreg {

namespace {

std::string systemError(const std::string& path, const std::string& what) {
  return path + ": " + what + " (" + std::strerror(errno) + ")";
}

// The folder of `path` ("." for a bare name), for the temporary file and the folder's fsync.
std::string folderOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// A new empty file ".NAME.XXXXXX" beside `path`; returns its name, `fd` open for writing.
std::string createTemporary(const std::string& path, int& fd) {
  const std::filesystem::path target(path);
  std::string name =
      (std::filesystem::path(folderOf(path)) / ("." + target.filename().string() + ".XXXXXX"))
          .string();
  fd = ::mkstemp(name.data());
  if (fd < 0) throw Error(systemError(path, "cannot write file"));
  // mkstemp makes the file private (0600); give it the target's mode, or what a plain create
  // would (0666 less the umask).
  struct stat st {};
  mode_t mode;
  if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  return name;
}

// Flushes `temp` to the disk, renames it over `path` and makes the rename durable.
void commit(const std::string& temp, int fd, const std::string& path) {
  if (::fsync(fd) != 0) {
    const Error e(systemError(path, "write failed (disk full?)"));
    ::close(fd);
    ::unlink(temp.c_str());
    throw e;
  }
  ::close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const Error e(systemError(path, "cannot replace file"));
    ::unlink(temp.c_str());
    throw e;
  }
  const int dir = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);  // best effort: the rename itself is already atomic
    ::close(dir);
  }
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& content) {
  int fd = -1;
  const std::string temp = createTemporary(path, fd);
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const Error e(systemError(path, "write failed (disk full?)"));
      ::close(fd);
      ::unlink(temp.c_str());
      throw e;
    }
    p += n;
    left -= size_t(n);
  }
  commit(temp, fd, path);
}

void replaceFileAtomically(const std::string& path,
                           const std::function<void(const std::string&)>& write) {
  int fd = -1;
  const std::string temp = createTemporary(path, fd);
  try {
    write(temp);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  // The writer may have replaced the file we created: flush what is at that name now.
  ::close(fd);
  fd = ::open(temp.c_str(), O_RDWR);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size == 0) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    throw Error(path + ": writing the file failed (nothing was written)");
  }
  commit(temp, fd, path);
}

std::string readFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw Error(path + ": cannot open file (" + std::strerror(errno) + ")");
  std::string text;
  char buffer[1 << 16];
  // One read into a buffer sized from the file when it is a regular file, else chunk by chunk.
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    std::rewind(f);
    if (size > 0) text.reserve(size_t(size));
  }
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, got);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw Error(path + ": read error");
  return text;
}

}  // namespace lreg
