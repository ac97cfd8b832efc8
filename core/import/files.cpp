#include "core/import/files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace fep::import {

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

Result<std::string> read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return Error{ErrorCode::unavailable, path + ": cannot be read"};
  std::string text;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
  std::fclose(file);
  return text;
}

Status each_line(const std::string& path, const std::function<void(std::string&& line, std::size_t number)>& use) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return Error{ErrorCode::unavailable, path + ": cannot be read"};
  char* buffer = nullptr;
  std::size_t capacity = 0;
  std::size_t number = 0;
  for (ssize_t length; (length = ::getline(&buffer, &capacity, file)) >= 0;) {
    std::size_t end = static_cast<std::size_t>(length);
    while (end > 0 && (buffer[end - 1] == '\n' || buffer[end - 1] == '\r')) --end;
    use(std::string(buffer, end), ++number);
  }
  std::free(buffer);
  std::fclose(file);
  return {};
}

Result<std::vector<std::string>> json_files_in(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Error{ErrorCode::unavailable, path + ": no such file or folder"};
  if (!S_ISDIR(info.st_mode)) return std::vector<std::string>{path};
  DIR* folder = ::opendir(path.c_str());
  if (!folder) return Error{ErrorCode::unavailable, path + ": cannot be read"};
  std::vector<std::string> files;
  while (const dirent* entry = ::readdir(folder)) {
    const std::string name = entry->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) files.push_back(path + "/" + name);
  }
  ::closedir(folder);
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace fep::import
