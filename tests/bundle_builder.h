// Builds signed objects for tests: valid by default, with every part open to change, so each test
// states only what it breaks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/jose/crypto.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "core/trust/profile.h"

namespace fep::test {

constexpr std::int64_t kNowSeconds = 1'790'000'000;  // 2026-09-21T...Z, the tests' fixed "now"
constexpr date::sys_seconds kNow = record::timestamp::from_epoch(kNowSeconds);

struct SigningKey {
  jose::crypto::SecretKey secret = jose::crypto::SecretKey::generate();
  jose::jwk::PublicKey pub() const { return {jose::jwk::thumbprint(secret.public_key()), secret.public_key()}; }
};

struct BundleBuilder {
  const SigningKey* key;
  json::Json header;
  json::Json claims;

  explicit BundleBuilder(const SigningKey& signing_key, std::string_view typ = trust::profile::kTypRecord)
      : key(&signing_key),
        header{{"alg", "Ed25519"}, {"kid", signing_key.pub().kid}, {"typ", typ}},
        claims{{"iss", "https://district.example.org"},
               {"sub", "student-7f3a"},
               {"iat", kNowSeconds - 60},
               {"nbf", kNowSeconds - 60},
               {"exp", kNowSeconds + 86400},
               {"jti", "jti-1"},
               {"ver", 1},
               {"seq", 5},
               {"record", {{"student", {{"id", "student-7f3a"}}}}}} {}

  std::string compact() const { return jose::jws::sign(header.dump(), claims.dump(), key->secret); }
  std::string compact_with_raw(std::string_view raw_header, std::string_view raw_payload) const {
    return jose::jws::sign(raw_header, raw_payload, key->secret);
  }
};

}  // namespace fep::test
