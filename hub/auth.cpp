#include "hub/auth.h"

#include <algorithm>
#include <cctype>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"
#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"

namespace fep::hub {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

Error bad_proof(ErrorCode code, std::string detail) { return Error{code, "DPoP proof: " + std::move(detail)}; }

}  // namespace

std::string new_invite_code() {
  const std::string bytes = jose::crypto::random_bytes(10);  // 80 bits
  std::string code;
  int bits = 0;
  unsigned buffer = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (code.size() % 5 == 4) code += '-';
      code += kCrockford[(buffer >> bits) & 31];
    }
  }
  return code;
}

std::string invite_hash(std::string_view typed) {
  std::string normal;
  for (const char c : typed) {
    if (c == '-' || c == ' ') continue;
    char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == 'O') upper = '0';
    if (upper == 'I' || upper == 'L') upper = '1';
    normal += upper;
  }
  return jose::base64url::encode(jose::crypto::sha256(normal));
}

Result<Proof> verify_proof(std::string_view proof, std::string_view method, std::string_view url,
                           date::sys_seconds now) {
  if (proof.empty()) return bad_proof(ErrorCode::bad_header, "missing");
  auto decoded = jose::jws::decode(proof);
  if (!decoded) return bad_proof(decoded.code(), decoded.error().detail);
  for (const auto& member : decoded->header.items()) {
    if (member.key() != "typ" && member.key() != "alg" && member.key() != "jwk") {
      return bad_proof(ErrorCode::bad_header, "member \"" + member.key() + "\" is not allowed");
    }
  }
  const auto* typ = json::find_string(decoded->header, "typ");
  if (!typ || *typ != "dpop+jwt") return bad_proof(ErrorCode::bad_header, "typ must be dpop+jwt");
  const auto jwk = decoded->header.find("jwk");
  if (jwk == decoded->header.end() || !jwk->is_object()) return bad_proof(ErrorCode::bad_header, "jwk is missing");
  if (jwk->contains("d")) return bad_proof(ErrorCode::bad_key, "jwk carries a private key");
  auto key = jose::jwk::parse_public_half(*jwk);
  if (!key) return bad_proof(key.code(), key.error().detail);
  auto payload = jose::jws::verify(*decoded, *key);
  if (!payload) return bad_proof(payload.code(), payload.error().detail);
  const auto claims = json::parse_strict(*payload);
  if (!claims || !claims->is_object()) return bad_proof(ErrorCode::bad_claims, "claims are not a JSON object");
  const auto* jti = json::find_string(*claims, "jti");
  const auto* htm = json::find_string(*claims, "htm");
  const auto* htu = json::find_string(*claims, "htu");
  const auto* iat = json::find_integer(*claims, "iat");
  if (!jti || jti->get_ref<const std::string&>().empty() || jti->get_ref<const std::string&>().size() > 128) {
    return bad_proof(ErrorCode::bad_claims, "jti must be 1 to 128 characters");
  }
  if (!htm || *htm != method) return bad_proof(ErrorCode::bad_claims, "htm is not this request's method");
  if (!htu || *htu != url) return bad_proof(ErrorCode::bad_claims, "htu is not this request's URL");
  if (!iat) return bad_proof(ErrorCode::bad_claims, "iat must be an integer");
  const auto issued = record::timestamp::from_epoch(iat->get<std::int64_t>());
  if (issued > now + kProofSkew) return bad_proof(ErrorCode::not_yet_valid, "iat is in the future");
  if (issued < now - kProofSkew) return bad_proof(ErrorCode::expired, "iat is too old");
  return Proof{std::move(key).value(), jwk->dump(), jti->get<std::string>(), issued};
}

bool may_see(const Account& account, std::string_view student) {
  return std::find(account.students.begin(), account.students.end(), student) != account.students.end();
}

bool may_write(const Account& account, std::string_view student, contact::Direction direction) {
  if (!may_see(account, student)) return false;
  if (account.role == Role::admin) return true;
  if (account.role == Role::family) return direction == contact::Direction::family_to_school;
  return direction == contact::Direction::school_to_family;
}

bool may_read_roster(const Account& account) { return account.role != Role::family; }

}  // namespace fep::hub
