#include "io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fep::cli {
namespace {

constexpr std::size_t kMaxInputSize = 16 * 1024 * 1024;

}  // namespace

Result<std::string> read_input(const std::string& path) {
  FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return Error{ErrorCode::unavailable, "cannot read " + path + ": " + std::strerror(errno)};
  std::string contents;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) {
    contents.append(buffer, n);
    if (contents.size() > kMaxInputSize) break;
  }
  const bool failed = std::ferror(file) != 0;
  if (file != stdin) std::fclose(file);
  if (failed) return Error{ErrorCode::unavailable, "cannot read " + path};
  if (contents.size() > kMaxInputSize) return Error{ErrorCode::too_large, path + " is larger than 16 MiB"};
  return contents;
}

bool write_private_file(const std::string& path, const std::string& contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    fail(ErrorCode::unavailable, "cannot create " + path + ": " + std::strerror(errno));
    return false;
  }
  const bool written = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size());
  return ::close(fd) == 0 && written;
}

int fail(ErrorCode code, const std::string& detail) {
  std::string line = "error: " + std::string(to_string(code)) + ": " + std::string(default_message(code));
  if (!detail.empty()) line += " (" + detail + ")";
  // Details can quote hostile input: keep the promise of exactly one printable line.
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  return kFailed;
}

int fail(const Error& error) { return fail(error.code, error.detail); }

int usage_error(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "fep %s: %s\nRun 'fep %s --help' for usage.\n", command.c_str(), message.c_str(),
               command.c_str());
  return kUsage;
}

int print_help(const char* text) {
  std::fputs(text, stdout);
  return kOk;
}

std::optional<std::int64_t> parse_integer(const std::string& text, std::int64_t min, std::int64_t max) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  if (value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace fep::cli
