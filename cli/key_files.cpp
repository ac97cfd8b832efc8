#include "key_files.h"

#include <algorithm>

#include "io.h"

namespace fep::cli {
Result<json::Json> read_json_file(const std::string& path) {
  const auto text = read_input(path);
  if (!text) return text.error();
  auto parsed = json::parse_strict(*text);
  if (!parsed) return Error{parsed.code(), path + ": " + parsed.error().detail};
  return parsed;
}

Result<jose::crypto::SecretKey> read_private_key(const std::string& path) {
  auto document = read_json_file(path);
  if (!document) return document.error();
  auto key = jose::jwk::parse_private(*document);
  if (!key) return Error{key.code(), path + ": " + key.error().detail};
  return key;
}

Result<std::vector<jose::jwk::PublicKey>> read_public_keys(const std::vector<std::string>& paths) {
  std::vector<jose::jwk::PublicKey> keys;
  auto add = [&](jose::jwk::PublicKey key) {
    const bool seen =
        std::any_of(keys.begin(), keys.end(), [&](const jose::jwk::PublicKey& k) { return k.kid == key.kid; });
    if (!seen) keys.push_back(std::move(key));
  };
  for (const auto& path : paths) {
    auto document = read_json_file(path);
    if (!document) return document.error();
    if (document->contains("keys")) {
      auto set = jose::jwk::parse_set(document->dump());
      if (!set) return Error{set.code(), path + ": " + set.error().detail};
      for (auto& key : *set) add(std::move(key));
      continue;
    }
    auto key = jose::jwk::parse_public_half(*document);
    if (!key) return Error{key.code(), path + ": " + key.error().detail};
    add(std::move(key).value());
  }
  return keys;
}

}  // namespace fep::cli
