#include "core/jose/jwk.h"

#include <algorithm>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"

namespace fep::jose::jwk {
namespace {

constexpr std::size_t kMaxKeysInSet = 64;

Error bad_key(std::string detail) { return Error{ErrorCode::bad_key, std::move(detail)}; }

}  // namespace

std::string thumbprint(std::string_view public_key) {
  // RFC 7638 §3.2: required members only, in lexicographic order, no whitespace.
  const std::string canonical = R"({"crv":"Ed25519","kty":"OKP","x":")" + jose::base64url::encode(public_key) + R"("})";
  return jose::base64url::encode(jose::crypto::sha256(canonical));
}

Result<PublicKey> parse_public(const json::Json& jwk) {
  if (!jwk.is_object()) return bad_key("a JWK must be a JSON object");
  const auto* kty = json::find_string(jwk, "kty");
  const auto* crv = json::find_string(jwk, "crv");
  const auto* x = json::find_string(jwk, "x");
  if (!kty || *kty != "OKP") return bad_key("kty must be \"OKP\"");
  if (!crv || *crv != "Ed25519") return bad_key("crv must be \"Ed25519\"");
  if (jwk.contains("d")) return bad_key("a public key set must not contain a private key (d)");
  if (!x) return bad_key("x is missing");
  auto bytes = jose::base64url::decode(x->get_ref<const std::string&>());
  if (!bytes || bytes->size() != jose::crypto::kEd25519PublicKeySize) return bad_key("x is not 32 bytes of base64url");

  if (const auto it = jwk.find("alg"); it != jwk.end() && *it != "Ed25519" && *it != "EdDSA") {
    return bad_key("alg must be Ed25519 or EdDSA");
  }
  if (const auto it = jwk.find("use"); it != jwk.end() && *it != "sig") return bad_key("use must be \"sig\"");
  if (const auto it = jwk.find("key_ops"); it != jwk.end()) {
    // A verification key may only be declared for "verify" (RFC 7517 §4.3).
    if (!it->is_array() || it->empty() ||
        std::any_of(it->begin(), it->end(), [](const json::Json& op) { return op != "verify"; })) {
      return bad_key("key_ops must be [\"verify\"]");
    }
  }

  PublicKey key{thumbprint(*bytes), std::move(*bytes)};
  if (const auto it = jwk.find("kid"); it != jwk.end() && *it != key.kid) {
    return bad_key("kid is not the RFC 7638 thumbprint of the key");
  }
  return key;
}

Result<PublicKey> parse_public_half(const json::Json& jwk) {
  if (!jwk.is_object() || !jwk.contains("d")) return parse_public(jwk);
  auto public_part = jwk;
  public_part.erase("d");
  return parse_public(public_part);
}

json::Json to_public_json(const PublicKey& key) {
  return {{"crv", "Ed25519"}, {"kid", key.kid}, {"kty", "OKP"}, {"x", jose::base64url::encode(key.bytes)}};
}

Result<jose::crypto::SecretKey> parse_private(const json::Json& jwk) {
  const auto* d = jwk.is_object() ? json::find_string(jwk, "d") : nullptr;
  if (!d) return bad_key("a private JWK needs d");
  const auto public_key = parse_public_half(jwk);
  if (!public_key) return public_key.error();
  const auto seed = jose::base64url::decode(d->get_ref<const std::string&>());
  auto key = seed ? jose::crypto::SecretKey::from_seed(*seed) : std::nullopt;
  if (!key) return bad_key("d is not 32 bytes of base64url");
  if (key->public_key() != public_key->bytes) return bad_key("x is not the public key of d");
  return std::move(*key);
}

json::Json to_private_json(const jose::crypto::SecretKey& key) {
  auto jwk = to_public_json(PublicKey{thumbprint(key.public_key()), key.public_key()});
  jwk["d"] = jose::base64url::encode(key.seed());
  return jwk;
}

Result<std::vector<PublicKey>> parse_set(std::string_view text) {
  auto document = json::parse_strict(text);
  if (!document) return Error{ErrorCode::bad_key, "key set: " + document.error().detail};
  const auto keys = document->find("keys");  // end() for a non-object too
  if (keys == document->end() || !keys->is_array()) return bad_key("a key set needs a \"keys\" array");
  if (keys->size() > kMaxKeysInSet) return Error{ErrorCode::too_large, "more than 64 keys"};

  std::vector<PublicKey> parsed;
  for (const auto& entry : *keys) {
    auto key = parse_public(entry);
    if (!key) return key.error();
    parsed.push_back(std::move(key).value());
  }
  return parsed;
}

}  // namespace fep::jose::jwk
