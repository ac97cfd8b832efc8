#include "core/trust/bundle.h"

#include "core/jose/crypto.h"
#include "core/trust/profile.h"

namespace fep::trust {
namespace {

using profile::bad_claims;

Result<std::string> required_string(const json::Json& claims, const char* name) {
  const auto* value = json::find_string(claims, name);
  if (!value || value->get_ref<const std::string&>().empty()) {
    return bad_claims(std::string(name) + " must be a non-empty string");
  }
  return value->get<std::string>();
}

Status read_bundle_claims(Bundle& bundle) {
  const auto& claims = bundle.claims;
  auto sub = required_string(claims, "sub");
  if (!sub) return sub.error();
  bundle.sub = std::move(sub).value();
  auto jti = required_string(claims, "jti");
  if (!jti) return jti.error();
  bundle.jti = std::move(jti).value();
  if (const auto rid = claims.find("rid"); rid != claims.end()) {
    if (!rid->is_string() || rid->get_ref<const std::string&>().empty())
      return bad_claims("rid must be a non-empty string");
    bundle.rid = rid->get<std::string>();
  }
  const auto* ver = json::find_integer(claims, "ver");
  if (!ver) return bad_claims("ver must be an integer");
  bundle.ver = ver->get<std::int64_t>();
  if (bundle.ver < kOldestVersion || bundle.ver > kCurrentVersion)
    return bad_claims("ver " + std::to_string(bundle.ver) + " is not supported");
  if (!bundle.data().is_object())
    return bad_claims(std::string(trust::profile::data_member(bundle.typ)) + " must be an object");
  // The signed subject is the student whose record this is: a record filed under another student's
  // sub (and so another rollback stream, another offline copy) is refused.
  if (bundle.typ == profile::kTypRecord) {
    const json::Value id = bundle.data().find("student").find("id");
    if (!id.is_string() || id.string() != bundle.sub) return bad_claims("sub must equal record.student.id");
  }
  if (bundle.typ == profile::kTypArchive) {
    const json::Value id = bundle.data().find("studentId");
    if (!id.is_string() || id.string() != bundle.sub) return bad_claims("sub must equal archive.studentId");
    if (!bundle.data().find("part").is_integer()) return bad_claims("archive.part must be an integer");
  }
  if (bundle.typ == profile::kTypDashboard && !bundle.data().find("scope").is_string())
    return bad_claims("dashboard.scope must be a string");
  return {};
}

}  // namespace

json::Value Bundle::data() const { return document.root().find(trust::profile::data_member(typ)); }

json::Json Bundle::claims_with_data() const {
  json::Json all = claims;
  all[std::string(trust::profile::data_member(typ))] = data().to_json();
  return all;
}

Result<Bundle> verify_bundle(std::string_view compact, const std::vector<jose::jwk::PublicKey>& signing_keys,
                             const VerifyOptions& options, std::string_view typ) {
  const std::vector<std::string_view> typs =
      typ.empty() ? std::vector<std::string_view>{profile::kTypRecord, profile::kTypRoster, profile::kTypArchive,
                                                  profile::kTypDashboard}
                  : std::vector<std::string_view>{typ};
  auto result = profile::verify(compact, signing_keys, typs, options.now);
  if (!result) return result.error();
  auto verified = std::move(result).value();  // owned, so the claims below move instead of copying

  Bundle bundle;
  bundle.typ = std::move(verified.typ);
  bundle.kid = std::move(verified.kid);
  bundle.iss = std::move(verified.iss);
  bundle.iat = verified.iat;
  bundle.nbf = verified.nbf;
  bundle.exp = verified.exp;
  bundle.seq = verified.seq;
  bundle.signature = std::move(verified.signature);
  bundle.claims = std::move(verified.claims);
  bundle.document = std::move(verified.document);
  if (auto status = read_bundle_claims(bundle); !status) return status.error();

  if (options.revocations && is_revoked(bundle, *options.revocations))
    return Error{ErrorCode::revoked, "jti or rid revoked"};
  if (options.min_seq) {
    if (auto status = check_rollback(bundle, *options.min_seq, options.signature_at_min_seq); !status)
      return status.error();
  }
  return bundle;
}

bool is_revoked(const Bundle& bundle, const RevocationList& list) {
  return list.is_revoked(bundle.kid, bundle.jti) || list.is_revoked(bundle.kid, bundle.rid);
}

Status check_rollback(const Bundle& bundle, std::int64_t min_seq, const std::string& signature_at_min_seq) {
  if (bundle.seq < min_seq) return Error{ErrorCode::rolled_back, "seq below the last one seen"};
  if (bundle.seq == min_seq && !signature_at_min_seq.empty() && bundle.signature != signature_at_min_seq) {
    return Error{ErrorCode::rolled_back, "same seq with a different bundle"};
  }
  return {};
}

}  // namespace fep::trust
