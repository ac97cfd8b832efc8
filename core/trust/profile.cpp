#include "core/trust/profile.h"

#include <algorithm>
#include <limits>

#include "core/jose/jws.h"
#include "core/record/timestamp.h"

namespace fep::trust::profile {
namespace {

constexpr std::uint64_t kMaxInt64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

Error bad_header(std::string detail) { return Error{ErrorCode::bad_header, std::move(detail)}; }

bool is_profile_typ(std::string_view typ) {
  for (const auto known :
       {kTypRecord, kTypRoster, kTypArchive, kTypDashboard, kTypKeyset, kTypRevocations, kTypContact, kTypDirectory}) {
    if (typ == known) return true;
  }
  return false;
}
}  // namespace

Error bad_claims(std::string detail) { return Error{ErrorCode::bad_claims, std::move(detail)}; }

Result<std::string> check_header(const json::Json& header, const std::vector<std::string_view>& accepted_typs) {
  // alg was judged by jose::jws::decode, before anything else.
  for (const auto& member : header.items()) {
    if (member.key() != "alg" && member.key() != "kid" && member.key() != "typ") {
      return bad_header("member \"" + member.key() + "\" is not allowed");
    }
  }
  const auto* typ = json::find_string(header, "typ");
  if (!typ) return bad_header("typ is missing");
  const std::string& name = typ->get_ref<const std::string&>();
  if (std::find(accepted_typs.begin(), accepted_typs.end(), name) == accepted_typs.end()) {
    // One of our own kinds where the caller asked for another (a roster where a record belongs) is
    // wrong_typ; anything else is outside the profile.
    if (is_profile_typ(name)) return Error{ErrorCode::wrong_typ, "typ \"" + name + "\" is not accepted here"};
    return bad_header("typ \"" + name + "\" is not accepted here");
  }
  if (!json::find_string(header, "kid")) return bad_header("kid is missing");
  return typ->get<std::string>();
}

namespace {

bool is_https_url(const std::string& text) {
  constexpr std::string_view scheme = "https://";
  return text.size() > scheme.size() && text.compare(0, scheme.size(), scheme) == 0 &&
         text.find_first_of(" \t\r\n", scheme.size()) == std::string::npos && text[scheme.size()] != '/';
}

// Reads the claims every profiled object carries.
Status read_common_claims(Verified& verified) {
  const auto& claims = verified.claims;
  const auto* iss = json::find_string(claims, "iss");
  if (!iss || !is_https_url(iss->get<std::string>())) return bad_claims("iss must be an https URL");
  verified.iss = iss->get<std::string>();
  std::int64_t iat = 0, nbf = 0, exp = 0;
  struct Field {
    const char* name;
    std::int64_t* value;
  };
  for (const Field field : {Field{"iat", &iat}, Field{"nbf", &nbf}, Field{"exp", &exp}, Field{"seq", &verified.seq}}) {
    const auto* number = json::find_integer(claims, field.name);
    // Integers above INT64_MAX are stored unsigned by nlohmann and would wrap on conversion.
    if (!number || (number->is_number_unsigned() && number->get<std::uint64_t>() > kMaxInt64)) {
      return bad_claims(std::string(field.name) + " must be an integer");
    }
    *field.value = number->get<std::int64_t>();
    if (*field.value < 0) return bad_claims(std::string(field.name) + " must not be negative");
  }
  if (exp <= nbf) return bad_claims("exp must be later than nbf");
  verified.iat = record::timestamp::from_epoch(iat);
  verified.nbf = record::timestamp::from_epoch(nbf);
  verified.exp = record::timestamp::from_epoch(exp);
  return {};
}

Status check_time(const Verified& verified, date::sys_seconds now) {
  if (now + kLeeway < verified.nbf) return Error{ErrorCode::not_yet_valid, "nbf is in the future"};
  if (now + kLeeway < verified.iat) return Error{ErrorCode::not_yet_valid, "iat is in the future"};
  if (now - kLeeway >= verified.exp) return Error{ErrorCode::expired, "exp has passed"};
  return {};
}

}  // namespace

Result<Verified> verify(std::string_view compact, const std::vector<jose::jwk::PublicKey>& keys,
                        const std::vector<std::string_view>& accepted_typs, date::sys_seconds now) {
  auto decoded = jose::jws::decode(compact);
  if (!decoded) return decoded.error();
  auto typ = check_header(decoded->header, accepted_typs);
  if (!typ) return typ.error();

  const auto& kid = decoded->header["kid"].get_ref<const std::string&>();
  // Each key's kid is its recomputed thumbprint (jose::jwk::parse_public), so a match proves kid = thumbprint.
  const auto key = std::find_if(keys.begin(), keys.end(), [&](const jose::jwk::PublicKey& k) { return k.kid == kid; });
  if (key == keys.end()) return Error{ErrorCode::unknown_key, "kid \"" + kid + "\""};

  Verified verified;
  verified.typ = std::move(typ).value();
  verified.kid = kid;
  verified.signature = decoded->signature;
  auto payload = jose::jws::verify(std::move(decoded).value(), *key);  // hands the payload over, no copy
  if (!payload) return payload.error();

  auto document = json::Document::parse(std::move(payload).value());
  if (!document) return Error{document.code(), "payload: " + document.error().detail};
  const json::Value root = document->root();
  if (!root.is_object()) return bad_claims("payload is not a JSON object");
  const std::string_view data = data_member(verified.typ);
  verified.claims = json::Json::object();
  for (const auto [name, value] : root.members()) {
    if (name != data) verified.claims.emplace(std::string(name), value.to_json());
  }
  verified.document = std::move(document).value();
  if (auto status = read_common_claims(verified); !status) return status.error();
  if (auto status = check_time(verified, now); !status) return status.error();
  return verified;
}

std::string_view data_member(std::string_view typ) {
  if (typ == kTypRecord) return "record";
  if (typ == kTypRoster) return "roster";
  if (typ == kTypArchive) return "archive";
  if (typ == kTypDashboard) return "dashboard";
  return {};
}

std::string header_json(std::string_view typ, std::string_view kid) {
  return json::Json{{"alg", "Ed25519"}, {"kid", kid}, {"typ", typ}}.dump();
}

}  // namespace fep::trust::profile
