// The files the hub serves besides its API: the widget (dist/) and its pages. Read once at start into
// memory, each with its ETag and, where a `.br` or `.gz` sibling was built, its compressed bytes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/result.h"

namespace fep::hub {

// The content codings the hub serves precompressed copies in, in order of preference (Brotli is about
// a fifth smaller than gzip for the core), with the file suffix each copy has.
inline constexpr std::pair<const char*, const char*> kCodings[] = {{"br", ".br"}, {"gzip", ".gz"}};

struct StaticFile {
  std::string body;
  std::map<std::string, std::string> encoded;  // coding ("br", "gzip") -> the precompressed body
  std::string type;
  std::string tag;         // for the ETag, from the content's SHA-256
  bool immutable = false;  // a content-hashed name (name.<16 hex>.ext): cached for a year
};

class StaticFiles {
 public:
  // Every regular file under `folder` (no symbolic link followed, nothing hidden), by URL path ("/dist/x.js").
  static Result<StaticFiles> load(const std::string& folder);

  // The file for a request path: "/" and "/x/" name their index.html. Null when absent.
  const StaticFile* find(const std::string& path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile> files_;
};

}  // namespace fep::hub
