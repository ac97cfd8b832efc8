#include "state_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io.h"

namespace fep::cli {

Result<trust::Seen> read_state(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return trust::Seen{};
  const auto text = read_input(path);
  if (!text) return text.error();
  auto seen = trust::Seen::parse(*text);
  if (!seen) return Error{seen.code(), path + ": " + seen.error().detail};
  return seen;
}

Status write_state(const std::string& path, const trust::Seen& seen) {
  const std::string temporary = path + ".tmp";
  const std::string text = seen.to_json().dump(2) + "\n";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Error{ErrorCode::unavailable, "cannot write " + temporary + ": " + std::strerror(errno)};
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Error{ErrorCode::unavailable, "cannot replace " + path};
  }
  return {};
}

}  // namespace fep::cli
