// The files the hub serves besides its API: the widget (dist/) and its pages. Read once at start into
// memory, each with its ETag and, where a `.br` or `.gz` sibling was built, its compressed bytes.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace fep::hub {

struct StaticFile {
  std::string body;
  std::string brotli;  // empty: no compressed copy
  std::string gzip;
  std::string type;
  std::string tag;         // for the ETag, from the content's SHA-256
  bool immutable = false;  // a content-hashed name (name.<16 hex>.ext): cached for a year
};

class StaticFiles {
 public:
  // Every regular file under `folder` (symlinks followed, nothing hidden), by URL path ("/dist/x.js").
  static Result<StaticFiles> load(const std::string& folder);

  // The file for a request path: "/" and "/x/" name their index.html. Null when absent.
  const StaticFile* find(const std::string& path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile> files_;
};

}  // namespace fep::hub
