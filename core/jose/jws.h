// JWS Compact Serialization (RFC 7515 §7.1) with Ed25519 signatures (RFC 8037). This layer checks
// the structure and the signature; the bundle profile (header members, claims) is layered on top.
#pragma once

#include <string>
#include <string_view>

#include "core/jose/crypto.h"
#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "core/result.h"

namespace fep::jose::jws {

constexpr std::size_t kMaxCompactSize = 1024 * 1024;  // whole JWS, checked before decoding
constexpr std::size_t kMaxHeaderSize = 1024;          // decoded protected header

// The three segments of a compact JWS, as they appear in the input.
struct CompactParts {
  std::string_view header;                 // base64url
  std::string_view payload;                // base64url
  std::string_view signature;              // base64url
  std::string_view signing_input() const;  // "header.payload", the bytes the signature covers
};

// Decoded, not yet verified.
struct Decoded {
  CompactParts parts;
  json::Json header;
  std::string signature;           // 64 bytes
  std::string unverified_payload;  // only verify() hands it out, after the signature checks
};

// Structure only: size limits, exactly three segments, a header that is a JSON object whose alg is
// Ed25519 or EdDSA (else unsupported_alg), strict base64url in each segment, and a 64-byte signature.
// A corrupted encoding is malformed wherever it is, never mistaken for a bad signature.
Result<Decoded> decode(std::string_view compact);

// True when `alg` names Ed25519 in either spelling: "Ed25519" (RFC 9864) or "EdDSA" (RFC 8037).
bool is_ed25519_alg(std::string_view alg);

// Verifies `decoded` with `key` and returns the payload bytes. unsupported_alg for any alg other than
// Ed25519/EdDSA (so "none" and HMAC/RSA/EC are refused before any key is used); bad_signature or
// malformed otherwise.
Result<std::string> verify(const Decoded& decoded, const jose::jwk::PublicKey& key);
// The same, moving the payload out of `decoded` instead of copying it.
Result<std::string> verify(Decoded&& decoded, const jose::jwk::PublicKey& key);

// Signs `payload` with the protected header `header` (serialized as given) and returns the compact JWS.
std::string sign(std::string_view header_json, std::string_view payload, const jose::crypto::SecretKey& key);

// Signing in two steps, for a key the core never holds (a browser's non-extractable CryptoKey): the
// bytes to sign, then the compact JWS from them and the signature, which must verify with `key`
// (bad_signature otherwise, so a wrong key or a garbled signature never leaves as a record).
std::string signing_input(std::string_view header_json, std::string_view payload);
Result<std::string> assemble(std::string_view signing_input, std::string_view signature,
                             const jose::jwk::PublicKey& key);

}  // namespace fep::jose::jws
