#include "core/trust/open.h"

#include "core/jose/base64url.h"
#include "core/trust/directory.h"
#include "core/trust/keys.h"
#include "core/trust/profile.h"

namespace fep::trust {
namespace {

Error malformed_seen(std::string detail) { return Error{ErrorCode::malformed, "seen: " + std::move(detail)}; }

// The stream a verified object belongs to (see Seen).
std::string bundle_stream(const Bundle& bundle) {
  const std::string key = bundle.iss + " " + bundle.sub;
  if (bundle.typ == profile::kTypRoster) return "roster " + key;
  // Each part of an archive is re-signed on its own (when a record in it is quarantined): its own stream.
  if (bundle.typ == profile::kTypArchive)
    return "archive " + key + " " + std::to_string(bundle.data().find("part").integer());
  // A staff member's dashboards: one stream per scope ("" for all their students).
  if (bundle.typ == profile::kTypDashboard)
    return "dashboard " + key + " " + std::string(bundle.data().find("scope").string());
  return key;
}

}  // namespace

Result<Seen> Seen::from_json(const json::Json& json) {
  if (!json.is_object()) return malformed_seen("must be a JSON object");
  Seen seen;
  for (const auto& [stream, value] : json.items()) {
    const auto* seq = value.is_object() ? json::find_integer(value, "seq") : nullptr;
    if (!seq || seq->get<std::int64_t>() < 0) return malformed_seen(stream + " needs a whole seq");
    SeenEntry entry{seq->get<std::int64_t>(), {}};
    if (const auto* signature = json::find_string(value, "signature")) {
      auto bytes = jose::base64url::decode(signature->get_ref<const std::string&>());
      if (!bytes) return malformed_seen(stream + ": signature is not base64url");
      entry.signature = std::move(bytes).value();
    }
    seen.streams.emplace(stream, std::move(entry));
  }
  return seen;
}

Status Seen::accept(const std::string& stream, std::int64_t seq, const std::string& signature, const char* what) {
  auto& entry = streams[stream];
  const bool known = entry.seq > 0 || !entry.signature.empty();
  if (known && seq < entry.seq)
    return Error{ErrorCode::rolled_back, std::string(what) + " seq below the last one seen"};
  if (known && seq == entry.seq && !entry.signature.empty() && signature != entry.signature) {
    return Error{ErrorCode::rolled_back, std::string(what) + ": same seq with a different signature"};
  }
  entry = {seq, signature};
  return {};
}

Result<Seen> Seen::parse(std::string_view json_text) {
  if (json_text.empty()) return Seen{};
  const auto parsed = json::parse_strict(json_text);
  if (!parsed) return malformed_seen(parsed.error().detail);
  return from_json(*parsed);
}

json::Json Seen::to_json() const {
  json::Json out = json::Json::object();
  for (const auto& [stream, entry] : streams) {
    out[stream] = {{"seq", entry.seq}, {"signature", jose::base64url::encode(entry.signature)}};
  }
  return out;
}

namespace {

// With a directory: verifies it (and its rollback), and returns its entry for the issuer the bundle
// claims, whose roots then replace the request's. The claim is read unverified, only to choose roots;
// the key set those roots sign must then be that issuer's, and the bundle must verify under it.
Result<std::optional<ListedIssuer>> listed_issuer(const OpenRequest& request, Seen& seen) {
  if (request.directory.empty()) return std::optional<ListedIssuer>();
  auto directory = verify_directory(request.directory, request.directory_keys, request.now);
  if (!directory) return Error{directory.code(), "directory: " + directory.error().detail};
  if (auto status = seen.accept("directory " + directory->iss, directory->seq, directory->signature, "directory");
      !status) {
    return status.error();
  }
  auto claimed = claimed_issuer(request.bundle);
  if (!claimed) return claimed.error();
  const auto* issuer = directory->find(*claimed);
  if (!issuer) return Error{ErrorCode::unlisted_issuer, *claimed + " is not in the directory"};
  if (request.keyset.empty())
    return Error{ErrorCode::unknown_key, "a directory names roots: give the issuer's key set"};
  return std::optional<ListedIssuer>(*issuer);
}

}  // namespace

Result<Opened> open(const OpenRequest& request, Seen seen) {
  const auto issuer = listed_issuer(request, seen);
  if (!issuer) return issuer.error();
  const auto& roots = *issuer ? (*issuer)->roots : request.roots;
  std::optional<KeySet> set;
  if (!request.keyset.empty()) {
    auto verified = verify_keyset(request.keyset, roots, request.now);
    if (!verified) return Error{verified.code(), "key set: " + verified.error().detail};
    if (auto status = seen.accept("keyset " + verified->iss, verified->seq, verified->signature, "key set"); !status) {
      return status.error();
    }
    set = std::move(verified).value();
  }

  VerifyOptions options;
  options.now = request.now;
  if (request.min_seq) {
    options.min_seq = request.min_seq->seq;
    options.signature_at_min_seq = request.min_seq->signature;
  }
  auto bundle = verify_bundle(request.bundle, set ? set->keys : request.keys, options, request.typ);
  if (!bundle) return bundle.error();
  // Keys and revocations speak for one issuer only: district A's key set never vouches for district B.
  if (set && set->iss != bundle->iss) return Error{ErrorCode::issuer_mismatch, "key set of " + set->iss};

  if (!request.revocations.empty()) {
    auto list = verify_revocations(request.revocations, roots, request.now);
    if (!list) return Error{list.code(), "revocation list: " + list.error().detail};
    if (list->iss != bundle->iss) return Error{ErrorCode::issuer_mismatch, "revocation list of " + list->iss};
    if (auto status = seen.accept("revocations " + list->iss, list->seq, list->signature, "revocation list"); !status) {
      return status.error();
    }
    if (is_revoked(*bundle, *list)) return Error{ErrorCode::revoked, "jti or rid revoked"};
  }
  if (auto status = seen.accept(bundle_stream(*bundle), bundle->seq, bundle->signature, "bundle"); !status) {
    return status.error();
  }
  return Opened{std::move(bundle).value(), *issuer ? (*issuer)->name : std::string(), std::move(seen)};
}

}  // namespace fep::trust
