#include "core/jose/jws.h"

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"

namespace fep::jose::jws {
namespace {

Error malformed(std::string detail) { return Error{ErrorCode::malformed, std::move(detail)}; }

}  // namespace

std::string_view CompactParts::signing_input() const {
  // header and payload are adjacent views into one buffer, separated by the '.'.
  return std::string_view(header.data(), header.size() + 1 + payload.size());
}

bool is_ed25519_alg(std::string_view alg) { return alg == "Ed25519" || alg == "EdDSA"; }

Result<Decoded> decode(std::string_view compact) {
  if (compact.size() > kMaxCompactSize) return Error{ErrorCode::too_large, "JWS larger than 1 MiB"};

  const auto first_dot = compact.find('.');
  const auto second_dot = first_dot == std::string_view::npos ? first_dot : compact.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return malformed("a compact JWS has three segments");
  if (compact.find('.', second_dot + 1) != std::string_view::npos) return malformed("more than three segments");

  Decoded decoded;
  decoded.parts.header = compact.substr(0, first_dot);
  decoded.parts.payload = compact.substr(first_dot + 1, second_dot - first_dot - 1);
  decoded.parts.signature = compact.substr(second_dot + 1);

  // Checked on the encoded length so an oversized header is never decoded.
  if (decoded.parts.header.size() > (kMaxHeaderSize * 4 + 2) / 3)
    return Error{ErrorCode::too_large, "header larger than 1 KiB"};
  const auto header_bytes = jose::base64url::decode(decoded.parts.header);
  if (!header_bytes || header_bytes->empty()) return malformed("header is not base64url");
  auto header = json::parse_strict(*header_bytes);
  if (!header) return Error{header.code(), "header: " + header.error().detail};
  if (!header->is_object()) return malformed("header is not a JSON object");
  const auto* alg = json::find_string(*header, "alg");
  if (!alg) return malformed("header has no string alg");
  // The algorithm is the first thing judged: an RSA, EC, HMAC or "none" token is unsupported_alg
  // whatever its signature looks like.
  if (!is_ed25519_alg(alg->get_ref<const std::string&>()))
    return Error{ErrorCode::unsupported_alg, "alg " + alg->dump()};
  decoded.header = std::move(header).value();
  auto payload = jose::base64url::decode(decoded.parts.payload);
  if (!payload) return malformed("payload is not base64url");
  decoded.unverified_payload = std::move(*payload);
  auto signature = jose::base64url::decode(decoded.parts.signature);
  if (!signature) return malformed("signature is not base64url");
  if (signature->size() != jose::crypto::kEd25519SignatureSize) return malformed("signature is not 64 bytes");
  decoded.signature = std::move(*signature);

  return decoded;
}

namespace {

Status check_signature(const Decoded& decoded, const jose::jwk::PublicKey& key) {
  const auto* alg = json::find_string(decoded.header, "alg");
  if (!alg || !is_ed25519_alg(alg->get_ref<const std::string&>())) {
    return Error{ErrorCode::unsupported_alg, alg ? "alg " + alg->dump() : "no alg"};
  }
  if (!jose::crypto::ed25519_verify(decoded.signature, decoded.parts.signing_input(), key.bytes)) {
    return Error{ErrorCode::bad_signature, {}};
  }
  return {};
}

}  // namespace

Result<std::string> verify(const Decoded& decoded, const jose::jwk::PublicKey& key) {
  if (auto status = check_signature(decoded, key); !status) return status.error();
  return decoded.unverified_payload;
}

Result<std::string> verify(Decoded&& decoded, const jose::jwk::PublicKey& key) {
  if (auto status = check_signature(decoded, key); !status) return status.error();
  return std::move(decoded.unverified_payload);
}

std::string signing_input(std::string_view header_json, std::string_view payload) {
  return jose::base64url::encode(header_json) + '.' + jose::base64url::encode(payload);
}

std::string sign(std::string_view header_json, std::string_view payload, const jose::crypto::SecretKey& key) {
  const std::string input = signing_input(header_json, payload);
  return input + '.' + jose::base64url::encode(jose::crypto::ed25519_sign(input, key));
}

Result<std::string> assemble(std::string_view input, std::string_view signature, const jose::jwk::PublicKey& key) {
  if (!jose::crypto::ed25519_verify(signature, input, key.bytes)) {
    return Error{ErrorCode::bad_signature, "the signature does not verify with the device's key"};
  }
  return std::string(input) + '.' + jose::base64url::encode(signature);
}

}  // namespace fep::jose::jws
