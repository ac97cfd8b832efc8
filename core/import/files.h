// Whole files and their existence, for the native tools that read a district's exports and the hub
// that reads its site and records (the core itself never touches the file system).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace fep::import {

bool exists(const std::string& path);
// unavailable ("<path>: cannot be read") when the file cannot be opened.
Result<std::string> read_file(const std::string& path);
// `path` itself if it is a file; if it is a folder, the *.json files in it, sorted by name.
Result<std::vector<std::string>> json_files_in(const std::string& path);

}  // namespace fep::import
