#include "adapters.h"

#include "core/error.h"
#include "core/json.h"
#include "core/jwk.h"
#include "core/jws.h"

namespace fep::wasm {
namespace {

VerifyOutcome failure(const Error& error) {
  return {std::string(to_string(error.code)), error.detail, {}};
}

}  // namespace

VerifyOutcome verify_jws(const std::string& compact, const std::string& jwk_json) {
  const auto jwk_document = json::parse_strict(jwk_json);
  if (!jwk_document) return failure({ErrorCode::bad_key, jwk_document.error().detail});
  const auto key = jwk::parse_public(*jwk_document);
  if (!key) return failure(key.error());
  const auto decoded = jws::decode(compact);
  if (!decoded) return failure(decoded.error());
  auto payload = jws::verify(*decoded, *key);
  if (!payload) return failure(payload.error());
  return {"ok", {}, std::move(payload).value()};
}

}  // namespace fep::wasm
