// JSON Web Keys (RFC 7517) restricted to what the profile allows: OKP keys on Ed25519 (RFC 8037),
// identified by their RFC 7638 thumbprint.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/jose/crypto.h"
#include "core/json/json.h"
#include "core/result.h"

namespace fep::jose::jwk {

struct PublicKey {
  std::string kid;    // RFC 7638 thumbprint, base64url
  std::string bytes;  // the 32-byte Ed25519 public key
};

// RFC 7638 SHA-256 thumbprint of an Ed25519 public key, base64url-encoded.
std::string thumbprint(std::string_view public_key);

// bad_key unless `jwk` is an OKP/Ed25519 public key: a private member `d` is refused (a key set must
// never carry one), and a `kid` present must equal the thumbprint.
Result<PublicKey> parse_public(const json::Json& jwk);

// The public JWK object for a key: {"crv","kid","kty","x"}.
json::Json to_public_json(const PublicKey& key);

// The public key of a JWK that may be private or public (its `d` is ignored): how a device or a
// district publishes a key it holds.
Result<PublicKey> parse_public_half(const json::Json& jwk);

// A private OKP/Ed25519 JWK as `fep keygen` writes it: `d` is the 32-byte seed and `x` must be the
// public key derived from it.
Result<jose::crypto::SecretKey> parse_private(const json::Json& jwk);
json::Json to_private_json(const jose::crypto::SecretKey& key);

// A JWKS document ({"keys":[...]}); every key must be valid. Limit: 64 keys.
Result<std::vector<PublicKey>> parse_set(std::string_view text);

}  // namespace fep::jose::jwk
