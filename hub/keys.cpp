#include "hub/keys.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "core/trust/profile.h"

namespace fep::hub {
namespace {

constexpr std::chrono::hours kPublishedLifetime{90 * 24};
constexpr std::chrono::hours kRepublishBefore{30 * 24};

std::string keys_dir(const std::string& data_dir) { return data_dir + "/keys"; }

Result<jose::crypto::SecretKey> read_key(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return Error{ErrorCode::unavailable, "cannot read " + path};
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), file));
  std::fclose(file);
  const auto jwk = json::parse_strict(text);
  if (!jwk) return Error{ErrorCode::bad_key, path + ": " + jwk.error().detail};
  auto key = jose::jwk::parse_private(*jwk);
  if (!key) return Error{key.code(), path + ": " + key.error().detail};
  return key;
}

// A new private key file, mode 0600, never overwriting one.
Result<jose::crypto::SecretKey> create_key(const std::string& path) {
  auto key = jose::crypto::SecretKey::generate();
  const std::string text = jose::jwk::to_private_json(key).dump() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Error{ErrorCode::unavailable, "cannot create " + path};
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !written) return Error{ErrorCode::unavailable, "cannot write " + path};
  return key;
}

// The numbers n of DIR/keys/signing-<n>.jwk, ascending.
std::vector<int> signing_numbers(const std::string& dir) {
  std::vector<int> numbers;
  if (DIR* folder = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(folder)) {
      int n = 0;
      char tail[8] = {};
      if (std::sscanf(entry->d_name, "signing-%d.%4s", &n, tail) == 2 && std::string(tail) == "jwk")
        numbers.push_back(n);
    }
    ::closedir(folder);
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

std::string signing_path(const std::string& dir, int n) { return dir + "/signing-" + std::to_string(n) + ".jwk"; }

Result<std::int64_t> next_seq(Store& store, const std::string& name) {
  const auto current = store.setting(name);
  if (!current) return current.error();
  const std::int64_t next = current->has_value() ? std::strtoll((*current)->c_str(), nullptr, 10) + 1 : 1;
  if (auto saved = store.set_setting(name, std::to_string(next)); !saved) return saved.error();
  return next;
}

}  // namespace

jose::jwk::PublicKey public_of(const jose::crypto::SecretKey& key) {
  return {jose::jwk::thumbprint(key.public_key()), key.public_key()};
}

Result<Keys> load_or_create_keys(const std::string& data_dir) {
  const std::string dir = keys_dir(data_dir);
  ::mkdir(dir.c_str(), 0700);
  ::chmod(dir.c_str(), 0700);
  const std::string root_path = dir + "/root.jwk";
  auto root = ::access(root_path.c_str(), F_OK) == 0 ? read_key(root_path) : create_key(root_path);
  if (!root) return root.error();
  Keys keys{std::move(root).value(), {}};
  auto numbers = signing_numbers(dir);
  if (numbers.empty()) {
    auto first = create_key(signing_path(dir, 1));
    if (!first) return first.error();
    numbers.push_back(1);
  }
  for (const int n : numbers) {
    auto key = read_key(signing_path(dir, n));
    if (!key) return key.error();
    keys.signing.push_back(std::move(key).value());
  }
  return keys;
}

Result<Keys> rotate_keys(const std::string& data_dir) {
  const auto numbers = signing_numbers(keys_dir(data_dir));
  if (auto key = create_key(signing_path(keys_dir(data_dir), numbers.empty() ? 1 : numbers.back() + 1)); !key) {
    return key.error();
  }
  return load_or_create_keys(data_dir);
}

Status publish(Store& store, const Keys& keys, const std::string& iss, date::sys_seconds now) {
  const auto issued = record::timestamp::to_epoch(now);
  const auto expires = record::timestamp::to_epoch(now + kPublishedLifetime);
  json::Json jwks = {{"keys", json::Json::array()}};
  for (const auto& key : keys.signing) jwks["keys"].push_back(jose::jwk::to_public_json(public_of(key)));
  const json::Json roots = {{"keys", {jose::jwk::to_public_json(public_of(keys.root))}}};
  const auto keyset_seq = next_seq(store, "keyset.seq");
  const auto revocations_seq = next_seq(store, "revocations.seq");
  if (!keyset_seq) return keyset_seq.error();
  if (!revocations_seq) return revocations_seq.error();
  const auto signed_by_root = [&](std::string_view typ, json::Json claims) {
    claims.update({{"iss", iss}, {"iat", issued}, {"nbf", issued}, {"exp", expires}});
    return jose::jws::sign(trust::profile::header_json(typ, public_of(keys.root).kid), claims.dump(), keys.root);
  };
  const std::string keyset = signed_by_root(trust::profile::kTypKeyset, {{"seq", *keyset_seq}, {"keys", jwks["keys"]}});
  const std::string revocations =
      signed_by_root(trust::profile::kTypRevocations, {{"seq", *revocations_seq}, {"revoked", json::Json::object()}});
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"jwks.json", jwks.dump()},
                                    {"roots.json", roots.dump()},
                                    {"keyset.jws", keyset},
                                    {"revocations.jws", revocations},
                                    {"published.expires", std::to_string(expires)}}) {
    if (auto saved = store.set_setting(name, value); !saved) return saved;
  }
  return {};
}

Status publish_if_due(Store& store, const Keys& keys, const std::string& iss, date::sys_seconds now) {
  const auto expires = store.setting("published.expires");
  const auto jwks = store.setting("jwks.json");
  if (!expires) return expires.error();
  if (!jwks) return jwks.error();
  json::Json current = json::Json::array();
  for (const auto& key : keys.signing) current.push_back(jose::jwk::to_public_json(public_of(key)));
  const bool same_keys =
      jwks->has_value() && json::parse_strict(**jwks).ok() && (*json::parse_strict(**jwks))["keys"] == current;
  const bool due =
      !expires->has_value() ||
      record::timestamp::from_epoch(std::strtoll((*expires)->c_str(), nullptr, 10)) - kRepublishBefore < now;
  return due || !same_keys ? publish(store, keys, iss, now) : Status{};
}

}  // namespace fep::hub
