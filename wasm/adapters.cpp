#include "adapters.h"

#include <cmath>
#include <optional>

#include "core/base64url.h"
#include "core/bundle.h"
#include "core/error.h"
#include "core/json.h"
#include "core/jwk.h"
#include "core/jws.h"
#include "core/trust.h"

namespace fep::wasm {
namespace {

template <class Outcome>
Outcome failure(const Error& error) {
  Outcome outcome{};
  outcome.code = std::string(to_string(error.code));
  outcome.detail = error.detail;
  return outcome;
}

bool is_whole_number(double value) { return std::isfinite(value) && value >= 0 && value <= 9.0e15 && std::floor(value) == value; }

}  // namespace

VerifyOutcome verify_jws(const std::string& compact, const std::string& jwk_json) {
  const auto jwk_document = json::parse_strict(jwk_json);
  if (!jwk_document) return failure<VerifyOutcome>({ErrorCode::bad_key, jwk_document.error().detail});
  const auto key = jwk::parse_public(*jwk_document);
  if (!key) return failure<VerifyOutcome>(key.error());
  const auto decoded = jws::decode(compact);
  if (!decoded) return failure<VerifyOutcome>(decoded.error());
  auto payload = jws::verify(*decoded, *key);
  if (!payload) return failure<VerifyOutcome>(payload.error());
  return {"ok", {}, std::move(payload).value()};
}

BundleOutcome verify_bundle(const BundleRequest& request) {
  if (!is_whole_number(request.now)) return failure<BundleOutcome>({ErrorCode::malformed, "now must be whole seconds"});
  bundle::VerifyOptions options;
  options.now = static_cast<std::int64_t>(request.now);
  if (request.min_seq >= 0) {
    if (!is_whole_number(request.min_seq)) return failure<BundleOutcome>({ErrorCode::malformed, "minSeq must be a whole number"});
    options.min_seq = static_cast<std::int64_t>(request.min_seq);
    if (!request.seen_payload_sha256.empty()) {
      auto digest = base64url::decode(request.seen_payload_sha256);
      if (!digest) return failure<BundleOutcome>({ErrorCode::malformed, "seenPayloadSha256 is not base64url"});
      options.payload_sha256_at_min_seq = std::move(*digest);
    }
  }

  std::vector<jwk::PublicKey> roots;
  if (!request.roots.empty()) {
    auto parsed = jwk::parse_set(request.roots);
    if (!parsed) return failure<BundleOutcome>(parsed.error());
    roots = std::move(parsed).value();
  }
  std::vector<jwk::PublicKey> signing_keys;
  if (!request.keyset.empty()) {
    auto set = trust::verify_keyset(request.keyset, roots, options.now);
    if (!set) return failure<BundleOutcome>({set.code(), "key set: " + set.error().detail});
    signing_keys = std::move(set->keys);
  } else {
    auto parsed = jwk::parse_set(request.keys);
    if (!parsed) return failure<BundleOutcome>(parsed.error());
    signing_keys = std::move(parsed).value();
  }
  std::optional<trust::RevocationList> revocations;
  if (!request.revocations.empty()) {
    auto list = trust::verify_revocations(request.revocations, roots, options.now);
    if (!list) return failure<BundleOutcome>({list.code(), "revocation list: " + list.error().detail});
    revocations = std::move(list).value();
    options.revocations = &*revocations;
  }

  const auto verified = bundle::verify(request.bundle, signing_keys, options);
  if (!verified) return failure<BundleOutcome>(verified.error());
  BundleOutcome outcome;
  outcome.code = "ok";
  outcome.claims = verified->claims.dump();
  outcome.kid = verified->kid;
  outcome.payload_sha256 = base64url::encode(verified->payload_sha256);
  outcome.seq = static_cast<double>(verified->seq);
  return outcome;
}

}  // namespace fep::wasm
