#include "core/trust/directory.h"

#include <set>

#include "core/jose/jws.h"
#include "core/json/document.h"
#include "core/trust/profile.h"

namespace fep::trust {
namespace {

constexpr std::size_t kMaxIssuers = 10000;

Error bad_entry(std::size_t index, const std::string& detail) {
  return Error{ErrorCode::bad_claims, "issuers/" + std::to_string(index) + ": " + detail};
}

bool https_url(const std::string& text) { return text.size() > 8 && text.compare(0, 8, "https://") == 0; }

Result<ListedIssuer> read_issuer(const json::Json& entry, std::size_t index) {
  if (!entry.is_object()) return bad_entry(index, "must be an object");
  const auto* iss = json::find_string(entry, "iss");
  const auto* name = json::find_string(entry, "name");
  if (!iss || !https_url(iss->get_ref<const std::string&>())) return bad_entry(index, "iss must be an https URL");
  if (!name || name->get_ref<const std::string&>().empty()) return bad_entry(index, "name is required");
  const auto roots = entry.find("roots");
  if (roots == entry.end() || !roots->is_array() || roots->empty()) return bad_entry(index, "roots must list keys");
  ListedIssuer issuer{iss->get<std::string>(), name->get<std::string>(), {}, {}, {}};
  for (const auto& root : *roots) {
    // A private half in a list every widget downloads is a leak, not a key: refused, never stripped.
    if (root.is_object() && root.contains("d")) return bad_entry(index, "roots must be public keys");
    auto key = jose::jwk::parse_public(root);
    if (!key) return bad_entry(index, key.error().detail);
    issuer.roots.push_back(std::move(key).value());
  }
  for (auto [member, url] : {std::pair{"keyset", &issuer.keyset_url}, {"revocations", &issuer.revocations_url}}) {
    if (!entry.contains(member)) continue;
    const auto* text = json::find_string(entry, member);
    if (!text || !https_url(text->get_ref<const std::string&>()))
      return bad_entry(index, std::string(member) + " must be an https URL");
    *url = text->get<std::string>();
  }
  return issuer;
}

}  // namespace

const ListedIssuer* Directory::find(std::string_view wanted) const {
  for (const auto& issuer : issuers) {
    if (issuer.iss == wanted) return &issuer;
  }
  return nullptr;
}

Result<std::vector<ListedIssuer>> read_issuers(const json::Json& issuers) {
  if (!issuers.is_array()) return Error{ErrorCode::bad_claims, "issuers must be an array"};
  if (issuers.size() > kMaxIssuers) return Error{ErrorCode::too_large, "too many issuers"};
  std::vector<ListedIssuer> listed;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < issuers.size(); ++i) {
    auto issuer = read_issuer(issuers[i], i);
    if (!issuer) return issuer.error();
    // One entry per issuer: two would leave the choice of roots to the order of the list.
    if (!seen.insert(issuer->iss).second) return bad_entry(i, issuer->iss + " is listed twice");
    listed.push_back(std::move(issuer).value());
  }
  return listed;
}

json::Json issuers_to_json(const std::vector<ListedIssuer>& issuers) {
  json::Json out = json::Json::array();
  for (const auto& issuer : issuers) {
    json::Json entry = {{"iss", issuer.iss}, {"name", issuer.name}, {"roots", json::Json::array()}};
    for (const auto& root : issuer.roots) entry["roots"].push_back(jose::jwk::to_public_json(root));
    if (!issuer.keyset_url.empty()) entry["keyset"] = issuer.keyset_url;
    if (!issuer.revocations_url.empty()) entry["revocations"] = issuer.revocations_url;
    out.push_back(std::move(entry));
  }
  return out;
}

Result<Directory> verify_directory(std::string_view compact, const std::vector<jose::jwk::PublicKey>& directory_keys,
                                   date::sys_seconds now) {
  auto verified = profile::verify(compact, directory_keys, {profile::kTypDirectory}, now);
  if (!verified) return verified.error();
  const auto issuers = verified->claims.find("issuers");
  if (issuers == verified->claims.end()) return Error{ErrorCode::bad_claims, "issuers array missing"};
  auto listed = read_issuers(*issuers);
  if (!listed) return listed.error();
  return Directory{verified->iss, verified->seq, verified->signature, std::move(listed).value()};
}

Result<std::string> claimed_issuer(std::string_view compact) {
  auto decoded = jose::jws::decode(compact);
  if (!decoded) return decoded.error();
  auto payload = json::Document::parse(std::move(decoded->unverified_payload));
  if (!payload) return Error{ErrorCode::malformed, "payload: " + payload.error().detail};
  const auto iss = payload->root().find("iss");
  if (!iss.is_string()) return Error{ErrorCode::bad_claims, "iss missing"};
  return std::string(iss.string());
}

}  // namespace fep::trust
