// Whole files and their existence, for the native tools that read a district's exports and the hub
// that reads its site and records (the core itself never touches the file system).
#pragma once

#include <string>

#include "core/result.h"

namespace fep::import {

bool exists(const std::string& path);
// unavailable ("<path>: cannot be read") when the file cannot be opened.
Result<std::string> read_file(const std::string& path);

}  // namespace fep::import
