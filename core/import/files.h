// Whole files and their existence, for the native tools that read a district's exports and the hub
// that reads its site and records (the core itself never touches the file system).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace fep::import {

bool exists(const std::string& path);
// unavailable ("<path>: cannot be read") when the file cannot be opened.
Result<std::string> read_file(const std::string& path);
// Each line of a file as it is read (its number from 1, the line without its end), one at a time: a
// district's attendance file is hundreds of megabytes. unavailable when it cannot be opened.
Status each_line(const std::string& path, const std::function<void(std::string&& line, std::size_t number)>& use);
// `path` itself if it is a file; if it is a folder, the *.json files in it, sorted by name.
Result<std::vector<std::string>> json_files_in(const std::string& path);

}  // namespace fep::import
