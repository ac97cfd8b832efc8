// File access and the tool's output conventions (exit codes and the one-line error format).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/result.h"

namespace fep::cli {

enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2 };

// Whole file, or standard input for "-". unavailable if it cannot be read; too_large over 16 MiB.
Result<std::string> read_input(const std::string& path);

// Creates `path` with mode 0600, refusing to overwrite an existing file.
bool write_private_file(const std::string& path, const std::string& contents);

// Prints "error: <code>: <message>" on stderr and returns kFailed.
int fail(ErrorCode code, const std::string& detail);
int fail(const Error& error);
// Prints "fep: <message>" and a hint to use --help on stderr and returns kUsage.
int usage_error(const std::string& command, const std::string& message);

// Prints `text` on stdout and returns kOk.
int print_help(const char* text);

// A whole decimal number in [min, max], or nullopt.
std::optional<std::int64_t> parse_integer(const std::string& text, std::int64_t min, std::int64_t max);

}  // namespace fep::cli
