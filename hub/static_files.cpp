#include "hub/static_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cstdio>
#include <regex>

#include "core/import/files.h"
#include "core/jose/base64url.h"
#include "core/jose/crypto.h"

namespace fep::hub {
namespace {

constexpr std::size_t kMaxTotal = 64 * 1024 * 1024;  // a widget and a few pages, not a media library

const std::map<std::string, std::string>& types() {
  static const std::map<std::string, std::string> by_extension = {{".html", "text/html; charset=utf-8"},
                                                                  {".js", "text/javascript; charset=utf-8"},
                                                                  {".mjs", "text/javascript; charset=utf-8"},
                                                                  {".css", "text/css; charset=utf-8"},
                                                                  {".json", "application/json; charset=utf-8"},
                                                                  {".wasm", "application/wasm"},
                                                                  {".svg", "image/svg+xml"},
                                                                  {".png", "image/png"},
                                                                  {".txt", "text/plain; charset=utf-8"}};
  return by_extension;
}

std::string extension_of(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? std::string() : name.substr(dot);
}

// Precompressed siblings (name.js.br, name.js.gz): path of the file they encode -> coding -> bytes.
using Compressed = std::map<std::string, std::map<std::string, std::string>>;

// The coding a file's suffix names (".br" -> "br"), or null for a file that is not a compressed copy.
const char* coding_of(const std::string& name) {
  for (const auto& [coding, suffix] : kCodings) {
    if (extension_of(name) == suffix) return coding;
  }
  return nullptr;
}

// Walks `folder`, adding each servable file under `prefix`; `.br` and `.gz` files become their
// sibling's compressed copies.
Status walk(const std::string& folder, const std::string& prefix, std::map<std::string, StaticFile>& files,
            Compressed& compressed, std::size_t& total) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return Error{ErrorCode::unavailable, "cannot open " + folder};
  Status status;
  while (const dirent* item = ::readdir(dir)) {
    const std::string name = item->d_name;
    if (name.empty() || name[0] == '.') continue;  // no dotfiles, no way up
    const std::string path = folder + "/" + name;
    // Never through a link: one pointing at keys/root.jwk would serve the district's private key.
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || S_ISLNK(info.st_mode)) continue;
    if (S_ISDIR(info.st_mode)) {
      status = walk(path, prefix + name + "/", files, compressed, total);
      if (!status) break;
      continue;
    }
    if (!S_ISREG(info.st_mode)) continue;
    auto bytes = import::read_file(path);
    if (!bytes) {
      status = bytes.error();
      break;
    }
    total += bytes->size();
    if (total > kMaxTotal) {
      status = Error{ErrorCode::too_large, folder + " holds more than 64 MiB"};
      break;
    }
    if (const char* coding = coding_of(name)) {
      compressed[prefix + name.substr(0, name.size() - 3)][coding] = std::move(bytes).value();
      continue;
    }
    const auto type = types().find(extension_of(name));
    if (type == types().end()) continue;  // only what a page needs
    static const std::regex hashed(R"(.*\.[0-9a-f]{16}\.[a-z]+$)");
    StaticFile file;
    file.tag = jose::base64url::encode(jose::crypto::sha256(*bytes)).substr(0, 22);
    file.body = std::move(bytes).value();
    file.type = type->second;
    file.immutable = std::regex_match(name, hashed);
    files[prefix + name] = std::move(file);
  }
  ::closedir(dir);
  return status;
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::string& folder) {
  StaticFiles loaded;
  Compressed compressed;
  std::size_t total = 0;
  if (auto walked = walk(folder, "/", loaded.files_, compressed, total); !walked) return walked.error();
  for (auto& [path, copies] : compressed) {
    const auto file = loaded.files_.find(path);
    if (file != loaded.files_.end()) file->second.encoded = std::move(copies);
  }
  return loaded;
}

const StaticFile* StaticFiles::find(const std::string& path) const {
  const std::string key = !path.empty() && path.back() == '/' ? path + "index.html" : path;
  const auto file = files_.find(key);
  return file == files_.end() ? nullptr : &file->second;
}

}  // namespace fep::hub
