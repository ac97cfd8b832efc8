#include "core/trust/keys.h"

#include "core/trust/profile.h"

namespace fep::trust {
namespace {

constexpr std::size_t kMaxRevokedIds = 100000;

}  // namespace

Result<KeySet> verify_keyset(std::string_view compact, const std::vector<jose::jwk::PublicKey>& roots,
                             date::sys_seconds now) {
  auto verified = trust::profile::verify(compact, roots, {trust::profile::kTypKeyset}, now);
  if (!verified) return verified.error();
  const auto keys = verified->claims.find("keys");
  if (keys == verified->claims.end() || !keys->is_array()) return Error{ErrorCode::bad_claims, "keys array missing"};
  auto parsed = jose::jwk::parse_set(json::Json{{"keys", *keys}}.dump());
  if (!parsed) return parsed.error();
  return KeySet{verified->iss, verified->seq, verified->signature, std::move(parsed).value()};
}

bool RevocationList::is_revoked(const std::string& kid, const std::string& id) const {
  const auto entry = revoked.find(kid);
  return !id.empty() && entry != revoked.end() && entry->second.count(id) > 0;
}

Result<RevocationList> verify_revocations(std::string_view compact, const std::vector<jose::jwk::PublicKey>& roots,
                                          date::sys_seconds now) {
  auto verified = trust::profile::verify(compact, roots, {trust::profile::kTypRevocations}, now);
  if (!verified) return verified.error();
  const auto* revoked = json::find_object(verified->claims, "revoked");
  if (!revoked) return Error{ErrorCode::bad_claims, "revoked object missing"};

  RevocationList list{verified->iss, verified->seq, verified->signature, {}};
  std::size_t total = 0;
  for (const auto& [kid, ids] : revoked->items()) {
    if (!ids.is_array()) return Error{ErrorCode::bad_claims, "revoked." + kid + " must be an array"};
    auto& set = list.revoked[kid];
    for (const auto& id : ids) {
      if (!id.is_string() || id.get_ref<const std::string&>().empty()) {
        return Error{ErrorCode::bad_claims, "revoked ids must be non-empty strings"};
      }
      if (++total > kMaxRevokedIds) return Error{ErrorCode::too_large, "too many revoked ids"};
      set.insert(id.get<std::string>());
    }
  }
  return list;
}

}  // namespace fep::trust
